/**
 * The CM client's 401 policy: the injected token provider's header goes out, a 401 is handed to the
 * provider, and only idempotent calls (RFC 9110 §9.2.2) are sent again after a renewal — once.
 */
import { describe, expect, it } from 'vitest';
import {
  CmApiError,
  CmClient,
  parseWwwAuthenticate,
  type CmAuth,
  type UnauthorizedInfo,
} from '../../../src/cm';
import { BASE, json, recordingFetch } from './fake-fetch';

const REQ = 'a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099';

/** A provider whose token becomes `t2` when a 401 arrives (renewal succeeds unless `renews` is false). */
function provider(renews = true) {
  let token = 't1';
  const seen: UnauthorizedInfo[] = [];
  const auth: CmAuth = {
    authorization: async () => `Bearer ${token}`,
    unauthorized: async (info) => {
      seen.push(info);
      if (!renews) return false;
      token = 't2';
      return true;
    },
  };
  return { auth, seen };
}

/** A CM that accepts only `Bearer t2` and answers others with an RFC 6750 §3 invalid_token challenge. */
function cm() {
  return recordingFetch((c) =>
    c.headers.Authorization === 'Bearer t2'
      ? json(c.method === 'POST' ? 201 : 200, c.method === 'POST' ? `${BASE}/requests/${REQ}` : [])
      : json(
          401,
          { Message: 'x' },
          {
            'WWW-Authenticate':
              'Bearer realm="cm", error="invalid_token", error_description="The access token expired"',
          },
        ),
  );
}

async function caught(p: Promise<unknown>): Promise<CmApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CmApiError) return e;
    throw e;
  }
  throw new Error('expected a CmApiError');
}

describe('CM client and the token provider', () => {
  it('sends the provider’s bearer token; a 401 on a GET renews and retries once with the new token', async () => {
    const { fetch, calls } = cm();
    const p = provider();
    const client = new CmClient({ baseUrl: BASE, fetch, auth: p.auth, getRetries: 0 });
    expect(await client.getProfileTemplates()).toEqual([]);
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(p.seen).toHaveLength(1);
    expect(p.seen[0]!.sent).toBe('Bearer t1');
    expect(p.seen[0]!.challenges[0]).toEqual({
      scheme: 'bearer',
      params: { realm: 'cm', error: 'invalid_token', error_description: 'The access token expired' },
    });
  });

  it('retries a PUT (idempotent) after renewal', async () => {
    const { fetch, calls } = recordingFetch((c) =>
      c.headers.Authorization === 'Bearer t2'
        ? json(200, null)
        : json(401, null, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }),
    );
    const client = new CmClient({ baseUrl: BASE, fetch, auth: provider().auth });
    await client.updateRequestStatus(REQ, 'Completed').catch(() => undefined);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2);
  });

  it('never sends a POST twice: renewed, but the 401 surfaces with renewed=true', async () => {
    const { fetch, calls } = cm();
    const client = new CmClient({ baseUrl: BASE, fetch, auth: provider().auth });
    const e = await caught(client.createRequest({ type: 'Enroll', profileTemplateId: REQ }));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(e.code).toBe('cm/http-401');
    expect(e.data).toMatchObject({ authScheme: 'bearer', bearerError: 'invalid_token', renewed: true });
  });

  it('gives up after one renewal (no loop) and when the provider cannot renew', async () => {
    const always401 = recordingFetch(() =>
      json(401, null, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }),
    );
    const c1 = new CmClient({ baseUrl: BASE, fetch: always401.fetch, auth: provider().auth, getRetries: 3 });
    expect((await caught(c1.getProfileTemplates())).code).toBe('cm/http-401');
    expect(always401.calls).toHaveLength(2);
    const { fetch, calls } = cm();
    const c2 = new CmClient({ baseUrl: BASE, fetch, auth: provider(false).auth });
    const e = await caught(c2.getProfileTemplates());
    expect(calls).toHaveLength(1);
    expect(e.data.renewed).toBeUndefined();
  });

  it('Windows mode: no Authorization header, credentials included, a Negotiate 401 is reported as such', async () => {
    const { fetch, calls } = recordingFetch(
      () =>
        new Response('<h2>401</h2>', {
          status: 401,
          headers: [
            ['WWW-Authenticate', 'Negotiate'],
            ['WWW-Authenticate', 'NTLM'],
          ],
        }),
    );
    const client = new CmClient({ baseUrl: BASE, fetch, getRetries: 0 });
    const e = await caught(client.getProfileTemplates());
    expect(calls[0]!.headers.Authorization).toBeUndefined();
    expect(calls[0]!.credentials).toBe('include');
    expect(e.data).toMatchObject({ status: 401, authScheme: 'negotiate' });
  });

  it('a provider that cannot give a token yields cm/sign-in-required before anything is sent', async () => {
    const { fetch, calls } = cm();
    const auth: CmAuth = {
      authorization: () => Promise.reject(new Error('no user')),
      unauthorized: async () => false,
    };
    const e = await caught(new CmClient({ baseUrl: BASE, fetch, auth }).getProfileTemplates());
    expect(e.code).toBe('cm/sign-in-required');
    expect(calls).toHaveLength(0);
  });
});

describe('WWW-Authenticate parsing (RFC 9110 §11.6.1)', () => {
  it('splits challenges, params, quoted strings and token68', () => {
    expect(parseWwwAuthenticate('Negotiate, NTLM')).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'ntlm', params: {} },
    ]);
    expect(parseWwwAuthenticate('Negotiate oYIBBzCCAQOgAwoBAA==')).toEqual([
      { scheme: 'negotiate', params: { token68: 'oYIBBzCCAQOgAwoBAA==' } },
    ]);
    expect(
      parseWwwAuthenticate(
        'Bearer realm="a, b", error=invalid_token, error_description="say \\"hi\\"", Negotiate',
      ),
    ).toEqual([
      { scheme: 'bearer', params: { realm: 'a, b', error: 'invalid_token', error_description: 'say "hi"' } },
      { scheme: 'negotiate', params: {} },
    ]);
    expect(parseWwwAuthenticate(null)).toEqual([]);
  });
});
