import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc16, decodeBlock, encodeBlock, lrc, type T1Block } from '../../../src/ccid/t1-block';
import { frame, unframe } from '../../../src/sim/t1-frame';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { isAppError } from '../../../src/errors';

describe('T=1 block codec (ISO/IEC 7816-3 §11.3)', () => {
  it('encodes I, R and S blocks with LRC', () => {
    expect(
      toHex(encodeBlock({ kind: 'I', nad: 0, ns: 0, more: false, inf: fromHex('00a40400') }, 'lrc')),
    ).toBe('00000400a40400a4');
    expect(toHex(encodeBlock({ kind: 'I', nad: 0, ns: 1, more: true, inf: fromHex('01') }, 'lrc'))).toBe(
      '0060010160',
    );
    expect(toHex(encodeBlock({ kind: 'R', nad: 0, nr: 1, error: 0 }, 'lrc'))).toBe('00900090');
    expect(toHex(encodeBlock({ kind: 'R', nad: 0, nr: 0, error: 2 }, 'lrc'))).toBe('00820082');
    expect(
      toHex(encodeBlock({ kind: 'S', nad: 0, response: false, type: 'IFS', inf: fromHex('fe') }, 'lrc')),
    ).toBe('00c101fe3e');
    expect(
      toHex(encodeBlock({ kind: 'S', nad: 0, response: true, type: 'WTX', inf: fromHex('02') }, 'lrc')),
    ).toBe('00e30102e0');
    expect(
      toHex(
        encodeBlock({ kind: 'S', nad: 0, response: false, type: 'RESYNCH', inf: new Uint8Array(0) }, 'lrc'),
      ),
    ).toBe('00c000c0');
  });

  it('CRC: reflected 0x8408, init FFFF, high byte first (libccid checksum.c)', () => {
    expect(crc16(fromHex('313233343536373839')).toString(16)).toBe('6f91'); // CRC-16/IBM-SDLC without final XOR
    const b = encodeBlock({ kind: 'I', nad: 0, ns: 0, more: false, inf: fromHex('0102') }, 'crc');
    expect(b.length).toBe(3 + 2 + 2);
    expect(decodeBlock(b, 'crc')).toMatchObject({ kind: 'I', inf: fromHex('0102') });
    expect(lrc(fromHex('00c101fe'))).toBe(0x3e);
  });

  it('reports EDC errors and format errors apart', () => {
    const good = encodeBlock({ kind: 'I', nad: 0, ns: 0, more: false, inf: fromHex('00') }, 'lrc');
    const bad = good.slice();
    bad[bad.length - 1]! ^= 1;
    expect(() => decodeBlock(bad, 'lrc')).toThrowError(
      expect.objectContaining({ code: 'ccid/t1-block', data: { reason: 'edc' } }),
    );
    expect(() => decodeBlock(fromHex('00 00 ff 00'), 'lrc')).toThrowError(
      expect.objectContaining({ data: { reason: 'format' } }),
    );
    expect(() => decodeBlock(fromHex('00 c5 00 c5'), 'lrc')).toThrowError(
      expect.objectContaining({ data: { reason: 'format' } }),
    );
  });

  const arbBlock: fc.Arbitrary<T1Block> = fc.oneof(
    fc.record({
      kind: fc.constant('I' as const),
      nad: fc.nat(255),
      ns: fc.nat(1),
      more: fc.boolean(),
      inf: fc.uint8Array({ maxLength: 254 }),
    }),
    fc.record({ kind: fc.constant('R' as const), nad: fc.nat(255), nr: fc.nat(1), error: fc.nat(3) }),
    fc.record({
      kind: fc.constant('S' as const),
      nad: fc.nat(255),
      response: fc.boolean(),
      type: fc.constantFrom('IFS' as const, 'WTX' as const),
      inf: fc.uint8Array({ minLength: 1, maxLength: 1 }),
    }),
  );

  it('fast-check: blocks round-trip for LRC and CRC, and the simulator codec agrees byte for byte', () => {
    fc.assert(
      fc.property(arbBlock, fc.constantFrom('lrc' as const, 'crc' as const), (b, edc) => {
        const bytes = encodeBlock(b, edc);
        expect(decodeBlock(bytes, edc)).toEqual(b);
        const f = unframe(bytes, edc);
        expect(typeof f).toBe('object');
        if (typeof f === 'object') expect(frame(f.pcb, f.inf, edc, f.nad)).toEqual(bytes);
      }),
    );
  });

  it('fast-check: any bytes decode or throw ccid/t1-block', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 270 }),
        fc.constantFrom('lrc' as const, 'crc' as const),
        (b, edc) => {
          try {
            decodeBlock(b, edc);
          } catch (e) {
            expect(isAppError(e, 'ccid/t1-block')).toBe(true);
          }
        },
      ),
    );
  });
});
