/**
 * The virtual GIDS card answers as GidsApplet does (GidsApplet.java, TransmitManager.java) to what
 * OpenSC `card-gids.c` and `gids-tool --initialize` send: factory state and personalisation, the
 * masterfile with the `mscp` directory record, EF.ATR, decipher with the key-exchange key, raw RSA
 * signing (algorithm reference 0x1x), the applet's status words, chaining and length rules.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@noble/ciphers/utils.js';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { webCryptoKeySource, type KeySource } from '../../../src/sim/sim-keys';

const SELECT = '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00';
const pool = new Map<string, Promise<CryptoKeyPair>>();
const keys: KeySource = (spec) => {
  const id = JSON.stringify(spec);
  if (!pool.has(id)) pool.set(id, webCryptoKeySource(spec));
  return pool.get(id)!;
};

async function tx(card: VirtualGidsCard, hex: string): Promise<string> {
  return toHex(await card.process(fromHex(hex)), ' ');
}
const sw = (r: string) => r.slice(-5);
const hex = (b: Uint8Array) => toHex(b, ' ');
const lc = (data: Uint8Array) => hex(Uint8Array.of(data.length)) + ' ' + hex(data);

/** Key file FCP as OpenSC `gids_create_keyfile` writes it for a 1024-bit key-exchange key B081. */
const KEYFILE_81 =
  '62 3C 82 01 18 83 02 B0 81 8C 05 8F 10 10 10 00 A5 2C ' +
  'B8 09 80 01 06 83 01 81 95 01 40  B8 09 80 01 86 83 01 81 95 01 40  B8 09 80 01 46 83 01 81 95 01 40 ' +
  'B6 09 80 01 16 83 01 81 95 01 40';

async function withKey(): Promise<{ card: VirtualGidsCard; modulus: Uint8Array; exponent: Uint8Array }> {
  const card = new VirtualGidsCard({ keySource: keys });
  await tx(card, SELECT);
  await tx(card, '00 20 00 80 08 31 32 33 34 35 36 37 38');
  expect(await tx(card, `00 E0 00 00 3E ${KEYFILE_81}`)).toBe('90 00');
  expect(await tx(card, '00 47 00 00 08 AC 06 80 01 06 83 01 81')).toBe('69 85'); // before ACTIVATE
  expect(await tx(card, '00 44 00 00')).toBe('90 00');
  const gen = await tx(card, '00 47 00 00 08 AC 06 80 01 06 83 01 81');
  expect(gen).toMatch(/^61 /); // no Le: the public key comes through GET RESPONSE
  const pub = fromHex(await tx(card, `00 C0 00 00 ${gen.slice(3, 5)}`));
  expect(toHex(pub.subarray(0, 6))).toBe('7f498188' + '8181');
  return { card, modulus: pub.slice(7, 7 + 128), exponent: pub.slice(7 + 128 + 2, pub.length - 2) };
}

describe('virtual GIDS card as GidsApplet', () => {
  it('serves the masterfile byte for byte as gids-tool --initialize writes it, and EF.ATR', async () => {
    const card = new VirtualGidsCard();
    await tx(card, SELECT);
    const mf = await tx(card, '00 CB A0 00 04 5C 02 DF 1F 00');
    const rec = (dir: string, name: string, doId: number, efId: number) => {
      const r = new Uint8Array(28);
      r.set(Uint8Array.from(dir, (c) => c.charCodeAt(0)));
      r.set(
        Uint8Array.from(name, (c) => c.charCodeAt(0)),
        9,
      );
      new DataView(r.buffer).setUint32(20, doId, true);
      new DataView(r.buffer).setUint32(24, efId, true);
      return r;
    };
    const expected = concatBytes(
      Uint8Array.of(1),
      rec('mscp', '', 0, 0xa000),
      rec('', 'cardid', 0xdf20, 0xa012),
      rec('', 'cardapps', 0xdf21, 0xa010),
      rec('', 'cardcf', 0xdf22, 0xa010),
      rec('mscp', 'cmapfile', 0xdf23, 0xa010),
    );
    expect(mf).toBe(`df 1f 81 8d ${hex(expected)} 90 00`);
    expect(await tx(card, '00 CB 2F 01 02 5C 00 00')).toBe(
      '43 01 f4 47 03 08 01 80 46 0c 4d 79 53 6d 61 72 74 4c 6f 67 6f 6e 90 00',
    );
    const ext = new VirtualGidsCard({ extendedLength: true });
    await tx(ext, SELECT);
    expect((await tx(ext, '00 CB 2F 01 02 5C 00 00')).slice(15, 23)).toBe('08 01 c0');
  });

  it('refuses extended APDUs (6700) and chaining outside PSO / GENERATE / PUT DATA (6884)', async () => {
    const card = new VirtualGidsCard();
    await tx(card, SELECT);
    expect(await tx(card, '00 CB A0 12 00 00 04 5C 02 DF 20 00 00')).toBe('67 00');
    expect(await tx(card, '10 20 00 80 04 31 32 33 34')).toBe('68 84');
    expect(await tx(card, '10 DB A0 10 02 DF 30')).toBe('90 00'); // PUT DATA may be chained
    expect(sw(await tx(card, '00 DB A0 10 02 00 00'))).toBe('69 82'); // chain ends; user write needs the PIN
    const ext = new VirtualGidsCard({ extendedLength: true });
    await tx(ext, SELECT);
    expect(sw(await tx(ext, '00 CB A0 12 00 00 04 5C 02 DF 20 00 00'))).toBe('90 00');
  });

  it('answers the key-file status words of the applet', async () => {
    const { card } = await withKey();
    expect(await tx(card, `00 E0 00 00 3E ${KEYFILE_81}`)).toBe('69 84'); // CREATE FILE on an existing file
    expect(await tx(card, '00 CB 3F FF 0A 70 08 84 01 82 A5 03 7F 49 80 00')).toBe('69 84'); // no such key file
    expect(
      await tx(
        card,
        `00 E0 00 00 3E ${KEYFILE_81.replace('B0 81', 'B0 82').replace(/83 01 81/g, '83 01 82')}`,
      ),
    ).toBe('90 00');
    expect(await tx(card, '00 CB 3F FF 0A 70 08 84 01 82 A5 03 7F 49 80 00')).toBe('6f 00'); // file without key
    expect(await tx(card, '00 22 41 B6 06 80 01 56 84 01 81')).toBe('69 84'); // alg ref the file lacks
    expect(await tx(card, '00 47 00 00 08 AC 06 80 01 0C 83 01 82')).toBe('69 85'); // not activated
    await tx(card, '00 44 00 00');
    expect(await tx(card, '00 47 00 00 08 AC 06 80 01 0C 83 01 82')).toBe('6a 81'); // P-256: RSA-only applet
  });

  it('deciphers with the key-exchange key (MSE B8 + PSO 80 86) and signs raw with reference 0x16', async () => {
    const { card, modulus, exponent } = await withKey();
    const n = BigInt('0x' + toHex(modulus));
    const e = BigInt('0x' + toHex(exponent));
    const pow = (b: bigint, x: bigint) => {
      let r = 1n;
      for (b %= n; x > 0n; x >>= 1n, b = (b * b) % n) if (x & 1n) r = (r * b) % n;
      return r;
    };
    const big = (b: Uint8Array) => BigInt('0x' + toHex(b));
    const bytes = (v: bigint) => fromHex(v.toString(16).padStart(256, '0'));
    // PKCS#1 v1.5 type 2 block by hand: 00 02 PS 00 "secret"
    const secret = Uint8Array.from('secret', (c) => c.charCodeAt(0));
    const em = new Uint8Array(128).fill(0x55);
    em[0] = 0;
    em[1] = 2;
    em[128 - secret.length - 1] = 0;
    em.set(secret, 128 - secret.length);
    const cipher = bytes(pow(big(em), e));
    expect(await tx(card, '00 22 41 B8 06 80 01 46 84 01 81')).toBe('90 00');
    expect(await tx(card, `00 2A 80 86 80 ${hex(cipher)} 00`)).toBe(`${hex(secret)} 90 00`); // no padding indicator (OpenSC)
    expect(await tx(card, `00 2A 80 86 81 00 ${hex(cipher)} 00`)).toBe('67 00'); // 129 bytes: not the modulus length
    // Raw signature: the host pads (EMSA-PKCS1-v1_5), the card computes block^d.
    const block = new Uint8Array(128).fill(0xff);
    block[0] = 0;
    block[1] = 1;
    block[100] = 0;
    expect(await tx(card, '00 22 41 B6 06 80 01 16 84 01 81')).toBe('90 00');
    const sig = fromHex(await tx(card, `00 2A 9E 9A 80 ${hex(block)} 00`));
    expect(toHex(bytes(pow(big(sig.subarray(0, 128)), e)).subarray(0, 128))).toBe(toHex(block));
    await tx(card, '00 20 00 82');
    await tx(card, '00 22 41 B6 06 80 01 16 84 01 81');
    expect(await tx(card, `00 2A 9E 9A 80 ${hex(block)} 00`)).toBe('69 82'); // PIN needed
  });

  it('a factory card is personalised by the gids-tool --initialize sequence', async () => {
    const card = new VirtualGidsCard({ factory: true });
    await tx(card, SELECT);
    expect(await tx(card, '00 CB A0 00 04 5C 02 DF 1F 00')).toBe('6a 82'); // "card is new"
    expect(await tx(card, '00 87 00 00 04 7C 02 81 00 00')).toBe('69 86');
    expect(await tx(card, '00 24 01 80 04 31 32 33 34')).toBe('90 00');
    for (const [fid, acl] of [
      ['A0 00', '30 00'],
      ['A0 10', '30 00'],
      ['A0 11', '30 FF'],
      ['A0 12', '20 00'],
      ['A0 13', '30 30'],
      ['A0 14', '20 20'],
    ]) {
      expect(await tx(card, `00 E0 00 00 0E 62 0C 82 01 39 83 02 ${fid} 8C 03 03 ${acl}`)).toBe('90 00');
      expect(await tx(card, '00 44 00 00')).toBe('90 00');
    }
    const adminKeyFile =
      '62 1A 82 01 18 83 02 B0 80 8C 04 87 00 20 FF A5 0B A4 09 80 01 02 83 01 80 95 01 C0';
    expect(await tx(card, `00 E0 00 00 1C ${adminKeyFile}`)).toBe('90 00');
    expect(await tx(card, '00 44 00 00')).toBe('90 00');
    const key = '01 02 03 04 05 06 07 08 '.repeat(3).trim();
    expect(await tx(card, `00 DB 3F FF 26 70 24 84 01 80 A5 1F 87 18 ${key} 88 03 B0 73 DC`)).toBe('90 00');
    const std = new VirtualGidsCard();
    await tx(std, SELECT);
    const mfBytes = fromHex(await tx(std, '00 CB A0 00 04 5C 02 DF 1F 00')).subarray(4, -2);
    expect(await tx(card, `00 DB A0 00 ${lc(concatBytes(fromHex('DF 1F 81 8D'), mfBytes))}`)).toBe('90 00');
    expect(await tx(card, '00 DB A0 10 0B DF 21 08 6D 73 63 70 00 00 00 00')).toBe('90 00');
    expect(await tx(card, '00 DB A0 10 09 DF 22 06 00 00 00 00 00 00')).toBe('90 00');
    expect(await tx(card, '00 DB A0 10 03 DF 23 00')).toBe('90 00');
    expect(await tx(card, `00 DB A0 12 13 DF 20 10 ${'AB '.repeat(16).trim()}`)).toBe('90 00');
    expect(await tx(card, '00 A4 00 0C 02 3F FF')).toBe('90 00');
    expect(await tx(card, '00 44 00 00')).toBe('90 00');
    expect(card.initializing).toBe(false);
    // Operational now: the cardid is admin-write, the PIN and the admin key work.
    expect(await tx(card, `00 DB A0 12 13 DF 20 10 ${'CD '.repeat(16).trim()}`)).toBe('69 82');
    expect(await tx(card, '00 20 00 80 00')).toBe('63 c3');
    expect(await tx(card, '00 20 00 80 04 31 32 33 34')).toBe('90 00');
    expect(await tx(card, '00 CB A0 12 04 5C 02 DF 20 00')).toBe(`df 20 10 ${'ab '.repeat(16).trim()} 90 00`);
    expect(await tx(card, '00 22 C1 A4 03 83 01 80')).toBe('90 00');
  });
});
