/** Status → CmApiError mapping, correlation ids, 204, timeouts, aborts, retries and route fallbacks. */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortedError } from '../../../src/errors';
import { CmApiError, CmClient, CmInputError, isNoContent, parseErrorBody } from '../../../src/cm';
import { BASE, json, recordingFetch, type Responder } from './fake-fetch';

const REQ = 'a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099';
const CID = '5e0b1d4c-2f7a-4c39-9d11-0a2b3c4d5e6f';

function client(responder: Responder, extra: Partial<ConstructorParameters<typeof CmClient>[0]> = {}) {
  const rec = recordingFetch(responder);
  return {
    c: new CmClient({ baseUrl: BASE, fetch: rec.fetch, retryBaseDelayMs: 1, random: () => 0.5, ...extra }),
    calls: rec.calls,
  };
}

async function errorOf(p: Promise<unknown>): Promise<CmApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CmApiError);
  return e as CmApiError;
}

afterEach(() => vi.unstubAllGlobals());

describe('CmApiError mapping', () => {
  it.each([
    [401, 'cm/http-401', /AuthServerAllowlist/],
    [403, 'cm/http-403', /Sensitive API group/],
    [404, 'cm/http-404', /Clm\.WebApi\.Enabled/],
    [500, 'cm/http-500', /correlation id/],
    [418, 'cm/http-error', /unexpected HTTP status/],
  ])('HTTP %i → %s with a next step', async (status, code, next) => {
    const { c, calls } = client(() =>
      json(status, { Message: `An error has occurred. Correlation ID: ${CID}` }),
    );
    const e = await errorOf(c.getRequest(REQ));
    expect([e.code, e.status, e.correlationId]).toEqual([code, status, CID]);
    expect(e.data.nextStep).toMatch(next);
    expect(calls).toHaveLength(1); // none of these is retried
  });

  it('204 is a typed no-content result, and an empty list for list operations', async () => {
    const { c } = client(() => new Response(null, { status: 204 }));
    expect(isNoContent(await c.getRequest(REQ))).toBe(true);
    expect(await c.listRequests({ targetUser: 'current', status: 'Approved' })).toEqual([]);
    expect(await c.getSmartcardOperations(REQ)).toEqual([]);
  });

  it('a body that is not the documented shape is cm/bad-response naming the field', async () => {
    const { c } = client(() => json(200, { Uuid: REQ, Status: '3' }));
    const e = await errorOf(c.getSmartcard(REQ));
    expect(e.code).toBe('cm/bad-response');
    expect(e.data.field).toMatch(/^Status/);
  });

  it('same-origin fetch failure is cm/network; cross-origin is cm/cors and explains CORS', async () => {
    const fail: Responder = () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await errorOf(client(fail, { getRetries: 0 }).c.getUserCertificates())).code).toBe('cm/network');
    vi.stubGlobal('location', { origin: 'https://app.contoso.com' });
    const e = await errorOf(client(fail, { getRetries: 0 }).c.getUserCertificates());
    expect([e.code, e.data.pageOrigin, e.data.serverOrigin]).toEqual([
      'cm/cors',
      'https://app.contoso.com',
      'https://cm.contoso.com',
    ]);
    expect(e.data.nextStep).toMatch(/CORS/);
  });

  it('a GET is retried after cm/network but never after cm/cors (a refused origin stays refused)', async () => {
    const fail: Responder = () => {
      throw new TypeError('Failed to fetch');
    };
    const same = client(fail, { getRetries: 2 });
    expect((await errorOf(same.c.getUserCertificates())).code).toBe('cm/network');
    expect(same.calls).toHaveLength(3);
    vi.stubGlobal('location', { origin: 'https://app.contoso.com' });
    const cross = client(fail, { getRetries: 2 });
    expect((await errorOf(cross.c.getUserCertificates())).code).toBe('cm/cors');
    expect(cross.calls).toHaveLength(1);
  });

  it('a stalled server becomes cm/timeout within the bound, retried for GET only', async () => {
    const hang: Responder = () => new Promise<Response>(() => undefined); // never answers
    const { c, calls } = client(hang, { timeoutMs: 20, getRetries: 1 });
    const t0 = Date.now();
    expect((await errorOf(c.getUserCertificates())).code).toBe('cm/timeout');
    expect(calls).toHaveLength(2);
    expect(Date.now() - t0).toBeLessThan(2000);
    const post = client(hang, { timeoutMs: 20, getRetries: 3 });
    expect((await errorOf(post.c.updateRequestStatus(REQ, 'Canceled'))).code).toBe('cm/timeout');
    expect(post.calls).toHaveLength(1);
  });

  it('retries GETs on 503 with jitter, bounded, then succeeds or gives up', async () => {
    let n = 0;
    const { c, calls } = client(() => (++n < 3 ? json(503, { Message: 'busy' }) : json(200, ['renew'])), {
      getRetries: 2,
    });
    expect(await c.getSmartcardOperations(REQ)).toEqual(['renew']);
    expect(calls).toHaveLength(3);
    const always = client(() => json(503, {}), { getRetries: 2 });
    expect((await errorOf(always.c.getSmartcardOperations(REQ))).status).toBe(503);
    expect(always.calls).toHaveLength(3);
    const post = client(() => json(503, {}), { getRetries: 2 });
    await errorOf(post.c.createRequest({ type: 'Enroll', profileTemplateId: REQ }));
    expect(post.calls).toHaveLength(1); // POST is never retried
  });

  it('an abort signal rejects with AbortedError, not a CM error', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const { c } = client(() => json(200, []));
    await expect(c.getUserCertificates(ctl.signal)).rejects.toBeInstanceOf(AbortedError);
  });

  it('bad ids are rejected before sending', async () => {
    const { c, calls } = client(() => json(200, {}));
    expect(() => c.getRequest('not-a-guid')).toThrow(CmInputError);
    expect(calls).toHaveLength(0);
  });
});

describe('route fallbacks (doc defects 2, 4, 13)', () => {
  it('serverproposedpin falls back to the page route on 404 and remembers it', async () => {
    const { c, calls } = client((call) =>
      call.rel.startsWith('/requests/') ? json(404, { Message: 'No HTTP resource' }) : json(200, '12345678'),
    );
    expect(await c.getServerProposedPin(REQ, CID, { cardId: CID })).toBe('12345678');
    expect(await c.getServerProposedPin(REQ, CID, { cardId: CID })).toBe('12345678');
    expect(calls.map((x) => x.rel.split('?')[0]!.split('/')[1])).toEqual([
      'requests',
      'smartcards',
      'smartcards',
    ]);
    expect(c.routes.serverProposedPin).toBe('smartcard');
  });

  it('workflow policy tries /policy/workflow/ on 404; two 404s surface the first (API disabled)', async () => {
    const { c } = client(() => json(404, { Message: 'not found' }));
    const e = await errorOf(c.getWorkflowPolicy(REQ, 'Enroll'));
    expect(e.code).toBe('cm/http-404');
    expect(e.data.path).toContain('/policies/enroll');
  });

  it('datacollection switches encoding once on 400', async () => {
    const { c, calls } = client((call) =>
      typeof (call.body as { datacollection: unknown }).datacollection === 'string'
        ? json(400, { Message: 'bad' })
        : json(201, `api/v1.0/requests/${REQ}`),
    );
    expect(
      await c.createRequest({
        type: 'Enroll',
        profileTemplateId: CID,
        dataCollection: [{ name: 'a', value: 'b' }],
      }),
    ).toBe(REQ);
    expect((calls[1]!.body as { datacollection: unknown }).datacollection).toEqual([{ a: 'b' }]);
    expect(c.routes.dataCollection).toBe('array');
  });
});

describe('parseErrorBody', () => {
  it('finds the correlation id in Web API and text bodies', () => {
    expect(
      parseErrorBody(`{"Message":"An error has occurred. Correlation ID: ${CID.toUpperCase()}"}`),
    ).toEqual({ message: `An error has occurred. Correlation ID: ${CID.toUpperCase()}`, correlationId: CID });
    expect(parseErrorBody(`Server Error, correlation id ${CID}`).correlationId).toBe(CID);
    expect(parseErrorBody('{"Message":"Authorization has been denied"}').correlationId).toBeUndefined();
  });

  it('never throws and only reports GUIDs (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.uuid().map((u) => `{"Message":"x Correlation ID: ${u}"}`),
        ),
        (text) => {
          const r = parseErrorBody(text);
          if (r.correlationId !== undefined)
            expect(r.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        },
      ),
    );
  });
});
