import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as M from '../../../src/ccid/messages';
import { decodeInterruptMessage } from '../../../src/ccid/notify';
import { decodeParameters, encodeParameters } from '../../../src/ccid/parameters';
import { slotErrorName } from '../../../src/ccid/slot-errors';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { isAppError } from '../../../src/errors';

const h = (b: Uint8Array): string => toHex(b, ' ');

describe('PC_to_RDR encoding (CCID 1.1 §6.1)', () => {
  it('encodes every command with header, dwLength LE, slot, seq and specific bytes', () => {
    expect(h(M.iccPowerOn(1, 7, 2))).toBe('62 00 00 00 00 01 07 02 00 00');
    expect(h(M.iccPowerOff(0, 8))).toBe('63 00 00 00 00 00 08 00 00 00');
    expect(h(M.getSlotStatus(2, 255))).toBe('65 00 00 00 00 02 ff 00 00 00');
    expect(h(M.xfrBlock(0, 1, fromHex('00a40400'), 3, 0x0010))).toBe(
      '6f 04 00 00 00 00 01 03 10 00 00 a4 04 00',
    );
    expect(h(M.getParameters(0, 2))).toBe('6c 00 00 00 00 00 02 00 00 00');
    expect(h(M.resetParameters(0, 3))).toBe('6d 00 00 00 00 00 03 00 00 00');
    expect(h(M.setParameters(0, 4, 1, fromHex('1110004d002000')))).toBe(
      '61 07 00 00 00 00 04 01 00 00 11 10 00 4d 00 20 00',
    );
    expect(h(M.escape(0, 5, fromHex('1f02')))).toBe('6b 02 00 00 00 00 05 00 00 00 1f 02');
    expect(h(M.iccClock(0, 6, 1))).toBe('6e 00 00 00 00 00 06 01 00 00');
    expect(h(M.abort(1, 10))).toBe('72 00 00 00 00 01 0a 00 00 00');
    expect(h(M.setDataRateAndClockFrequency(0, 11, 4000, 10752))).toBe(
      '73 08 00 00 00 00 0b 00 00 00 a0 0f 00 00 00 2a 00 00',
    );
  });

  it('encodes a 65 544-byte dwLength little-endian', () => {
    const m = M.xfrBlock(0, 0, new Uint8Array(65544));
    expect(h(m.subarray(0, 5))).toBe('6f 08 00 01 00');
    expect(M.messageLength(m)).toBe(65544);
  });
});

describe('RDR_to_PC decoding (CCID 1.1 §6.2)', () => {
  it('decodes each reply type', () => {
    const cases: Array<[string, number, number]> = [
      ['80 02 00 00 00 00 05 00 00 00 90 00', 0x80, 2],
      ['81 00 00 00 00 01 06 01 00 02', 0x81, 0],
      ['82 05 00 00 00 00 07 00 00 00 11 00 00 0a 00', 0x82, 5],
      ['83 01 00 00 00 00 08 00 00 00 aa', 0x83, 1],
      ['84 08 00 00 00 00 09 00 00 00 a0 0f 00 00 00 2a 00 00', 0x84, 8],
    ];
    for (const [hex, type, len] of cases) {
      const m = M.decodeReaderMessage(fromHex(hex));
      expect(m.type).toBe(type);
      expect(m.data.length).toBe(len);
    }
    const s = M.decodeReaderMessage(fromHex('81 00 00 00 00 01 06 41 fe 02'));
    expect(s).toMatchObject({ slot: 1, seq: 6, bStatus: 0x41, bError: 0xfe, b9: 2 });
  });

  it('rejects short messages, unknown types and a dwLength mismatch with ccid/message', () => {
    for (const hex of ['80 00 00', '90 00 00 00 00 00 00 00 00 00', '80 05 00 00 00 00 00 00 00 00 01']) {
      expect(() => M.decodeReaderMessage(fromHex(hex))).toThrowError(
        expect.objectContaining({ code: 'ccid/message' }),
      );
    }
  });

  it('fast-check: any bytes decode or throw ccid/message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          const m = M.decodeReaderMessage(b);
          expect(m.data.length).toBe(b.length - 10);
        } catch (e) {
          expect(isAppError(e, 'ccid/message')).toBe(true);
        }
      }),
    );
  });

  it('fast-check: well-formed replies round-trip', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0x80, 0x81, 0x82, 0x83, 0x84),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(255),
        fc.nat(255),
        (t, d, slot, seq) => {
          const b = M.encodeCommand(t, slot, seq, 0x40, 0xfe, 3, d);
          const m = M.decodeReaderMessage(b);
          expect(m).toMatchObject({ type: t, slot, seq, bStatus: 0x40, bError: 0xfe, b9: 3 });
          expect(m.data).toEqual(d);
        },
      ),
    );
  });
});

describe('interrupt messages (CCID 1.1 §6.3)', () => {
  it('NotifySlotChange: 2 bits per slot', () => {
    const m = decodeInterruptMessage(fromHex('50 0e 03'), 5);
    expect(m).toEqual({
      type: 'slot-change',
      slots: [
        { slot: 0, present: false, changed: true },
        { slot: 1, present: true, changed: true },
        { slot: 2, present: false, changed: false },
        { slot: 3, present: false, changed: false },
        { slot: 4, present: true, changed: true },
      ],
    });
  });

  it('HardwareError', () => {
    expect(decodeInterruptMessage(fromHex('51 00 07 01'), 1)).toEqual({
      type: 'hardware-error',
      slot: 0,
      seq: 7,
      code: 1,
    });
  });

  it('fast-check: any bytes decode or throw ccid/message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.integer({ min: 1, max: 8 }), (b, n) => {
        try {
          decodeInterruptMessage(b, n);
        } catch (e) {
          expect(isAppError(e, 'ccid/message')).toBe(true);
        }
      }),
    );
  });
});

describe('protocol data structures (CCID 1.1 §6.1.7)', () => {
  it('T=1 and T=0 encode like libccid defaults', () => {
    const t1 = {
      protocol: 1,
      findexDindex: 0x11,
      crc: false,
      inverseConvention: false,
      guardTime: 0,
      bwi: 4,
      cwi: 13,
      clockStop: 0,
      ifsc: 0x20,
      nad: 0,
    } as const;
    expect(h(encodeParameters(t1))).toBe('11 10 00 4d 00 20 00');
    expect(decodeParameters(1, encodeParameters(t1))).toEqual(t1);
    const t0 = {
      protocol: 0,
      findexDindex: 0x11,
      inverseConvention: true,
      guardTime: 2,
      waitingInteger: 10,
      clockStop: 3,
    } as const;
    expect(h(encodeParameters(t0))).toBe('11 02 02 0a 03');
    expect(decodeParameters(0, encodeParameters(t0))).toEqual(t0);
  });

  it('fast-check: any structure decodes or throws ccid/message', () => {
    fc.assert(
      fc.property(fc.nat(3), fc.uint8Array({ maxLength: 9 }), (p, d) => {
        try {
          decodeParameters(p, d);
        } catch (e) {
          expect(isAppError(e, 'ccid/message')).toBe(true);
        }
      }),
    );
  });
});

describe('slot error names (CCID 1.1 §6.2.6)', () => {
  it('names every class of bError', () => {
    expect(slotErrorName(0xfe)).toBe('ICC_MUTE');
    expect(slotErrorName(0xff)).toBe('CMD_ABORTED');
    expect(slotErrorName(0xe0)).toBe('CMD_SLOT_BUSY');
    expect(slotErrorName(0x00)).toBe('CMD_NOT_SUPPORTED');
    expect(slotErrorName(0x05)).toBe('BAD_FIELD_bSlot');
    expect(slotErrorName(0x20)).toBe('BAD_FIELD_offset_32');
    expect(slotErrorName(0xbb)).toBe('VENDOR_EMV_PROTOCOL_ERROR');
    expect(slotErrorName(0x90)).toBe('VENDOR_0x90');
    expect(slotErrorName(0xd0)).toBe('RFU_0xd0');
  });
});
