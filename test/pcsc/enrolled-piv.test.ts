/**
 * A PIV card enrolled by the project, read by OpenSC's PIV driver (card-piv.c, pkcs15-piv.c) and
 * by Yubico's yubico-piv-tool (libykpiv) over a real PC/SC stack: the certificate in 5FC105 next to
 * key 9A (SP 800-73-4 Part 1 §3.3.2, Table 4b), signed by the PIN-protected key.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, SMARTCARD_STATUSES, enrollVirtualCard, type Enrolled } from './enrolled';
import { OPENSC_PKCS11 } from './pcscd-harness';
import { derToPem, pcscWorld, pemToDer, type PcscWorld } from './tools';

let pw: PcscWorld;
let e: Enrolled;
// yubico-piv-tool connects only to readers whose name contains its -r filter (default "Yubikey").
const READER = 'Virtual PCD';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

beforeAll(async () => {
  [pw, e] = await Promise.all([pcscWorld(), enrollVirtualCard('piv')]);
  await pw.server.insert(e.card);
  await pw.cardSeen();
  writeFileSync(join(pw.dir, 'cert.pem'), derToPem(e.issued[0]!));
  const pub = await pw.tool('openssl', [
    'x509',
    '-in',
    join(pw.dir, 'cert.pem'),
    '-pubkey',
    '-noout',
    '-out',
    join(pw.dir, 'pub.pem'),
  ]);
  expect(pub.code, pub.all).toBe(0);
});
afterAll(async () => pw?.stop());

describe('OpenSC and yubico-piv-tool on a PIV card the project enrolled', () => {
  it('the flow completed: one certificate issued, request Completed, card Active', () => {
    expect(e.issued).toHaveLength(1);
    expect([e.requestStatus, e.cardStatus]).toEqual([REQUEST_STATUSES.Completed, SMARTCARD_STATUSES.Active]);
  });

  it('pkcs15-tool -D lists the PIV PIN, the 9A key (ID 01) and the PIV Authentication certificate', async () => {
    const r = await pw.tool('pkcs15-tool', ['-D']);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toMatch(/PIV/);
    expect(r.stdout).toMatch(/Private RSA Key \[PIV AUTH key\][\s\S]*?ID\s*:\s*01/);
    expect(r.stdout).toMatch(/X\.509 Certificate \[Certificate for PIV Authentication\][\s\S]*?ID\s*:\s*01/);
  });

  it('pkcs15-tool --read-certificate 01 returns the bytes CM issued', async () => {
    const r = await pw.tool('pkcs15-tool', ['--read-certificate', '01']);
    expect(r.code, r.all).toBe(0);
    expect(hex(pemToDer(r.stdout))).toBe(hex(e.issued[0]!));
  });

  it('pkcs11-tool -O (logged in) shows the 9A private key and its certificate', async () => {
    const r = await pw.tool('pkcs11-tool', ['--module', OPENSC_PKCS11, '--login', '--pin', e.pin, '-O']);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toMatch(/Private Key Object; RSA[\s\S]*?ID:\s*01/);
    expect(r.stdout).toMatch(/Certificate Object[\s\S]*?ID:\s*01/);
  });

  it('PIN login and SHA256-RSA-PKCS sign with 9A; openssl verifies the signature with the certificate', async () => {
    const data = join(pw.dir, 'data.bin');
    const sig = join(pw.dir, 'sig.bin');
    writeFileSync(data, `PIV signed through pcscd at ${new Date().toISOString()}`);
    const s = await pw.tool('pkcs11-tool', [
      '--module',
      OPENSC_PKCS11,
      '--login',
      '--pin',
      e.pin,
      '--sign',
      '--mechanism',
      'SHA256-RSA-PKCS',
      '--id',
      '01',
      '-i',
      data,
      '-o',
      sig,
    ]);
    expect(s.code, s.all).toBe(0);
    const v = await pw.tool('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      join(pw.dir, 'pub.pem'),
      '-signature',
      sig,
      data,
    ]);
    expect(v.code, v.all).toBe(0);
    expect(v.stdout).toMatch(/Verified OK/);
  });

  it('yubico-piv-tool -a status shows slot 9a with the issued certificate and all PIN tries', async () => {
    // Pulled and re-inserted: the earlier logins leave the PIN verified while the card stays
    // powered, and a verified PIN makes libykpiv report -1 tries (VERIFY without data → 9000).
    await pw.server.remove();
    await pw.server.insert(e.card);
    await pw.cardSeen();
    const r = await pw.tool('yubico-piv-tool', ['-r', READER, '-a', 'status']);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toMatch(/Slot 9a:/);
    const fp = await pw.tool('openssl', [
      'x509',
      '-in',
      join(pw.dir, 'cert.pem'),
      '-noout',
      '-fingerprint',
      '-sha256',
    ]);
    const sha256 = /=([0-9A-F:]+)/.exec(fp.stdout)![1]!.replace(/:/g, '').toLowerCase();
    expect(r.stdout.toLowerCase()).toContain(sha256);
    expect(r.stdout).toMatch(/PIN tries left:\s*3/);
  });

  it('yubico-piv-tool -a read-certificate -s 9a returns the bytes CM issued', async () => {
    const r = await pw.tool('yubico-piv-tool', ['-r', READER, '-a', 'read-certificate', '-s', '9a']);
    expect(r.code, r.all).toBe(0);
    expect(hex(pemToDer(r.stdout))).toBe(hex(e.issued[0]!));
  });
});
