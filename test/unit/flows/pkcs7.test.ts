/**
 * Reading CM's certs-only PKCS#7 (RFC 5652 §5) on @peculiar/asn1-* (src/flows/pkcs7.ts,
 * x509-codec.ts), checked against bundles and certificates made by @peculiar/x509 (test-only):
 * the matching leaf and its chain, the issuer signature (RSA PKCS#1 v1.5 and ECDSA P-256 issuers),
 * and the typed errors for a forged leaf, an unreadable bundle and a read-back mismatch.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { checkInstalled, matchCertificate } from '../../../src/flows/pkcs7';

const subtle = globalThis.crypto.subtle;
x509.cryptoProvider.set(globalThis.crypto);
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const gen = async (alg: typeof RSA | typeof EC) =>
  (await subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;

async function world(caAlg: typeof RSA | typeof EC) {
  const caKeys = await gen(caAlg);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Test CA, DC=contoso, DC=com',
    keys: caKeys,
    signingAlgorithm: caAlg,
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2040-01-01'),
  });
  const leafKeys = await gen(EC);
  const issue = (signingKey: CryptoKey) =>
    x509.X509CertificateGenerator.create({
      serialNumber: '00a1b2c3',
      subject: 'CN=Jürgen Müller, OU=Users',
      issuer: ca.subject,
      publicKey: leafKeys.publicKey,
      signingKey,
      signingAlgorithm: caAlg,
      notBefore: new Date('2024-01-01'),
      notAfter: new Date('2026-06-30T12:00:00Z'),
    });
  const leaf = await issue(caKeys.privateKey);
  const spki = new Uint8Array(leaf.publicKey.rawData);
  return {
    ca,
    caKeys,
    leaf,
    spki,
    issue,
    bundle: (certs: x509.X509Certificate[]) =>
      new x509.X509Certificates(certs).export('base64').replace(/(.{64})/g, '$1\r\n'),
  };
}

describe('PKCS#7 certificate results', () => {
  it.each([
    ['RSA', RSA],
    ['ECDSA P-256', EC],
  ] as const)('%s issuer: finds the leaf for the on-card key, its chain and subject', async (_, alg) => {
    const w = await world(alg);
    const other = new Uint8Array(await subtle.exportKey('spki', (await gen(EC)).publicKey));
    const m = await matchCertificate(w.bundle([w.ca, w.leaf]), [other, w.spki]);
    expect(m?.index).toBe(1);
    expect(m?.subject).toBe(w.leaf.subject);
    expect(Buffer.from(m!.der).equals(Buffer.from(w.leaf.rawData))).toBe(true);
    expect(m!.chain.map((c) => Buffer.from(c).toString('hex'))).toEqual([
      Buffer.from(w.ca.rawData).toString('hex'),
    ]);
    expect(await matchCertificate(w.bundle([w.ca, w.leaf]), [other])).toBeUndefined();
  });

  it('a leaf signed by another key under the same issuer name is pkcs7/bad-signature', async () => {
    const w = await world(RSA);
    const forged = await w.issue((await gen(RSA)).privateKey);
    await expect(matchCertificate(w.bundle([w.ca, forged]), [w.spki])).rejects.toMatchObject({
      code: 'pkcs7/bad-signature',
    });
  });

  it('an unreadable bundle is pkcs7/bad-data', async () => {
    for (const bad of ['not base64 at all!', 'MIIB', Buffer.from('hello').toString('base64')]) {
      await expect(matchCertificate(bad, [])).rejects.toMatchObject({ code: 'pkcs7/bad-data' });
    }
  });

  it('checkInstalled reads what @peculiar/x509 reads and refuses a foreign key or issuer', async () => {
    const w = await world(EC);
    const der = new Uint8Array(w.leaf.rawData);
    const got = await checkInstalled('9a', der, w.spki, new Uint8Array(w.ca.rawData));
    expect(got).toEqual({
      slot: '9a',
      subject: w.leaf.subject,
      issuer: w.leaf.issuer,
      serialNumber: w.leaf.serialNumber.toUpperCase(),
      notAfter: w.leaf.notAfter.toISOString(),
    });
    expect(got.serialNumber).toBe('A1B2C3'); // the INTEGER's sign octet 00 is not part of the serial
    await expect(
      checkInstalled('9a', der, new Uint8Array(w.ca.publicKey.rawData), undefined),
    ).rejects.toMatchObject({ code: 'pkcs7/readback-mismatch' });
    const strangerCa = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '02',
      name: 'CN=Test CA, DC=contoso, DC=com',
      keys: await gen(EC),
      signingAlgorithm: EC,
    });
    await expect(checkInstalled('9a', der, w.spki, new Uint8Array(strangerCa.rawData))).rejects.toMatchObject(
      { code: 'pkcs7/readback-mismatch' },
    );
  });
});
