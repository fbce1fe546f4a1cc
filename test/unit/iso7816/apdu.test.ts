import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApduError, decodeCommand, encodeCommand, parseResponse } from '../../../src/iso7816/apdu';
import type { CommandApdu } from '../../../src/iso7816/apdu';
import { fromHex, toHex } from '../../../src/iso7816/hex';

const enc = (c: CommandApdu): string => toHex(encodeCommand(c), ' ');
const d = (hex: string): Uint8Array => fromHex(hex);

describe('encodeCommand (ISO/IEC 7816-4 §5.1 table 1)', () => {
  it('encodes all seven cases', () => {
    expect(enc({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00 })).toBe('00 a4 04 00'); // 1
    expect(enc({ cla: 0x00, ins: 0xc0, p1: 0, p2: 0, le: 0x10 })).toBe('00 c0 00 00 10'); // 2S
    expect(enc({ cla: 0x00, ins: 0xc0, p1: 0, p2: 0, le: 256 })).toBe('00 c0 00 00 00'); // 2S Ne=256
    expect(enc({ cla: 0x00, ins: 0x20, p1: 0, p2: 0x80, data: d('31323334') })).toBe(
      '00 20 00 80 04 31 32 33 34',
    ); // 3S
    // GIDS SELECT by partial AID, docs/gids.md "Selecting the application"
    expect(enc({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: d('A0 00 00 03 97 42 54 46 59'), le: 256 })).toBe(
      '00 a4 04 00 09 a0 00 00 03 97 42 54 46 59 00',
    ); // 4S
    expect(enc({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 })).toBe('00 b0 00 00 00 00 00'); // 2E Ne=65536
    expect(enc({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 })).toBe('00 b0 00 00 00 01 01'); // 2E
    const big = new Uint8Array(300).fill(0xab);
    expect(enc({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data: big }).slice(0, 20)).toBe(
      '00 db 3f ff 00 01 2c',
    ); // 3E
    expect(encodeCommand({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data: big }).length).toBe(7 + 300);
    const c4e = encodeCommand({ cla: 0, ins: 0x2a, p1: 0x9e, p2: 0x9a, data: big, le: 65536 });
    expect(toHex(c4e.subarray(0, 7))).toBe('002a9e9a00012c');
    expect(toHex(c4e.subarray(-2))).toBe('0000'); // 4E Ne=65536
    expect(enc({ cla: 0, ins: 0xca, p1: 0, p2: 0, data: d('01'), le: 5, extended: true })).toBe(
      '00 ca 00 00 00 00 01 01 00 05',
    ); // forced 4E
  });

  it('rejects out-of-range fields with typed errors', () => {
    const code = (c: CommandApdu): string => {
      try {
        encodeCommand(c);
        return 'none';
      } catch (e) {
        expect(e).toBeInstanceOf(ApduError);
        return (e as ApduError).code;
      }
    };
    expect(code({ cla: 256, ins: 0, p1: 0, p2: 0 })).toBe('apdu/invalid-header');
    expect(code({ cla: 0, ins: -1, p1: 0, p2: 0 })).toBe('apdu/invalid-header');
    expect(code({ cla: 0, ins: 0, p1: 1.5, p2: 0 })).toBe('apdu/invalid-header');
    expect(code({ cla: 0, ins: 0, p1: 0, p2: 0, le: 0 })).toBe('apdu/invalid-le');
    expect(code({ cla: 0, ins: 0, p1: 0, p2: 0, le: 65537 })).toBe('apdu/invalid-le');
    expect(code({ cla: 0, ins: 0, p1: 0, p2: 0, data: new Uint8Array(65536) })).toBe('apdu/invalid-lc');
    expect(code({ cla: 0, ins: 0, p1: 0, p2: 0, data: new Uint8Array(256), extended: false })).toBe(
      'apdu/needs-extended',
    );
    expect(code({ cla: 0, ins: 0, p1: 0, p2: 0, le: 257, extended: false })).toBe('apdu/needs-extended');
  });
});

describe('decodeCommand (ISO/IEC 7816-3 §12.1.3)', () => {
  it('names every case', () => {
    expect(decodeCommand(d('00 a4 04 00')).case).toBe('1');
    expect(decodeCommand(d('00 c0 00 00 00'))).toMatchObject({ case: '2S', le: 256 });
    expect(decodeCommand(d('00 20 00 80 02 31 32'))).toMatchObject({ case: '3S', data: d('3132') });
    expect(decodeCommand(d('00 a4 04 00 01 3f 00'))).toMatchObject({ case: '4S', le: 256 });
    expect(decodeCommand(d('00 b0 00 00 00 00 00'))).toMatchObject({ case: '2E', le: 65536, extended: true });
    expect(decodeCommand(d('00 b0 00 00 00 00 02 aa bb'))).toMatchObject({ case: '3E', data: d('aabb') });
    expect(decodeCommand(d('00 b0 00 00 00 00 01 aa 01 00'))).toMatchObject({ case: '4E', le: 256 });
  });

  it('rejects bodies that fit no case', () => {
    for (const hex of [
      '',
      '00 a4 04',
      '00 a4 04 00 02 01',
      '00 a4 04 00 00 01',
      '00 a4 04 00 00 00 00 01',
      '00 a4 04 00 00 00 02 01',
    ]) {
      expect(() => decodeCommand(d(hex)), hex).toThrow(ApduError);
    }
  });
});

describe('parseResponse (ISO/IEC 7816-4 §5.1)', () => {
  it('splits data and SW', () => {
    expect(parseResponse(d('01 02 90 00'))).toEqual({ data: d('0102'), sw: 0x9000, sw1: 0x90, sw2: 0x00 });
    expect(parseResponse(d('63 c2'))).toEqual({ data: new Uint8Array(0), sw: 0x63c2, sw1: 0x63, sw2: 0xc2 });
    expect(() => parseResponse(d('90'))).toThrow(
      expect.objectContaining({ code: 'apdu/response-too-short' }),
    );
  });
});

describe('APDU properties', () => {
  const byte = fc.integer({ min: 0, max: 255 });
  const cmdArb = fc
    .record(
      {
        cla: byte,
        ins: byte,
        p1: byte,
        p2: byte,
        data: fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc.uint8Array({ minLength: 256, maxLength: 2000 }),
        ),
        le: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 65536 })),
        extended: fc.boolean(),
      },
      { requiredKeys: ['cla', 'ins', 'p1', 'p2'] },
    )
    .map((c): CommandApdu => {
      // extended: false with Nc > 255 or Ne > 256 is a caller error (tested above), not a round-trip case.
      const needs = (c.data?.length ?? 0) > 255 || (c.le ?? 0) > 256;
      return needs && c.extended === false ? { ...c, extended: true } : c;
    });

  it('decode(encode(c)) gives c back for every case, and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(cmdArb, (c) => {
        const bytes = encodeCommand(c);
        const back = decodeCommand(bytes);
        expect([back.cla, back.ins, back.p1, back.p2]).toEqual([c.cla, c.ins, c.p1, c.p2]);
        expect(back.data ?? new Uint8Array(0)).toEqual(c.data ?? new Uint8Array(0));
        expect(back.le).toBe(c.le);
        const ext =
          (c.data?.length ?? 0) > 255 ||
          (c.le ?? 0) > 256 ||
          (c.extended === true && (c.data !== undefined || c.le !== undefined));
        expect(back.case.endsWith('E')).toBe(ext);
        expect(encodeCommand(back)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodeCommand returns or throws ApduError on arbitrary bytes; what it accepts re-encodes identically', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        try {
          expect(encodeCommand(decodeCommand(b))).toEqual(b);
        } catch (e) {
          expect(e).toBeInstanceOf(ApduError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
