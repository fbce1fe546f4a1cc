/** Power-on, protocol and parameter negotiation as libccid does it (libccid `commands.c`, `ifdhandler.c`; docs/ccid-t1.md "Opening a reader"). */
import { describe, expect, it } from 'vitest';
import { CcidReader } from '../../../src/ccid/reader';
import { classList, iccClock, setDataRateAndClockFrequency } from '../../../src/ccid/clock-rate';
import { VirtualCcidReader } from '../../../src/sim/ccid-reader';
import { MSG } from '../../../src/sim/ccid-frames';
import { toHex } from '../../../src/iso7816/hex';
import { setup } from './harness';
import { TestCard } from './test-card';

describe('power-on voltage', () => {
  it('uses automatic voltage (bPowerSelect 0) when the reader selects it', async () => {
    const s = await setup({ level: 'short-apdu' }, { protocol: 'T1' });
    expect(s.sim.slots[0]!.powerSelects).toEqual([0]);
    await s.reader.close();
  });

  it('falls back 5 V → 3 V → 1.8 V within bVoltageSupport when the card stays mute', async () => {
    const s = await setup(
      { level: 'tpdu', features: 0x30, voltageSupport: 0x07, rejectVoltages: [1, 2] },
      { protocol: 'T1' },
    );
    expect(s.sim.slots[0]!.powerSelects).toEqual([1, 2, 3]);
    expect(s.sim.slots[0]!.seen.get(MSG.IccPowerOff)).toBe(2);
    await s.reader.close();
  });

  it('skips voltages the reader does not support and honours a configured order', async () => {
    const s = await setup(
      { level: 'tpdu', features: 0x30, voltageSupport: 0x06 },
      { protocol: 'T1' },
      { voltageOrder: [3, 2, 1] },
    );
    expect(s.sim.slots[0]!.powerSelects).toEqual([3]);
    await s.reader.close();
  });

  it('rejects with ccid/icc-mute when every voltage fails', async () => {
    await expect(
      setup({ level: 'tpdu', features: 0x30, rejectVoltages: [1, 2, 3] }, { protocol: 'T1' }),
    ).rejects.toMatchObject({ code: 'ccid/icc-mute' });
  });

  it('rejects with transport/card-removed when the slot is empty', async () => {
    const sim = new VirtualCcidReader({ level: 'short-apdu' });
    const reader = await CcidReader.open(sim, { timeoutMs: 300 });
    expect(await reader.slots[0]!.cardPresent()).toBe(false);
    await expect(reader.slots[0]!.connect()).rejects.toMatchObject({ code: 'transport/card-removed' });
    await reader.close();
  });
});

describe('PPS and SetParameters', () => {
  it('reader negotiating itself (0x40): neither PPS nor SetParameters', async () => {
    const s = await setup({ level: 'extended-apdu' }, { protocol: 'T1' });
    expect(s.sim.slots[0]!.seen.get(MSG.SetParameters)).toBeUndefined();
    expect(s.sim.slots[0]!.ppsSeen).toBeUndefined();
    await s.reader.close();
  });

  it('TPDU reader with automatic PPS (0x80): SetParameters T=1 from the ATR, no PPS', async () => {
    const s = await setup({ level: 'tpdu' }, { protocol: 'T1', crc: true, ifsc: 0x80, ta1: 0x96 });
    expect(s.sim.slots[0]!.ppsSeen).toBeUndefined();
    expect(s.sim.slots[0]!.protocol).toBe(1);
    // TA1 96, TCCKS 0x10|CRC, TC1 0, BWI 4 / CWI 5 (TB3 45), clock stop 0, IFSC 0x80, NAD 0
    expect(toHex(s.sim.slots[0]!.params, ' ')).toBe('96 11 00 45 00 80 00');
    await s.reader.close();
  });

  it('TPDU reader without automatic PPS: PPS with TA1, then SetParameters', async () => {
    const s = await setup({ level: 'tpdu', features: 0x3a }, { protocol: 'T1', ta1: 0x96 });
    expect(toHex(s.sim.slots[0]!.ppsSeen!, ' ')).toBe('ff 11 96 78');
    expect(s.sim.slots[0]!.seen.get(MSG.SetParameters)).toBe(1);
    await s.reader.close();
  });

  it('T=0 card: 5-byte structure with WI', async () => {
    const s = await setup({ level: 'tpdu', features: 0x3a }, { protocol: 'T0', ta1: 0x11 });
    expect(s.sim.slots[0]!.ppsSeen).toBeUndefined(); // default speed and first protocol: nothing to negotiate
    expect(toHex(s.sim.slots[0]!.params, ' ')).toBe('11 00 00 0a 00');
    expect(s.conn.protocol).toBe('T0');
    await s.reader.close();
  });

  it('a TA1 the reader cannot clock falls back to 0x11', async () => {
    const s = await setup({ level: 'tpdu' }, { protocol: 'T1', ta1: 0x18 }); // Fi 372, Di 12 at 4 MHz: 129 kbps, within 344 kbps
    expect(s.sim.slots[0]!.params[0]).toBe(0x18);
    await s.reader.close();
    const fast = await setup({ level: 'tpdu' }, { protocol: 'T1', ta1: 0x17 }); // Fi 372, Di 64: 688 kbps > 344 kbps
    expect(fast.sim.slots[0]!.params[0]).toBe(0x11);
    await fast.reader.close();
  });
});

describe('T=1 IFSD negotiation', () => {
  it('sends S(IFS request) with min(254, dwMaxIFSD) unless the reader does it', async () => {
    const s = await setup({ level: 'tpdu', maxIfsd: 200 }, { protocol: 'T1' });
    expect(s.sim.slots[0]!.t1!.lastIfsdRequest).toBe(200);
    expect(s.conn.session.t1!.ifsd).toBe(200);
    await s.reader.close();
    const auto = await setup({ level: 'tpdu', features: 0x4ba }, { protocol: 'T1' });
    expect(auto.sim.slots[0]!.t1!.lastIfsdRequest).toBeUndefined();
    await auto.reader.close();
  });
});

describe('driver API: Escape, parameters, clock, class requests', () => {
  it('round-trips each command through the reader', async () => {
    const s = await setup({ level: 'tpdu' }, { protocol: 'T1' });
    expect(toHex(await s.reader.escape(Uint8Array.of(0x1f, 0x02)))).toBe('1f02');
    const p = await s.reader.getParameters();
    expect(p).toMatchObject({ protocol: 1, ifsc: 0xfe });
    const reset = await s.reader.resetParameters();
    expect(toHex(Uint8Array.of(reset.findexDindex))).toBe('11');
    expect(await iccClock(s.reader, 1)).toBe(1);
    expect(await iccClock(s.reader, 0)).toBe(0);
    expect(await setDataRateAndClockFrequency(s.reader, 4000, 10752)).toEqual({
      clockKhz: 4000,
      dataRate: 10752,
    });
    expect(await classList(s.reader, 0x02)).toEqual([4000, 8000]);
    expect(await classList(s.reader, 0x03)).toEqual([10752, 21505, 344086]);
    expect(await s.reader.getSlotStatus()).toEqual({ iccStatus: 0, clockStatus: 0 });
    await s.reader.close();
  });
});

describe('exchange levels the driver does not drive', () => {
  it('character level: connect works, transmit says transport/not-supported', async () => {
    const s = await setup({ level: 'character', features: 0x3e }, { protocol: 'T0', ta1: 0x11 });
    await expect(s.conn.transmit(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({
      code: 'transport/not-supported',
    });
    await s.reader.close();
  });
});

describe('opening', () => {
  it('maps Chromium protected-class SecurityError to transport/access-denied explaining the IWA route', async () => {
    const sim = new VirtualCcidReader({ level: 'short-apdu', protectedClass: true });
    await expect(CcidReader.open(sim)).rejects.toMatchObject({
      code: 'transport/access-denied',
      data: { reason: 'protected-class' },
    });
  });

  it('a vendor-class (0xFF) reader is not protected and opens', async () => {
    const sim = new VirtualCcidReader({ level: 'short-apdu', protectedClass: true, vendorClass: true });
    sim.insertCard(new TestCard({ protocol: 'T1' }));
    const reader = await CcidReader.open(sim);
    expect((await reader.slots[0]!.connect()).atr.length).toBeGreaterThan(5);
    await reader.close();
  });

  it('applies the quirk table (Omnikey 3x21: no PIN pad, extended level)', async () => {
    const sim = new VirtualCcidReader({ level: 'short-apdu', vendorId: 0x076b, productId: 0x3031 });
    const reader = await CcidReader.open(sim);
    expect(reader.rawDescriptor.exchangeLevel).toBe('short-apdu');
    expect(reader.descriptor.exchangeLevel).toBe('extended-apdu');
    expect(reader.quirks.reasons[0]).toMatch(/OMNIKEY 3x21/);
    await reader.close();
  });
});
