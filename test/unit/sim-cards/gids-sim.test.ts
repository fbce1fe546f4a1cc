/** The virtual GIDS card at APDU level, against the exact APDUs and answers of docs/gids.md. */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@noble/ciphers/utils.js';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { tdesCbcDecrypt, tdesCbcEncrypt, tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualGidsCard } from '../../../src/sim/gids-card';

const KEY = fromHex('0102030405060708'.repeat(3));

async function tx(card: VirtualGidsCard, hex: string): Promise<string> {
  return toHex(await card.process(fromHex(hex)), ' ');
}

/** A fixed random source, like GidsApplet on jCardSim (same challenge each time). */
const fixed = (hex: string) => (n: number) => fromHex(hex).slice(0, n);

describe('virtual GIDS card, APDU level', () => {
  it('answers SELECT with the GidsApplet FCI and GET DATA cardid with the DO', async () => {
    const card = new VirtualGidsCard();
    expect(await tx(card, '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00')).toBe(
      '61 12 4f 0b a0 00 00 03 97 42 54 46 59 02 01 73 03 40 01 c0 90 00',
    );
    expect(await tx(card, '00 CB A0 12 04 5C 02 DF 20 00')).toBe(
      'df 20 10 a7 f5 c7 42 89 55 7b c0 7e 9a 9d e3 dd bd 21 d7 90 00',
    );
    expect(await tx(card, '00 CB 3F FF 04 5C 02 7F 71 00')).toBe('7f 71 06 97 01 03 93 01 03 90 00');
    expect(await tx(card, '00 CB A0 12 04 5C 02 DF 99 00')).toBe('6a 88');
    expect(await tx(card, '00 CB A0 77 04 5C 02 DF 20 00')).toBe('6a 82');
    expect(await tx(card, '00 A4 00 0C 02 3F FF')).toBe('90 00');
  });

  it('answers nothing but SELECT before selection (after power-up / reset)', async () => {
    const card = new VirtualGidsCard();
    expect(await tx(card, '00 CB A0 12 04 5C 02 DF 20 00')).toBe('69 99');
    expect(await tx(card, '00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00')).toBe('6a 82');
  });

  it('runs the verified external-authentication exchange with the reference vectors', async () => {
    const card = new VirtualGidsCard({ random: fixed('0557897F8D84407B') });
    await tx(card, '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00');
    // GidsApplet issues a challenge without MSE SET, then fails the response (null key reference).
    expect(await tx(card, '00 87 00 00 04 7C 02 81 00 00')).toBe('7c 0a 81 08 05 57 89 7f 8d 84 40 7b 90 00');
    expect(await tx(card, '00 87 00 00 0C 7C 0A 82 08 77 16 F4 B2 D7 21 4E B2')).toBe('6f 00');
    expect(await tx(card, '00 22 81 A4 03 83 01 80')).toBe('90 00');
    expect(await tx(card, '00 87 00 00 04 7C 02 81 00 00')).toBe('7c 0a 81 08 05 57 89 7f 8d 84 40 7b 90 00');
    expect(await tx(card, '00 87 00 00 0C 7C 0A 82 08 77 16 F4 B2 D7 21 4E B2')).toBe('90 00');
    // key change with the verified PUT DATA template, then the third vector
    const newKey = '00112233445566778899AABBCCDDEEFF0011223344556677';
    expect(await tx(card, `00 DB 3F FF 26 70 24 84 01 80 A5 1F 87 18 ${newKey} 88 03 B0 73 DC`)).toBe(
      '90 00',
    );
    await tx(card, '00 22 C1 A4 03 83 01 80'); // OpenSC's P1 works too
    await tx(card, '00 87 00 00 04 7C 02 81 00 00');
    expect(await tx(card, '00 87 00 00 0C 7C 0A 82 08 77 16 F4 B2 D7 21 4E B2')).toBe('69 82');
    await tx(card, '00 87 00 00 04 7C 02 81 00 00');
    expect(await tx(card, '00 87 00 00 0C 7C 0A 82 08 30 15 30 F5 29 1A 5F 21')).toBe('90 00');
  });

  it('blocks the PIN after 3 wrong tries, and RESET RETRY COUNTER needs (and consumes) admin auth', async () => {
    const card = new VirtualGidsCard({ pin: '1234' });
    await tx(card, '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00');
    expect(await tx(card, '00 20 00 80 00')).toBe('63 c3'); // status query: tries left, no decrement
    expect(await tx(card, '00 20 00 80 04 39 39 39 39')).toBe('63 c2');
    expect(await tx(card, '00 20 00 80 04 39 39 39 39')).toBe('63 c1');
    expect(await tx(card, '00 20 00 80 04 39 39 39 39')).toBe('63 c0');
    expect(await tx(card, '00 20 00 80 04 31 32 33 34')).toBe('69 83');
    expect(await tx(card, '00 2C 02 80 04 35 35 35 35')).toBe('69 82');
    await tx(card, '00 22 81 A4 03 83 01 80');
    const ch = fromHex((await tx(card, '00 87 00 00 04 7C 02 81 00 00')).slice(12, 12 + 23));
    const resp = toHex(tdesEcbEncrypt(KEY, ch));
    expect(await tx(card, `00 87 00 00 0C 7C 0A 82 08 ${resp}`)).toBe('90 00');
    expect(await tx(card, '00 2C 02 80 03 35 35 35')).toBe('67 00'); // too short, admin auth kept
    expect(await tx(card, '00 2C 02 80 04 35 35 35 35')).toBe('90 00');
    expect(await tx(card, '00 2C 02 80 04 36 36 36 36')).toBe('69 82'); // consumed
    expect(await tx(card, '00 20 00 80 04 35 35 35 35')).toBe('90 00');
    expect(await tx(card, '00 20 00 82')).toBe('90 00');
  });

  it('supports GIDS mutual authentication (3DES-CBC, zero IV)', async () => {
    const card = new VirtualGidsCard();
    await tx(card, '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00');
    await tx(card, '00 22 81 A4 03 83 01 80');
    const r1 = fromHex('11'.repeat(16));
    const a = await card.process(concatBytes(fromHex('00 87 00 00 14 7C 12 81 10'), r1, fromHex('00')));
    expect(toHex(a.subarray(0, 4))).toBe('7c128110');
    const r2 = a.subarray(4, 20);
    const z1 = fromHex('01020304050607 80');
    const cryptogram = tdesCbcEncrypt(KEY, concatBytes(r2, r1, z1));
    const b = await card.process(
      concatBytes(fromHex('00 87 00 00 2C 7C 2A 82 28'), cryptogram, fromHex('00')),
    );
    expect(toHex(b.subarray(b.length - 2))).toBe('9000');
    const plain = tdesCbcDecrypt(KEY, b.subarray(4, 44));
    expect(toHex(plain.subarray(0, 32))).toBe(toHex(concatBytes(r1, r2)));
    expect(plain[39]).toBe(0x80);
  });

  it('answers malformed commands with status words, never throws', async () => {
    const card = new VirtualGidsCard();
    expect(await tx(card, '00 A4')).toBe('67 00');
    await tx(card, '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00');
    expect(await tx(card, '00 87 00 00 04 7C 05 81 00')).toBe('69 84');
    expect(await tx(card, '00 87 01 00 04 7C 02 81 00')).toBe('6a 86');
    expect(await tx(card, '00 99 00 00')).toBe('6d 00');
    expect(await tx(card, '80 CB A0 12 04 5C 02 DF 20 00')).toBe('6e 00');
    expect(await tx(card, '0C CB A0 12 04 5C 02 DF 20 00')).toBe('68 82');
  });

  it('sends long answers in pieces with 61xx and GET RESPONSE', async () => {
    const card = new VirtualGidsCard();
    await tx(card, '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00');
    const first = await card.process(fromHex('00 CB A0 12 04 5C 02 DF 20 08'));
    expect(toHex(first.subarray(8))).toBe('610b');
    const rest = await card.process(fromHex('00 C0 00 00 0B'));
    expect(toHex(concatBytes(first.subarray(0, 8), rest.subarray(0, rest.length - 2)))).toBe(
      'df2010a7f5c74289557bc07e9a9de3ddbd21d7',
    );
    expect(await tx(card, '00 C0 00 00 0B')).toBe('69 85');
  });
});
