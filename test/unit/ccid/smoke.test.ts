import { describe, expect, it } from 'vitest';
import { transmitApdu } from '../../../src/iso7816/apdu';
import { setup, pattern } from './harness';

describe('smoke', () => {
  it('short apdu echo', async () => {
    const s = await setup({ level: 'short-apdu' }, { protocol: 'T1' });
    const r = await transmitApdu(s.conn, { cla: 0x80, ins: 0x10, p1: 0, p2: 0, data: pattern(20), le: 256 });
    expect(r.sw).toBe(0x9000);
    expect(r.data).toEqual(pattern(20));
    await s.reader.close();
  });
  it('tpdu t1 echo', async () => {
    const s = await setup({ level: 'tpdu' }, { protocol: 'T1' });
    const r = await transmitApdu(s.conn, {
      cla: 0x80,
      ins: 0x10,
      p1: 0,
      p2: 0,
      data: pattern(600),
      le: 65536,
    });
    expect(r.sw).toBe(0x9000);
    expect(r.data).toEqual(pattern(600));
    await s.reader.close();
  });
  it('tpdu t0 echo', async () => {
    const s = await setup({ level: 'tpdu' }, { protocol: 'T0' });
    const r = await transmitApdu(s.conn, {
      cla: 0x80,
      ins: 0x10,
      p1: 0,
      p2: 0,
      data: pattern(600),
      le: 65536,
    });
    expect(r.sw).toBe(0x9000);
    expect(r.data).toEqual(pattern(600));
    await s.reader.close();
  });
  it('extended echo', async () => {
    const s = await setup({ level: 'extended-apdu' }, { protocol: 'T1' });
    const r = await transmitApdu(s.conn, {
      cla: 0x80,
      ins: 0x10,
      p1: 0,
      p2: 0,
      data: pattern(5000),
      le: 65536,
    });
    expect(r.sw).toBe(0x9000);
    expect(r.data).toEqual(pattern(5000));
    await s.reader.close();
  });
});
