/**
 * The virtual PIV card as a YubiKey 5 and as SP 800-73-4 require, for what OpenSC `card-piv.c`,
 * libykpiv and yubico-piv-tool send: PIN status kept across a re-SELECT (Part 2 §3.1.1), the
 * Discovery Object 7E, Yubico GET VERSION / GET SERIAL, mutual authentication whose second step has
 * no empty 82 tag, PIN Always on 9C, and an all-zero FASC-N CHUID.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@noble/ciphers/utils.js';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { tdesEcbDecrypt, tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const KEY = fromHex('0102030405060708'.repeat(3));
const SELECT = '00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 00';
const VERIFY = '00 20 00 80 08 31 32 33 34 35 36 FF FF';

async function tx(card: VirtualPivCard, hex: string): Promise<string> {
  return toHex(await card.process(fromHex(hex)), ' ');
}

async function adminAuth(card: VirtualPivCard): Promise<void> {
  const ch = fromHex((await tx(card, '00 87 03 9B 04 7C 02 81 00 00')).slice(12, 35));
  expect(await tx(card, `00 87 03 9B 0C 7C 0A 82 08 ${toHex(tdesEcbEncrypt(KEY, ch))}`)).toBe('90 00');
}

describe('virtual PIV card, YubiKey 5 profile', () => {
  it('keeps the PIN verified across a re-SELECT of the PIV application; a reset clears it', async () => {
    const card = new VirtualPivCard();
    await tx(card, SELECT);
    expect(await tx(card, VERIFY)).toBe('90 00');
    await tx(card, SELECT);
    expect(await tx(card, '00 20 00 80')).toBe('90 00');
    card.reset();
    await tx(card, SELECT);
    expect(await tx(card, '00 20 00 80')).toBe('63 c3');
  });

  it('serves the Discovery Object, GET VERSION and GET SERIAL', async () => {
    const card = new VirtualPivCard({ serial: 0x01020304 });
    await tx(card, SELECT);
    expect(await tx(card, '00 CB 3F FF 03 5C 01 7E 00')).toBe(
      '7e 12 4f 0b a0 00 00 03 08 00 00 10 00 01 00 5f 2f 02 40 00 90 00',
    );
    expect(await tx(card, '00 FD 00 00 00')).toBe('05 04 03 90 00');
    expect(await tx(card, '00 F8 00 00 00')).toBe('01 02 03 04 90 00');
    const plain = new VirtualPivCard({ yubicoExtensions: false });
    await tx(plain, SELECT);
    expect(await tx(plain, '00 FD 00 00 00')).toBe('6d 00');
  });

  it('mutual authentication: the second step without an empty 82 tag (libykpiv, OpenSC)', async () => {
    const card = new VirtualPivCard();
    await tx(card, SELECT);
    const a = await card.process(fromHex('00 87 03 9B 04 7C 02 80 00 00'));
    const witness = tdesEcbDecrypt(KEY, a.subarray(4, 12));
    const hostCh = fromHex('1122334455667788');
    const cmd = concatBytes(
      fromHex('00 87 03 9B 16 7C 14 80 08'),
      witness,
      fromHex('81 08'),
      hostCh,
      fromHex('00'),
    );
    expect(toHex(await card.process(cmd))).toBe('7c0a8208' + toHex(tdesEcbEncrypt(KEY, hostCh)) + '9000');
  });

  it('9C is PIN Always: every signature needs its own VERIFY, 9A does not', async () => {
    const card = new VirtualPivCard();
    await tx(card, SELECT);
    await adminAuth(card);
    for (const slot of ['9A', '9C'])
      expect((await tx(card, `00 47 00 ${slot} 05 AC 03 80 01 11 00`)).slice(-5)).toBe('90 00');
    const sign = (slot: string) =>
      tx(card, `00 87 11 ${slot} 26 7C 24 82 00 81 20 ${'AB '.repeat(32).trim()} 00`).then((r) =>
        r.slice(-5),
      );
    expect(await tx(card, VERIFY)).toBe('90 00');
    expect(await sign('9C')).toBe('90 00');
    expect(await sign('9C')).toBe('69 82'); // consumed
    expect(await sign('9A')).toBe('90 00'); // the PIN itself stays verified
    expect(await tx(card, VERIFY)).toBe('90 00');
    expect(await sign('9A')).toBe('90 00');
    expect(await sign('9C')).toBe('69 82'); // another command came between VERIFY and the 9C use
    expect(await tx(card, VERIFY)).toBe('90 00');
    expect(await sign('9C')).toBe('90 00');
  });

  it('can carry a factory CHUID: all-zero FASC-N and a random GUID', async () => {
    const card = new VirtualPivCard({ zeroFascn: true });
    await tx(card, SELECT);
    const chuid = await tx(card, '00 CB 3F FF 05 5C 03 5F C1 02 00');
    expect(chuid).toContain('30 19 ' + '00 '.repeat(25) + '34 10');
    const other = new VirtualPivCard({ zeroFascn: true });
    await tx(other, SELECT);
    expect(await tx(other, '00 CB 3F FF 05 5C 03 5F C1 02 00')).not.toBe(chuid);
  });
});
