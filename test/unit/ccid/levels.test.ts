/**
 * Every exchange level × card protocol carries short and long data (> IFSC, > 255, > 4 KB) both
 * ways through the virtual reader, via the PC/SC-level rules of `transmitApdu`.
 */
import { describe, expect, it } from 'vitest';
import { transmitApdu } from '../../../src/iso7816/apdu';
import { setup, pattern } from './harness';

const LEVELS = ['short-apdu', 'extended-apdu', 'tpdu'] as const;
const PROTOCOLS = ['T0', 'T1'] as const;
const SIZES = [1, 40, 300, 5000];

describe.each(LEVELS)('%s level', (level) => {
  describe.each(PROTOCOLS)('%s card', (protocol) => {
    it.each(SIZES)('echoes %i bytes and writes/reads them back', async (n) => {
      const s = await setup({ level, packetSize: n === 5000 ? 512 : 64 }, { protocol, ifsc: 32 });
      expect(s.conn.protocol).toBe(protocol);
      const data = pattern(n, n);
      const echo = await transmitApdu(s.conn, {
        cla: 0x80,
        ins: 0x10,
        p1: 0,
        p2: 0,
        data,
        le: Math.min(65536, Math.max(n, 1)),
      });
      expect(echo.sw).toBe(0x9000);
      expect(echo.data).toEqual(data);
      const w = await transmitApdu(s.conn, { cla: 0x00, ins: 0xd6, p1: 0x01, p2: 0x00, data });
      expect(w.sw).toBe(0x9000);
      // Without extended length the application reads in pieces of ≤ 256 bytes (ISO 7816-4 §11.2.3).
      const step = s.conn.extendedLength ? n : 256;
      const back: number[] = [];
      for (let off = 0; off < n; off += step) {
        const at = 0x100 + off;
        const r = await transmitApdu(s.conn, {
          cla: 0x00,
          ins: 0xb0,
          p1: at >> 8,
          p2: at & 0xff,
          le: Math.min(step, n - off),
        });
        expect(r.sw).toBe(0x9000);
        back.push(...r.data);
      }
      expect(Uint8Array.from(back)).toEqual(data);
      if (level === 'tpdu' && protocol === 'T1') {
        expect(s.conn.session.t1).toBeDefined();
        if (n > 32) expect(s.card.processed).toBeGreaterThan(0);
      }
      await s.reader.close();
    });
  });
});

describe('extended APDU carried natively where the level allows it', () => {
  it.each(['extended-apdu', 'tpdu'] as const)(
    '%s: 64 KiB READ BINARY with one extended APDU',
    async (level) => {
      const s = await setup({ level, packetSize: 512 }, { protocol: level === 'tpdu' ? 'T1' : 'T1' });
      s.card.memory.set(pattern(0x10000, 3));
      const r = await s.conn.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x00));
      expect(r.length).toBe(0x10002);
      expect(r.subarray(0, 0x10000)).toEqual(pattern(0x10000, 3));
      expect(s.card.processed).toBe(1);
      await s.reader.close();
    },
  );

  it('T=0 TPDU: an extended command goes through ENVELOPE and GET RESPONSE', async () => {
    const s = await setup({ level: 'tpdu' }, { protocol: 'T0' });
    const data = pattern(600, 9);
    const apdu = Uint8Array.of(0x80, 0x10, 0, 0, 0, 600 >> 8, 600 & 0xff, ...data, 0, 0);
    const r = await s.conn.transmit(apdu);
    expect(r.subarray(0, 600)).toEqual(data);
    expect(Array.from(r.subarray(600))).toEqual([0x90, 0x00]);
    await s.reader.close();
  });

  it('short-APDU level refuses an extended APDU with transport/not-supported', async () => {
    const s = await setup({ level: 'short-apdu' }, { protocol: 'T1' });
    expect(s.conn.extendedLength).toBe(false);
    await expect(
      s.conn.transmit(Uint8Array.of(0x80, 0x10, 0, 0, 0, 0x01, 0x2c, ...pattern(300), 0, 0)),
    ).rejects.toMatchObject({
      code: 'transport/not-supported',
    });
    await s.reader.close();
  });
});
