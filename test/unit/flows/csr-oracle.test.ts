/**
 * The PKCS#10 requests built on @peculiar/asn1-* (src/flows/csr.ts, x509-codec.ts) checked by two
 * independent oracles: `openssl req -verify` (RFC 2986 §4.2 self-signature, made by the virtual
 * card's key) and @peculiar/x509 (test-only) for the subject, key and keyUsage request. The subject
 * names also round-trip through @peculiar/x509's own DN encoder byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { describe, expect, it } from 'vitest';
import { GidsCard, PivCard, type KeySpec, type ManagedCard } from '../../../src/card';
import { buildCsr, planFromOptions, spkiOf } from '../../../src/flows/csr';
import { nameToString, parseName } from '../../../src/flows/x509-name';
import { fromHex } from '../../../src/iso7816/hex';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const SUBJECT =
  'CN=Jürgen Müller, OU=Users+OU=Smart Cards, O=Contoso\\, Ltd, DC=contoso, DC=com, E=jm@contoso.com';

function openssl(args: string[], pem: string): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'csr-'));
  try {
    writeFileSync(join(dir, 'req.pem'), pem);
    const r = spawnSync('openssl', [...args, '-in', join(dir, 'req.pem')], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pemOf = (b64: string) =>
  `-----BEGIN CERTIFICATE REQUEST-----\n${b64.replace(/\r\n/g, '\n')}\n-----END CERTIFICATE REQUEST-----\n`;

async function cardCsr(card: ManagedCard, slot: string, spec: KeySpec, hash: string, keyUsages: number) {
  const plan = planFromOptions({
    Subject: SUBJECT,
    KeyAlgorithmName: spec.kind === 'rsa' ? 'RSA' : 'ECDSA_' + spec.curve.replace('-', ''),
    KeySize: spec.kind === 'rsa' ? spec.bits : Number(spec.curve.slice(2)),
    HashAlgorithmName: hash,
    KeyUsages: keyUsages,
  } as never);
  const pub = await card.keys.generateKey(slot, spec);
  const spki = await spkiOf(pub, spec);
  return { b64: await buildCsr(card.keys, slot, plan, spki), spki };
}

async function checkWithOracles(b64: string, spki: Uint8Array, usage: number) {
  expect(b64.split('\r\n').every((l) => l.length <= 64)).toBe(true);
  const v = openssl(['req', '-verify', '-noout'], pemOf(b64));
  expect(v.out).toMatch(/verify OK/);
  expect(v.status).toBe(0);
  const csr = new x509.Pkcs10CertificateRequest(b64.replace(/\r\n/g, ''));
  expect(await csr.verify()).toBe(true);
  expect(csr.subject).toBe(SUBJECT);
  expect(Buffer.from(csr.publicKey.rawData).toString('hex')).toBe(Buffer.from(spki).toString('hex'));
  const ku = csr.extensions.find((e) => e.type === '2.5.29.15') as x509.KeyUsagesExtension | undefined;
  expect(ku?.critical).toBe(true);
  expect(ku?.usages).toBe(usage);
  // The same request with one signature byte flipped fails openssl: the oracle can say no.
  const der = Buffer.from(b64.replace(/\r\n/g, ''), 'base64');
  der[der.length - 5]! ^= 0x01;
  const bad = openssl(['req', '-verify', '-noout'], pemOf(der.toString('base64')));
  // (openssl 3.0 exits 0 either way; the verdict is in its message.)
  expect(bad.out).not.toMatch(/verify OK/);
  expect(bad.out).toMatch(/verify fail/);
}

describe('PKCS#10 requests signed by the virtual card', () => {
  it('GIDS RSA-2048, SHA-256, sign+decrypt → digitalSignature|keyEncipherment', async () => {
    const card = new GidsCard(directConnection(new VirtualGidsCard({ pin: '12345678' })));
    await card.verifyPin('12345678');
    const spec: KeySpec = { kind: 'rsa', bits: 2048 };
    const slot = await card.keys.allocateKeySlot({ decrypt: true, sign: true }, spec, []);
    const { b64, spki } = await cardCsr(card, slot, spec, 'SHA256', 3);
    await checkWithOracles(
      b64,
      spki,
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
    );
    expect(openssl(['req', '-noout', '-text'], pemOf(b64)).out).toMatch(/sha256WithRSAEncryption/);
  });

  it.each([
    ['P-256', 'SHA256', /ecdsa-with-SHA256/],
    ['P-384', 'SHA384', /ecdsa-with-SHA384/],
  ] as const)('PIV ECC %s, %s, logon key in 9A', async (curve, hash, alg) => {
    const card = new PivCard(directConnection(new VirtualPivCard({ pin: '123456' })));
    const key = fromHex('0102030405060708'.repeat(3));
    await card.authenticateAdmin(tdesEcbEncrypt(key, await card.getAdminChallenge()));
    await card.verifyPin('123456');
    const { b64, spki } = await cardCsr(card, '9a', { kind: 'ec', curve }, hash, 2);
    await checkWithOracles(b64, spki, x509.KeyUsageFlags.digitalSignature);
    expect(openssl(['req', '-noout', '-text'], pemOf(b64)).out).toMatch(alg);
  });
});

describe('subject names (RFC 5280 §4.1.2.4)', () => {
  it.each([
    SUBJECT,
    'CN=Max Mustermann',
    'CN="Doe, John", C=DE',
    'CN=#0c03616263',
    '2.5.4.3=By OID, L=Köln, ST=NRW',
    'CN=Trailing\\ , OU=\\#hash',
  ])('%s encodes as @peculiar/x509 encodes it and reads back', (dn) => {
    const ours = new Uint8Array(AsnConvert.serialize(parseName(dn)));
    const theirs = new Uint8Array(new x509.Name(dn).toArrayBuffer());
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
    expect(nameToString(parseName(dn))).toBe(new x509.Name(dn).toString());
  });

  it('keeps literal inner quotes and escaped trailing spaces', () => {
    const n = parseName('CN=A "quoted" \\+ plus\\ , OU=x');
    expect(n[0]![0]!.value.toString()).toBe('A "quoted" + plus ');
    expect(n[1]![0]!.value.toString()).toBe('x');
  });

  it('refuses an unknown attribute type and an unterminated quote', () => {
    expect(() => parseName('XX=1')).toThrow(/Unknown attribute type/);
    expect(() => parseName('CN="open')).toThrow(/Unterminated quote/);
  });
});
