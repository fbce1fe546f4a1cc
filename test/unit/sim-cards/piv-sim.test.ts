/** The virtual PIV card at APDU level, against the APDUs of docs/piv.md "APDUs". */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@noble/ciphers/utils.js';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { tdesEcbDecrypt, tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const KEY = fromHex('0102030405060708'.repeat(3));
const SELECT = '00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00';

async function tx(card: VirtualPivCard, hex: string): Promise<string> {
  return toHex(await card.process(fromHex(hex)), ' ');
}

describe('virtual PIV card, APDU level', () => {
  it('answers SELECT with an APT and GET DATA with the CHUID', async () => {
    const card = new VirtualPivCard();
    const apt = await tx(card, SELECT);
    expect(apt.startsWith('61 ')).toBe(true);
    expect(apt).toContain('4f 06 00 00 10 00 01 00 79 07 4f 05 a0 00 00 03 08');
    const chuid = await tx(card, '00 CB 3F FF 05 5C 03 5F C1 02 00');
    expect(chuid.startsWith('53 ')).toBe(true);
    expect(chuid).toContain(
      '34 10 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 35 08 32 30 33 30 31 32 33 31',
    );
    expect(chuid.endsWith('fe 00 90 00')).toBe(true);
    expect(await tx(card, '00 CB 3F FF 05 5C 03 5F C1 05 00')).toBe('6a 82');
  });

  it('external authentication on 9B: challenge, right and wrong responses, wrong algorithm', async () => {
    const card = new VirtualPivCard({ random: (n) => new Uint8Array(n).fill(0x42) });
    await tx(card, SELECT);
    expect(await tx(card, '00 87 0A 9B 04 7C 02 81 00 00')).toBe('6a 80'); // key is 3DES, not AES-192
    expect(await tx(card, '00 87 03 9B 0C 7C 0A 82 08 00 00 00 00 00 00 00 00')).toBe('69 85');
    expect(await tx(card, '00 87 03 9B 04 7C 02 81 00 00')).toBe('7c 0a 81 08 42 42 42 42 42 42 42 42 90 00');
    const resp = toHex(tdesEcbEncrypt(KEY, new Uint8Array(8).fill(0x42)));
    expect(await tx(card, `00 87 03 9B 0C 7C 0A 82 08 ${resp}`)).toBe('90 00');
    await tx(card, '00 87 03 9B 04 7C 02 81 00 00');
    expect(await tx(card, '00 87 03 9B 0C 7C 0A 82 08 00 00 00 00 00 00 00 00')).toBe('69 82');
  });

  // Some write-ups print `7C 14` here (docs/piv.md "APDUs"); the content (80 08 · 81 08 · 82 00) is 0x16 bytes and Lc 18 agrees.
  it('mutual authentication with the witness', async () => {
    const card = new VirtualPivCard();
    await tx(card, SELECT);
    const a = await card.process(fromHex('00 87 03 9B 04 7C 02 80 00 00'));
    expect(toHex(a.subarray(0, 4))).toBe('7c0a8008');
    const witness = tdesEcbDecrypt(KEY, a.subarray(4, 12));
    const hostCh = fromHex('0102030405060708');
    const cmd = concatBytes(
      fromHex('00 87 03 9B 18 7C 16 80 08'),
      witness,
      fromHex('81 08'),
      hostCh,
      fromHex('82 00 00'),
    );
    const b = await card.process(cmd);
    expect(toHex(b)).toBe('7c0a8208' + toHex(tdesEcbEncrypt(KEY, hostCh)) + '9000');
  });

  it('PIN and PUK counters, unblock with the PUK, Yubico management-key change', async () => {
    const card = new VirtualPivCard({ pin: '123456', puk: '12345678' });
    await tx(card, SELECT);
    const pin = (s: string) =>
      toHex(
        concatBytes(
          Uint8Array.from(s, (c) => c.charCodeAt(0)),
          new Uint8Array(8 - s.length).fill(0xff),
        ),
      );
    expect(await tx(card, '00 20 00 80')).toBe('63 c3');
    for (const left of ['63 c2', '63 c1', '63 c0'])
      expect(await tx(card, `00 20 00 80 08 ${pin('000000')}`)).toBe(left);
    expect(await tx(card, `00 20 00 80 08 ${pin('123456')}`)).toBe('69 83');
    expect(await tx(card, `00 2C 00 80 10 ${pin('11111111')}${pin('654321')}`)).toBe('63 c2');
    expect(await tx(card, `00 2C 00 80 10 ${pin('12345678')}${pin('65a321')}`)).toBe('6a 80'); // not digits
    expect(await tx(card, `00 2C 00 80 10 ${pin('12345678')}${pin('654321')}`)).toBe('90 00');
    expect(await tx(card, `00 20 00 80 08 ${pin('654321')}`)).toBe('90 00');
    expect(await tx(card, '00 20 00 80')).toBe('90 00');
    const newKey = '00112233445566778899AABBCCDDEEFF0011223344556677';
    expect(await tx(card, `00 FF FF FF 1B 03 9B 18 ${newKey}`)).toBe('69 82');
    const ch = fromHex((await tx(card, '00 87 03 9B 04 7C 02 81 00 00')).slice(12, 35));
    await tx(card, `00 87 03 9B 0C 7C 0A 82 08 ${toHex(tdesEcbEncrypt(KEY, ch))}`);
    expect(await tx(card, `00 FF FF FF 1B 03 9B 18 ${newKey}`)).toBe('90 00');
    expect(await tx(card, '00 F7 00 9B 00')).toBe('01 01 03 02 02 00 01 05 01 00 90 00');
  });

  it('accepts a chained PUT DATA and serves it back in 61xx pieces', async () => {
    const card = new VirtualPivCard();
    await tx(card, SELECT);
    const ch = fromHex((await tx(card, '00 87 03 9B 04 7C 02 81 00 00')).slice(12, 35));
    await tx(card, `00 87 03 9B 0C 7C 0A 82 08 ${toHex(tdesEcbEncrypt(KEY, ch))}`);
    const body = concatBytes(fromHex('5C 03 5F C1 05 53 82 01 2C'), new Uint8Array(300).fill(0xab));
    const first = concatBytes(fromHex('10 DB 3F FF FF'), body.subarray(0, 255));
    expect(toHex(await card.process(first))).toBe('9000');
    const last = concatBytes(fromHex('00 DB 3F FF'), Uint8Array.of(body.length - 255), body.subarray(255));
    expect(toHex(await card.process(last))).toBe('9000');
    const r1 = await card.process(fromHex('00 CB 3F FF 05 5C 03 5F C1 05 00'));
    expect(r1.length).toBe(258);
    expect(toHex(r1.subarray(256))).toBe('6130');
    const r2 = await card.process(fromHex('00 C0 00 00 30'));
    expect(r2.length).toBe(0x30 + 2);
    expect(toHex(r2.subarray(r2.length - 2))).toBe('9000');
  });

  it('without Yubico extensions F7 and FF are unknown instructions', async () => {
    const card = new VirtualPivCard({ yubicoExtensions: false });
    await tx(card, SELECT);
    expect(await tx(card, '00 F7 00 9B 00')).toBe('6d 00');
    expect(await tx(card, '00 FF FF FF 00')).toBe('6d 00');
  });
});
