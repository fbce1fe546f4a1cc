import { describe, expect, it } from 'vitest';
import { leakedSecrets, type SecretRecorder } from '../../e2e/secrets';

/** A JWT-shaped access token (header.payload.signature) and its parts. */
const JWT_PAYLOAD = Buffer.from(
  JSON.stringify({ iss: 'https://adfs.test/adfs', aud: 'https://cm.test', exp: 1 }),
).toString('base64url');
const JWT_SIG = 'c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0wMTIzNDU2Nzg5';
const JWT = `eyJhbGciOiJSUzI1NiJ9.${JWT_PAYLOAD}.${JWT_SIG}`;

const rec = (): SecretRecorder => {
  const r: SecretRecorder = {
    bytes: [Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0x01, 0x02, 0x03, 0x04])],
    strings: ['86420135'],
    tokens: [JWT, 'Xy7_refresh-token-value-0123456789'],
    addPin: () => undefined,
  };
  return r;
};

describe('the e2e storage leak check', () => {
  it('finds a PIN in ASCII, hex and base64, and a response in hex (either case) and base64', () => {
    const r = rec();
    expect(leakedSecrets('ls:x=86420135', r).length).toBeGreaterThan(0);
    expect(
      leakedSecrets(`idb:db/journal:${Buffer.from('86420135').toString('hex')}`, r).length,
    ).toBeGreaterThan(0);
    expect(leakedSecrets(`cache:c:${Buffer.from('86420135').toString('base64')}`, r).length).toBeGreaterThan(
      0,
    );
    expect(leakedSecrets('idb:x:CAFEBABE01020304', r).length).toBeGreaterThan(0);
    expect(leakedSecrets('idb:x:cafebabe01020304', r).length).toBeGreaterThan(0);
    expect(
      leakedSecrets(`idb:x:${Buffer.from([0xca, 0xfe, 0xba, 0xbe, 1, 2, 3, 4]).toString('base64')}`, r)
        .length,
    ).toBeGreaterThan(0);
  });

  it('finds a planted access token (whole, or its payload or signature), a refresh token, in sessionStorage too', () => {
    const r = rec();
    expect(leakedSecrets(`ss:oidc.user=${JSON.stringify({ access_token: JWT })}`, r).length).toBeGreaterThan(
      0,
    );
    expect(leakedSecrets(`idb:db/settings:{"x":"${JWT_PAYLOAD}"}`, r).length).toBeGreaterThan(0);
    expect(leakedSecrets(`cache:c:https://app/x?sig=${JWT_SIG}`, r).length).toBeGreaterThan(0);
    expect(leakedSecrets('ls:rt=Xy7_refresh-token-value-0123456789', r).length).toBeGreaterThan(0);
    expect(
      leakedSecrets(`ls:rt=${Buffer.from('Xy7_refresh-token-value-0123456789').toString('base64')}`, r)
        .length,
    ).toBeGreaterThan(0);
  });

  it('passes a dump without them', () => {
    expect(
      leakedSecrets('idb:smartcard-self-service/cards:[{"cardId":"aa00e761"}]\nls:scss.locale=de', rec()),
    ).toEqual([]);
  });
});
