/**
 * The emulator's bearer-token validation (auth "oidc"): real JWS tokens from a throw-away key,
 * checked against a JWKS served over HTTP like an IdP's `jwks_uri`, and the RFC 6750 §3 answers.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { CmApiError } from '../../../src/cm';
import { send, setup } from './helpers';

const P = '/CertificateManagement/api/v1.0/profiletemplates';
const ISS = 'https://adfs.contoso.test/adfs';
const AUD = 'https://cm.contoso.test/certificatemanagement';
const NOW = new Date('2026-03-02T10:00:00Z');
const sec = (d: Date) => Math.floor(d.getTime() / 1000);

let key: CryptoKey, otherKey: CryptoKey, jwk: JWK;
let server: Server;
let jwksUri = '';

beforeAll(async () => {
  const idp = await generateKeyPair('RS256');
  key = idp.privateKey;
  // A second, unrelated pair: its signatures must not verify against the IdP's JWKS.
  otherKey = (await generateKeyPair('RS256')).privateKey;
  jwk = { ...(await exportJWK(idp.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUri = `http://127.0.0.1:${(server.address() as { port: number }).port}/adfs/discovery/keys`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function token(claims: Record<string, unknown> = {}, signWith: CryptoKey = key, iat = NOW) {
  return new SignJWT({ scp: 'openid user_impersonation', upn: 'jdoe@contoso.test', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(String(claims.iss ?? ISS))
    .setAudience(String(claims.aud ?? AUD))
    .setIssuedAt(sec(iat))
    .setExpirationTime(sec(iat) + 3600)
    .sign(signWith);
}

function emu(extra = {}) {
  return setup({
    auth: 'oidc',
    oidcIssuer: ISS,
    oidcAudience: AUD,
    oidcJwksUri: jwksUri,
    now: () => NOW,
    ...extra,
  }).emu;
}

async function get(t: string | undefined, e = emu()) {
  const res = await send(e, 'GET', P, undefined, t === undefined ? {} : { Authorization: `Bearer ${t}` });
  return { status: res.status, challenge: res.headers.get('WWW-Authenticate') };
}

describe('emulator bearer validation (RFC 6750)', () => {
  it('accepts a token signed by the IdP key for the right issuer and audience', async () => {
    expect(await get(await token())).toEqual({ status: 200, challenge: null });
  });

  it('no token → 401 with a bare Bearer challenge (no error code, §3.1)', async () => {
    expect(await get(undefined)).toEqual({ status: 401, challenge: 'Bearer realm="MIM CM"' });
  });

  it('bad signature → invalid_token', async () => {
    const r = await get(await token({}, otherKey));
    expect(r.status).toBe(401);
    expect(r.challenge).toBe(
      'Bearer realm="MIM CM", error="invalid_token", error_description="The token signature is invalid"',
    );
  });

  it('tampered payload (signature of another token) → invalid_token', async () => {
    const [h, , s] = (await token()).split('.');
    const forged = Buffer.from(
      JSON.stringify({ iss: ISS, aud: AUD, exp: sec(NOW) + 99999, upn: 'admin@contoso.test' }),
    ).toString('base64url');
    expect((await get(`${h}.${forged}.${s}`)).challenge).toMatch(/error="invalid_token"/);
  });

  it('wrong issuer → invalid_token naming the iss claim', async () => {
    expect((await get(await token({ iss: 'https://evil.test/adfs' }))).challenge).toMatch(
      /error="invalid_token", error_description="The token's iss claim is not accepted"/,
    );
  });

  it('wrong audience (a token for another relying party) → invalid_token naming aud', async () => {
    const r = await get(await token({ aud: 'urn:microsoft:userinfo' }));
    expect(r.status).toBe(401);
    expect(r.challenge).toMatch(/error_description="The token's aud claim is not accepted"/);
  });

  it('expired (by the emulator clock) → invalid_token "expired"', async () => {
    const old = await token({}, key, new Date(NOW.getTime() - 3601_000));
    expect(await get(old)).toEqual({
      status: 401,
      challenge: 'Bearer realm="MIM CM", error="invalid_token", error_description="The access token expired"',
    });
  });

  it('missing required scope → 403 insufficient_scope', async () => {
    const r = await get(await token({ scp: 'openid' }), emu({ oidcScope: 'user_impersonation' }));
    expect(r).toEqual({
      status: 403,
      challenge:
        'Bearer realm="MIM CM", error="insufficient_scope", error_description="The token lacks the scope user_impersonation", scope="user_impersonation"',
    });
  });

  it('the CM client reads the challenge: cm/http-401 with bearerError invalid_token', async () => {
    const t = await token({ aud: 'someone-else' });
    const { client } = setup(
      { auth: 'oidc', oidcIssuer: ISS, oidcAudience: AUD, oidcJwksUri: jwksUri, now: () => NOW },
      { auth: { authorization: async () => `Bearer ${t}`, unauthorized: async () => false } },
    );
    const e = await client.getProfileTemplates().then(
      () => null,
      (x: unknown) => x as CmApiError,
    );
    expect(e?.code).toBe('cm/http-401');
    expect(e?.data).toMatchObject({ authScheme: 'bearer', bearerError: 'invalid_token' });
  });

  it('refuses to start without issuer, audience or keys', () => {
    expect(() => setup({ auth: 'oidc', oidcIssuer: ISS })).toThrow(/oidcAudience/);
  });
});
