/**
 * A GIDS card enrolled by the project, read by OpenSC over a real PC/SC stack: OpenSC's GIDS
 * driver (card-gids.c, pkcs15-gids.c) reads the same minidriver files (`mscp/cmapfile`, `kxcNN`,
 * the masterfile) that Windows' GIDS minidriver uses.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, SMARTCARD_STATUSES, enrollVirtualCard, type Enrolled } from './enrolled';
import { OPENSC_PKCS11 } from './pcscd-harness';
import { derToPem, pcscWorld, pemToDer, type PcscWorld } from './tools';

let pw: PcscWorld;
let e: Enrolled;
let keyId: string;

beforeAll(async () => {
  [pw, e] = await Promise.all([pcscWorld(), enrollVirtualCard('gids')]);
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

describe('OpenSC on a GIDS card the project enrolled', () => {
  it('the flow completed: one certificate issued, request Completed, card Active', () => {
    expect(e.issued).toHaveLength(1);
    expect([e.requestStatus, e.cardStatus]).toEqual([REQUEST_STATUSES.Completed, SMARTCARD_STATUSES.Active]);
  });

  it('pkcs15-tool -D lists the PIN, the RSA-2048 key and its certificate', async () => {
    const r = await pw.tool('pkcs15-tool', ['-D']);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toMatch(/GIDS/i);
    expect(r.stdout).toMatch(/Private RSA Key/);
    expect(r.stdout).toMatch(/ModLength\s*:\s*2048/);
    expect(r.stdout).toMatch(/X\.509 Certificate/);
    const id = /Private RSA Key[\s\S]*?\n\s*ID\s*:\s*([0-9a-fA-F]+)/.exec(r.stdout);
    expect(id, r.all).not.toBeNull();
    keyId = id![1]!;
  });

  it('pkcs15-tool --read-certificate returns the bytes CM issued', async () => {
    const r = await pw.tool('pkcs15-tool', ['--read-certificate', keyId]);
    expect(r.code, r.all).toBe(0);
    expect(Buffer.from(pemToDer(r.stdout)).toString('hex')).toBe(Buffer.from(e.issued[0]!).toString('hex'));
  });

  it('pkcs11-tool -O (logged in) shows the private key, public key and certificate under one id', async () => {
    // Private key objects are private (CKA_PRIVATE): listed only in a logged-in session.
    const r = await pw.tool('pkcs11-tool', ['--module', OPENSC_PKCS11, '--login', '--pin', e.pin, '-O']);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toMatch(/Private Key Object; RSA/);
    expect(r.stdout).toMatch(/Certificate Object/);
    const ids = [...r.stdout.matchAll(/\n\s*ID:\s*([0-9a-f]+)/g)].map((m) => m[1]);
    expect(ids).toContain(keyId.toLowerCase());
  });

  it('PIN login and SHA256-RSA-PKCS sign; openssl verifies the signature with the certificate', async () => {
    const data = join(pw.dir, 'data.bin');
    const sig = join(pw.dir, 'sig.bin');
    writeFileSync(data, `signed through pcscd at ${new Date().toISOString()}`);
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
      keyId,
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

  it('a wrong PIN is refused by the card (login fails, nothing signed)', async () => {
    const data = join(pw.dir, 'data2.bin');
    writeFileSync(data, 'x');
    const s = await pw.tool('pkcs11-tool', [
      '--module',
      OPENSC_PKCS11,
      '--login',
      '--pin',
      '00000000',
      '--sign',
      '--mechanism',
      'SHA256-RSA-PKCS',
      '--id',
      keyId,
      '-i',
      data,
      '-o',
      join(pw.dir, 'nosig.bin'),
    ]);
    expect(s.code).not.toBe(0);
    expect(s.all).toMatch(/CKR_PIN_INCORRECT/);
    // one try used; the correct PIN resets the counter for the following tests
    const ok = await pw.tool('pkcs11-tool', ['--module', OPENSC_PKCS11, '--login', '--pin', e.pin, '-O']);
    expect(ok.code, ok.all).toBe(0);
  });

  it('decrypts with the key-exchange key what openssl encrypted to the certificate (RSA PKCS#1 v1.5)', async () => {
    const secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const plain = join(pw.dir, 'secret.bin');
    const enc = join(pw.dir, 'secret.enc');
    const dec = join(pw.dir, 'secret.dec');
    writeFileSync(plain, secret);
    const o = await pw.tool('openssl', [
      'pkeyutl',
      '-encrypt',
      '-pubin',
      '-inkey',
      join(pw.dir, 'pub.pem'),
      '-pkeyopt',
      'rsa_padding_mode:pkcs1',
      '-in',
      plain,
      '-out',
      enc,
    ]);
    expect(o.code, o.all).toBe(0);
    const d = await pw.tool('pkcs11-tool', [
      '--module',
      OPENSC_PKCS11,
      '--login',
      '--pin',
      e.pin,
      '--decrypt',
      '--mechanism',
      'RSA-PKCS',
      '--id',
      keyId,
      '-i',
      enc,
      '-o',
      dec,
    ]);
    expect(d.code, d.all).toBe(0);
    expect(Buffer.from(readFileSync(dec)).toString('hex')).toBe(Buffer.from(secret).toString('hex'));
  });
});
