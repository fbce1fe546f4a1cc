/**
 * On-card keys against the virtual cards: key generation, host-hashed signatures that verify with
 * the returned public key (WebCrypto), certificates stored where the middleware looks for them —
 * GIDS `mscp/cmapfile` + `mscp/kxcNN` (minidriver spec, OpenSC card-gids.c), PIV 5FC105/5FC10A
 * (SP 800-73-4 Part 1 table 3) — and read back. One RSA-2048 key per card type (generation is slow).
 */
import { describe, expect, it } from 'vitest';
import { GidsCard, PivCard, parseMasterfile, type CardPublicKey, type KeySpec } from '../../../src/card';
import { parseCmapfile, parseKeymap } from '../../../src/card/gids/cmap';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const KEY = fromHex('0102030405060708'.repeat(3));
const subtle = globalThis.crypto.subtle;
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

async function verify(pub: CardPublicKey, data: Uint8Array, sig: Uint8Array): Promise<boolean> {
  if (pub.kind === 'rsa') {
    const k = await subtle.importKey(
      'jwk',
      { kty: 'RSA', n: b64u(pub.modulus), e: b64u(pub.exponent) },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    return subtle.verify('RSASSA-PKCS1-v1_5', k, new Uint8Array(sig), new Uint8Array(data));
  }
  const k = await subtle.importKey(
    'raw',
    new Uint8Array(pub.point),
    { name: 'ECDSA', namedCurve: pub.curve },
    false,
    ['verify'],
  );
  return subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, k, new Uint8Array(sig), new Uint8Array(data));
}

const data = new TextEncoder().encode('certification request info');
const digest = async () => new Uint8Array(await subtle.digest('SHA-256', data));
const fakeCert = Uint8Array.from({ length: 900 }, (_, i) => (i * 7) % 251);

describe('GIDS keys (minidriver containers)', () => {
  const setup = () => {
    const sim = new VirtualGidsCard({ pin: '12345678' });
    return { sim, card: new GidsCard(directConnection(sim)) };
  };

  it('refuses container creation and generation without the PIN (6982)', async () => {
    const { card } = setup();
    await expect(
      card.keys.allocateKeySlot({ decrypt: true, sign: true }, { kind: 'rsa', bits: 2048 }, []),
    ).rejects.toMatchObject({ code: 'card/security-status' });
  });

  it('RSA-2048: container in cmapfile + key map, signature verifies, certificate in mscp/kxc00', async () => {
    const { sim, card } = setup();
    await card.verifyPin('12345678');
    const spec: KeySpec = { kind: 'rsa', bits: 2048 };
    const usage = { decrypt: true, sign: true };
    const slot = await card.keys.allocateKeySlot(usage, spec, []);
    expect(slot).toBe('81');
    const [rec] = parseCmapfile(sim.files.get(0xa010)!.get(0xdf23)!);
    expect(rec).toMatchObject({ flags: 3, keyExchangeKeyBits: 2048, sigKeyBits: 0 });
    expect(rec!.name).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(parseKeymap(sim.files.get(0xa000)!.get(0xdf20)!)).toEqual([
      { state: 1, algId: 0x07, keyType: 0x9a, keyRef: 0xb081 },
    ]);
    expect(await card.keys.readPublicKey(slot, spec)).toBeUndefined(); // container, no key yet
    const pub = await card.keys.generateKey(slot, spec);
    expect(pub.kind === 'rsa' && pub.modulus.length).toBe(256);
    expect(await card.keys.readPublicKey(slot, spec)).toEqual(pub);
    const sig = await card.keys.signDigest(slot, spec, 'SHA-256', await digest());
    expect(await verify(pub, data, sig)).toBe(true);

    await card.keys.writeCertificate(slot, usage, fakeCert);
    const mf = parseMasterfile(sim.files.get(0xa000)!.get(0xdf1f)!).records;
    const entry = mf.find((r) => r.directory === 'mscp' && r.name === 'kxc00');
    expect(entry).toMatchObject({ efId: 0xa010, doId: 0xdf24 });
    const file = sim.files.get(0xa010)!.get(0xdf24)!;
    expect(toHex(file.subarray(0, 4))).toBe('01008403'); // version 1, 900 bytes little-endian
    expect(toHex((await card.keys.readCertificate(slot, usage))!)).toBe(toHex(fakeCert));
    expect(toHex(sim.files.get(0xa010)!.get(0xdf22)!)).toBe('000001000200'); // cardcf: 1 container, 2 file changes
    // A second container gets the next key reference and is not the default one.
    expect(await card.keys.allocateKeySlot({ decrypt: false, sign: true }, spec, [slot])).toBe('82');
    expect(parseCmapfile(sim.files.get(0xa010)!.get(0xdf23)!)[1]).toMatchObject({
      flags: 1,
      sigKeyBits: 2048,
    });
  });

  it('ECC is not offered on an RSA-only GIDS card (GidsApplet): refused before any APDU', async () => {
    const sim = new VirtualGidsCard({ pin: '12345678' });
    const conn = directConnection(sim);
    const card = new GidsCard(conn);
    const spec: KeySpec = { kind: 'ec', curve: 'P-256' };
    expect(card.keys.supports(spec)).toBe(false);
    expect(card.keys.supports({ kind: 'rsa', bits: 2048 })).toBe(true);
    await expect(card.keys.allocateKeySlot({ decrypt: false, sign: true }, spec, [])).rejects.toMatchObject({
      code: 'card/not-supported',
      data: { reason: 'key-algorithm', algorithm: 'ECC P-256' },
    });
    expect(conn.sent).toHaveLength(0);
  });

  it('ECC P-256 on a GIDS card known to have ECC: generates, signs (r‖s), refuses signing after deauthentication', async () => {
    const card = new GidsCard(directConnection(new VirtualGidsCard({ pin: '12345678', ec: true })), {
      ecc: true,
    });
    await card.verifyPin('12345678');
    const spec: KeySpec = { kind: 'ec', curve: 'P-256' };
    const slot = await card.keys.allocateKeySlot({ decrypt: false, sign: true }, spec, []);
    const pub = await card.keys.generateKey(slot, spec);
    const sig = await card.keys.signDigest(slot, spec, 'SHA-256', await digest());
    expect(sig.length).toBe(64);
    expect(await verify(pub, data, sig)).toBe(true);
    await card.deauthenticate();
    await expect(card.keys.signDigest(slot, spec, 'SHA-256', await digest())).rejects.toMatchObject({
      code: 'card/security-status',
    });
  });
});

describe('PIV keys (SP 800-73-4)', () => {
  const setup = () => {
    const sim = new VirtualPivCard({ pin: '123456' });
    return { sim, card: new PivCard(directConnection(sim)) };
  };
  const admin = async (card: PivCard) =>
    card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));

  it('picks 9A for logon keys, 9C for signing, 9D for decryption', async () => {
    const { card } = setup();
    expect(
      await card.keys.allocateKeySlot({ decrypt: true, sign: true }, { kind: 'rsa', bits: 2048 }, []),
    ).toBe('9a');
    expect(
      await card.keys.allocateKeySlot({ decrypt: false, sign: true }, { kind: 'rsa', bits: 2048 }, []),
    ).toBe('9c');
    expect(
      await card.keys.allocateKeySlot({ decrypt: true, sign: false }, { kind: 'rsa', bits: 2048 }, ['9d']),
    ).toBe('9a');
  });

  it('RSA-2048 in 9A: generation needs 9B, signing the PIN; certificate in 5FC105', async () => {
    const { sim, card } = setup();
    const spec: KeySpec = { kind: 'rsa', bits: 2048 };
    await expect(card.keys.generateKey('9a', spec)).rejects.toMatchObject({ code: 'card/security-status' });
    await admin(card);
    const pub = await card.keys.generateKey('9a', spec);
    expect(await card.keys.readPublicKey('9a', spec)).toEqual(pub); // Yubico metadata
    await expect(card.keys.signDigest('9a', spec, 'SHA-256', await digest())).rejects.toMatchObject({
      code: 'card/security-status',
    });
    await card.verifyPin('123456');
    expect(await verify(pub, data, await card.keys.signDigest('9a', spec, 'SHA-256', await digest()))).toBe(
      true,
    );
    await card.keys.writeCertificate('9a', { decrypt: true, sign: true }, fakeCert);
    expect(toHex(sim.containers.get('5fc105')!.subarray(0, 8))).toBe('5382038d' + '70820384'); // 53 len 909 = 70 (4+900) + 71 01 00 + FE 00;
    expect(toHex((await card.keys.readCertificate('9a', { decrypt: true, sign: true }))!)).toBe(
      toHex(fakeCert),
    );
    expect(await card.keys.readCertificate('9c', { decrypt: false, sign: true })).toBeUndefined();
  });

  it('ECC P-256 in 9C: DER signature from the card comes back as r‖s and verifies', async () => {
    const { card } = setup();
    const spec: KeySpec = { kind: 'ec', curve: 'P-256' };
    await admin(card);
    const pub = await card.keys.generateKey('9c', spec);
    await card.verifyPin('123456');
    const sig = await card.keys.signDigest('9c', spec, 'SHA-256', await digest());
    expect(sig.length).toBe(64);
    expect(await verify(pub, data, sig)).toBe(true);
  });
});
