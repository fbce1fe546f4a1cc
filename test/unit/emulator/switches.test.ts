/** Emulator switches, seen through the client's error mapping where one applies. */
import { describe, expect, it } from 'vitest';
import { CmApiError } from '../../../src/cm';
import { parseCli } from '../../../emulator/options';
import { send, setup } from './helpers';

const P = '/CertificateManagement/api/v1.0';
const REQ_BODY = {
  datacollection: '[]',
  type: 'Enroll',
  profiletemplateuuid: '2b7044cf-aa96-4911-b886-177947e9271b',
  comment: '',
};

async function codeOf(p: Promise<unknown>): Promise<CmApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CmApiError);
  return e as CmApiError;
}

describe('emulator switches', () => {
  it('auth: 401 with a Negotiate challenge without an Authorization header → cm/http-401', async () => {
    const { emu, client } = setup({ auth: 'negotiate' });
    const res = await send(emu, 'GET', `${P}/profiletemplates`);
    expect([res.status, res.headers.get('WWW-Authenticate')]).toEqual([401, 'Negotiate, NTLM']);
    expect(
      (await send(emu, 'GET', `${P}/profiletemplates`, undefined, { Authorization: 'Negotiate YIIG...' }))
        .status,
    ).toBe(200);
    expect(
      (await send(emu, 'GET', `${P}/profiletemplates`, undefined, { Authorization: 'Bearer x' })).status,
    ).toBe(401);
    expect((await codeOf(client.getProfileTemplates())).code).toBe('cm/http-401');
  });

  it('force500: correlation id in the body and in the event log → cm/http-500 carrying it', async () => {
    const log: string[] = [];
    const { client } = setup({ force500: 'certificates', log: (l) => log.push(l) });
    const e = await codeOf(client.getUserCertificates());
    expect(e.code).toBe('cm/http-500');
    expect(log.join('\n')).toContain(`correlation ${e.correlationId}`);
    expect(await client.getProfileTemplates()).not.toHaveLength(0); // other paths unaffected
  });

  it('forbidSensitive: 403 on the three sensitive routes only → cm/http-403', async () => {
    const { client, emu } = setup({ forbidSensitive: true });
    const req = await client.createRequest({
      type: 'Enroll',
      profileTemplateId: REQ_BODY.profiletemplateuuid,
    });
    const sc = await client.assignSmartcard({
      requestId: req,
      cardId: 'bc88f13f-83ba-4037-8262-46eba1291c6e',
    });
    const q = { cardId: 'bc88f13f-83ba-4037-8262-46eba1291c6e' };
    expect((await codeOf(client.getDiversifiedKey(req, sc, q))).code).toBe('cm/http-403');
    expect(
      (
        await codeOf(
          client.getAuthenticationResponse(req, sc, {
            ...q,
            challenge: new Uint8Array(8),
            diversified: false,
          }),
        )
      ).data.nextStep,
    ).toMatch(/Sensitive API group/);
    expect((await codeOf(client.getServerProposedPin(req, sc, q))).status).toBe(403);
    expect(emu.state.cards.get(sc)?.proposedPin).toBeUndefined();
  });

  it('apiDisabled: every route 404 → cm/http-404 naming Clm.WebApi.Enabled', async () => {
    const { client } = setup({ apiDisabled: true });
    expect((await codeOf(client.getProfileTemplates())).data.nextStep).toMatch(/Clm\.WebApi\.Enabled/);
  });

  it('pin route variant: the client falls back to the route the server has', async () => {
    for (const variant of ['request', 'smartcard'] as const) {
      const { client, emu } = setup({ serverProposedPinRoute: variant });
      const req = await client.createRequest({
        type: 'Enroll',
        profileTemplateId: REQ_BODY.profiletemplateuuid,
      });
      const sc = await client.assignSmartcard({
        requestId: req,
        cardId: 'bc88f13f-83ba-4037-8262-46eba1291c6e',
      });
      expect(
        await client.getServerProposedPin(req, sc, { cardId: 'bc88f13f-83ba-4037-8262-46eba1291c6e' }),
      ).toBe(emu.state.cards.get(sc)!.proposedPin);
      expect(client.routes.serverProposedPin).toBe(variant);
    }
  });

  it('policy route variant: only /policy/workflow/ served → client falls back', async () => {
    const { client } = setup({ workflowPolicyRoute: 'policy-workflow' });
    await client.getWorkflowPolicy('97cd65fa-af4b-4587-9309-0dd6bfd8b4e1', 'Enroll');
    expect(client.routes.workflowPolicy).toBe('policy-workflow');
  });

  it('latency: every answer waits at least the configured time', async () => {
    const { client } = setup({ latencyMs: 40 });
    const t0 = performance.now();
    await client.getProfileTemplates();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(38);
  });

  it('CORS off / pam / full: headers and preflight', async () => {
    const origin = { Origin: 'http://app.test' };
    const off = setup().emu;
    expect(
      (await send(off, 'GET', `${P}/profiletemplates`, undefined, origin)).headers.get(
        'Access-Control-Allow-Origin',
      ),
    ).toBeNull();
    expect((await send(off, 'OPTIONS', `${P}/requests`, undefined, origin)).status).toBe(405);
    const pam = setup({ cors: 'pam', corsOrigins: ['http://pamsrv:8090'] }).emu;
    const pr = await send(pam, 'GET', `${P}/profiletemplates`, undefined, origin);
    expect([
      pr.headers.get('Access-Control-Allow-Origin'),
      pr.headers.get('Access-Control-Allow-Credentials'),
      pr.headers.get('Access-Control-Allow-Headers'),
      pr.headers.get('Access-Control-Allow-Methods'),
    ]).toEqual(['http://pamsrv:8090', 'true', 'content-type', null]);
    const full = setup({ cors: 'full', corsOrigins: ['http://app.test'], auth: 'negotiate' }).emu;
    const pre = await send(full, 'OPTIONS', `${P}/requests`, undefined, {
      ...origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    });
    expect([
      pre.status,
      pre.headers.get('Access-Control-Allow-Methods'),
      pre.headers.get('Access-Control-Allow-Origin'),
    ]).toEqual([204, 'GET, POST, PUT, OPTIONS', 'http://app.test']);
    const denied = await send(full, 'GET', `${P}/profiletemplates`, undefined, origin);
    expect([denied.status, denied.headers.get('Access-Control-Allow-Origin')]).toEqual([
      401,
      'http://app.test',
    ]);
    expect(
      (await send(full, 'OPTIONS', `${P}/requests`, undefined, { Origin: 'http://evil.test' })).status,
    ).toBe(403);
  });

  it('Web API edges: 404 unknown route, 405 wrong method, 415 non-JSON body, 400 bad GUID', async () => {
    const { emu } = setup();
    expect((await send(emu, 'GET', `${P}/nothing`)).status).toBe(404);
    const m = await send(emu, 'PUT', `${P}/profiletemplates`, {});
    expect([m.status, m.headers.get('Allow')]).toEqual([405, 'GET']);
    const t = await emu.handle(
      new Request(`http://x${P}/requests`, {
        method: 'POST',
        body: 'type=Enroll',
        headers: { 'Content-Type': 'text/plain' },
      }),
    );
    expect(t.status).toBe(415);
    expect((await send(emu, 'GET', `${P}/requests/not-a-guid`)).status).toBe(400);
    expect(
      (await send(emu, 'GET', `${P.toLowerCase()}/REQUESTS/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099`)).status,
    ).toBe(204);
  });

  it('CLI flags and JSON config parse into options; bad values are refused', () => {
    expect(
      parseCli([
        '--port',
        '4391',
        '--auth=negotiate',
        '--cors',
        'full',
        '--cors-origin',
        'http://a,http://b',
        '--latency',
        '25',
        '--forbid-sensitive',
        '--force-500',
        'certificatedata',
        '--pin-route',
        'request',
        '--require-approval',
        'false',
      ]),
    ).toEqual({
      port: 4391,
      auth: 'negotiate',
      cors: 'full',
      corsOrigins: ['http://a', 'http://b'],
      latencyMs: 25,
      forbidSensitive: true,
      force500: 'certificatedata',
      serverProposedPinRoute: 'request',
      requireApproval: false,
    });
    expect(() => parseCli(['--auth', 'kerberos'])).toThrow(/auth must be one of/);
    expect(() => parseCli(['--port', '-1'])).toThrow();
    expect(() => parseCli(['--nope'])).toThrow(/Unknown flag/);
  });
});
