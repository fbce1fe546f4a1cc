/**
 * Extended Lc/Le only when the card declares them (ISO/IEC 7816-4 §12.1.1.12 card capabilities in
 * the historical bytes or EF.ATR), not because the transport could carry them. A GidsApplet-like
 * card (EF.ATR `47 03 08 01 80`: chaining, no extended length) over an extended-capable connection
 * must get the 900-byte certificate as a command chain, never as one extended PUT DATA (which it
 * answers 6700).
 */
import { describe, expect, it } from 'vitest';
import { GidsCard, PivCard } from '../../../src/card';
import { decodeCommand } from '../../../src/iso7816/apdu';
import { fromHex } from '../../../src/iso7816/hex';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualGidsCard, type VirtualGidsConfig } from '../../../src/sim/gids-card';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const cert = Uint8Array.from({ length: 900 }, (_, i) => (i * 7) % 251);
const usage = { decrypt: true, sign: true };
const KEY = fromHex('0102030405060708'.repeat(3));
const extendedSent = (sent: Uint8Array[]) => sent.filter((c) => decodeCommand(c).extended).length;

async function gidsWithContainer(config: VirtualGidsConfig) {
  const conn = directConnection(new VirtualGidsCard({ pin: '12345678', ...config }));
  const card = new GidsCard(conn);
  await card.verifyPin('12345678');
  const slot = await card.keys.allocateKeySlot(usage, { kind: 'rsa', bits: 2048 }, []);
  return { conn, card, slot };
}

describe('extended length decided by the card', () => {
  it('chains the certificate PUT DATA to a GIDS card whose EF.ATR declares no extended length', async () => {
    const { conn, card, slot } = await gidsWithContainer({});
    const before = conn.sent.length;
    await card.keys.writeCertificate(slot, usage, cert);
    const sent = conn.sent.slice(before);
    expect(extendedSent(sent)).toBe(0);
    expect(sent.some((c) => c[0] === 0x10 && c[1] === 0xdb)).toBe(true); // chained PUT DATA segments
    expect(sent.filter((c) => c[1] === 0xcb && c[2] === 0x2f && c[3] === 0x01)).toHaveLength(1); // EF.ATR read once
    expect(await card.keys.readCertificate(slot, usage)).toEqual(cert);
  });

  it('uses one extended PUT DATA when the card declares extended Lc/Le in EF.ATR', async () => {
    const { conn, card, slot } = await gidsWithContainer({ extendedLength: true });
    const before = conn.sent.length;
    await card.keys.writeCertificate(slot, usage, cert);
    expect(extendedSent(conn.sent.slice(before))).toBe(1);
    expect(await card.keys.readCertificate(slot, usage)).toEqual(cert);
  });

  it('never asks EF.ATR when the transport has no extended length', async () => {
    const conn = directConnection(new VirtualGidsCard({ pin: '12345678' }));
    const shortOnly = Object.assign(Object.create(conn) as typeof conn, { extendedLength: false });
    const card = new GidsCard(shortOnly);
    await card.verifyPin('12345678');
    const slot = await card.keys.allocateKeySlot(usage, { kind: 'rsa', bits: 2048 }, []);
    await card.keys.writeCertificate(slot, usage, cert);
    expect(conn.sent.filter((c) => c[1] === 0xcb && c[2] === 0x2f)).toHaveLength(0);
    expect(extendedSent(conn.sent)).toBe(0);
  });

  it('PIV: extended only with an ATR that declares it (YubiKey 5: 73 C0 21 C0), else chained', async () => {
    for (const [atr, ext] of [
      [undefined, 1], // YubiKey 5 NFC ATR
      [fromHex('3B D6 97 00 81 B1 FE 45 1F 87 80 31 C1 52 41 12 23'), 0], // IDEMIA Cosmo V8: no card capabilities
    ] as const) {
      const conn = directConnection(new VirtualPivCard(atr ? { atr } : {}));
      const card = new PivCard(conn, { managementKeyAlgorithm: '3des' });
      await card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));
      const before = conn.sent.length;
      await card.keys.writeCertificate('9a', usage, cert);
      expect(extendedSent(conn.sent.slice(before))).toBe(ext);
      expect(await card.keys.readCertificate('9a', usage)).toEqual(cert);
    }
  });

  it('PIV: a certificate is read in one extended GET DATA where the ATR declares it, else through GET RESPONSE', async () => {
    for (const [atr, apdus] of [
      [undefined, 1], // YubiKey 5 NFC ATR: Le 00 00 (Ne 65536), the whole object in one response
      [fromHex('3B D6 97 00 81 B1 FE 45 1F 87 80 31 C1 52 41 12 23'), 4], // short Le 00, then 61xx: 3 GET RESPONSE
    ] as const) {
      const conn = directConnection(new VirtualPivCard(atr ? { atr } : {}));
      const card = new PivCard(conn, { managementKeyAlgorithm: '3des' });
      await card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));
      await card.keys.writeCertificate('9a', usage, cert);
      const before = conn.sent.length;
      expect(await card.keys.readCertificate('9a', usage)).toEqual(cert);
      const sent = conn.sent.slice(before);
      expect(sent).toHaveLength(apdus);
      expect(extendedSent(sent)).toBe(apdus === 1 ? 1 : 0);
    }
  });
});
