/** Recovery paths that depend on reader state: refused aborts, late replies, polling, quirks. */
import { describe, expect, it } from 'vitest';
import { QUIRKS, applyQuirks, mergeQuirks, quirksFor } from '../../../src/ccid/quirks';
import { parseCcidDescriptor } from '../../../src/ccid/descriptor';
import { fromHex } from '../../../src/iso7816/hex';
import { isAppError } from '../../../src/errors';
import { settleWithin, setup } from './harness';
import { READERS } from './fixtures/reader-descriptors';

const ECHO1 = fromHex('80 10 00 00 01 42 00');

describe('timeout when the browser refuses the ABORT class request', () => {
  it('rejects in bounded time, drops the late reply, waits out CMD_SLOT_BUSY, then works', async () => {
    const s = await setup(
      { level: 'short-apdu', refuseClassRequests: true },
      { protocol: 'T1' },
      { timeoutMs: 200 },
    );
    s.sim.injectFault({ kind: 'latency', ms: 260 });
    const first = await settleWithin(s.conn.transmit(ECHO1), 2000);
    expect(first.ok).toBe(false);
    expect(isAppError((first as { error: unknown }).error, 'transport/timeout')).toBe(true);
    expect(first.ms).toBeLessThan(200 + 1000 + 100);
    expect(s.sim.processor.abortsHandled).toBe(0);
    // The reader is still busy with the abandoned command: the driver retries CMD_SLOT_BUSY.
    const second = await settleWithin(s.conn.transmit(ECHO1), 2000);
    expect(second.ok).toBe(true);
    expect(Array.from((second as { value: Uint8Array }).value)).toEqual([0x42, 0x90, 0x00]);
    expect(s.sim.processor.busyRejections).toBeGreaterThan(0);
    expect(s.reader.droppedFrames).toBe(1); // the late answer to the abandoned command
    await s.reader.close();
  });
});

describe('readers without interrupt-IN', () => {
  it('poll GetSlotStatus and still raise slot changes', async () => {
    const s = await setup({ level: 'short-apdu', interrupt: false }, { protocol: 'T1' }, { pollMs: 10 });
    expect(s.reader.hasInterrupt).toBe(false);
    const seen: boolean[] = [];
    s.reader.addEventListener('slotchange', (e) =>
      seen.push((e as CustomEvent<{ present: boolean }>).detail.present),
    );
    s.sim.removeCard(0);
    await new Promise((r) => setTimeout(r, 60));
    s.sim.insertCard(s.card, 0);
    await new Promise((r) => setTimeout(r, 60));
    expect(seen).toEqual([false, true]);
    await s.reader.close();
  });
});

describe('quirk table', () => {
  it('matches VID:PID and, where given, bcdDevice', () => {
    expect(quirksFor(0x046a, 0x00a1, 0x0100)).toHaveLength(1);
    expect(quirksFor(0x046a, 0x00a1, 0x0110)).toHaveLength(0);
    expect(quirksFor(0x076b, 0x3031, 0x0101)[0]!.forceLevel).toBe('extended-apdu');
    expect(quirksFor(0x1234, 0x5678, 0)).toEqual([]);
  });

  it('every entry explains itself and changes what the driver uses', () => {
    // A descriptor with everything a quirk can fix still "wrong": PIN pad claimed, TPDU level, no
    // auto-IFSD, a high data rate (SCM SPRx32: bPINSupport 3; levels and rate set below).
    const base = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('SCM'))!.hex));
    const wrong = { ...base, dwMaxDataRate: 600_000 };
    const used = (d: typeof base) =>
      JSON.stringify([d.exchangeLevel, d.features.autoIfsd, d.bPINSupport, d.dwMaxDataRate]);
    for (const q of QUIRKS) {
      expect(q.why.length).toBeGreaterThan(20);
      const set = mergeQuirks([q]);
      // What slot.ts and reader.ts read beyond the descriptor (PPS, SetParameters, timeouts).
      const settings = [
        set.noPps === true,
        set.ignoreSetParametersFailure === true,
        (set.timeoutMultiplier ?? 1) > 1,
      ];
      const descriptorChanged = used(applyQuirks(wrong, set)) !== used(wrong);
      expect(descriptorChanged || settings.includes(true), q.why).toBe(true);
    }
  });

  it('GemPC Twin fw 2.00 (08e6:3437, libccid zlp fix): stray ZLPs before replies and exact-multiple replies keep every APDU intact', async () => {
    for (const level of ['short-apdu', 'tpdu'] as const) {
      const s = await setup(
        { level, vendorId: 0x08e6, productId: 0x3437, version: [2, 0, 0], packetSize: 64 },
        { protocol: 'T1' },
      );
      // Reply message = 10-byte header + n data + SW: n = 52 and 116 fill whole 64-byte packets.
      for (const n of [1, 52, 53, 116, 200]) {
        s.sim.injectFault({ kind: 'zlp', count: 2 });
        const data = Uint8Array.from({ length: n }, (_, i) => (i * 13 + n) & 0xff);
        const r = await s.conn.transmit(Uint8Array.of(0x80, 0x10, 0, 0, n, ...data, 0));
        expect(Array.from(r)).toEqual([...data, 0x90, 0x00]);
      }
      await s.reader.close();
    }
  });

  it('folds into a descriptor: Alcor AU9540 data rate cap, SafeNet auto-IFSD, Omnikey PIN pad off', () => {
    const au = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('Alcor'))!.hex));
    const fixed = applyQuirks(au, mergeQuirks(quirksFor(0x058f, 0x9540, 0x0120)));
    expect(fixed.dwMaxDataRate).toBe(200000);
    const etoken = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('Aladdin'))!.hex));
    expect(applyQuirks(etoken, mergeQuirks(quirksFor(0x0529, 0x0620, 0x0012))).features.autoIfsd).toBe(true);
    const spr = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('SCM'))!.hex));
    expect(applyQuirks(spr, mergeQuirks(quirksFor(0x076b, 0x3031, 0))).bPINSupport).toBe(0);
    expect(spr.bPINSupport).toBe(3); // the input is untouched
  });
});
