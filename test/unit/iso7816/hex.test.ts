import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { equalBytes } from '@noble/ciphers/utils.js';
import { fromHex, HexError, toHex } from '../../../src/iso7816/hex';

describe('hex', () => {
  it('formats lower-case, with optional separator', () => {
    expect(toHex(new Uint8Array([0x3b, 0x8d, 0x01, 0xff, 0x00]))).toBe('3b8d01ff00');
    expect(toHex(new Uint8Array([0x00, 0xa4, 0x04]), ' ')).toBe('00 a4 04');
    expect(toHex(new Uint8Array([]))).toBe('');
  });

  it('parses mixed case with spaces and colons', () => {
    expect(Array.from(fromHex('3B 8d:01\nFf'))).toEqual([0x3b, 0x8d, 0x01, 0xff]);
    expect(fromHex('').length).toBe(0);
  });

  it('rejects odd length and non-hex with typed errors', () => {
    expect(() => fromHex('abc')).toThrow(HexError);
    expect(() => fromHex('abc')).toThrow(expect.objectContaining({ code: 'hex/odd-length' }));
    expect(() => fromHex('0g')).toThrow(
      expect.objectContaining({ code: 'hex/invalid-char', data: { position: 1 } }),
    );
    expect(() => fromHex('0x12')).toThrow(expect.objectContaining({ code: 'hex/invalid-char' }));
  });

  it('round-trips any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('', ' ', ':'), (b, sep) => {
        const h = toHex(b, sep);
        expect(h).toBe(h.toLowerCase());
        expect(equalBytes(fromHex(h), b)).toBe(true);
        expect(equalBytes(fromHex(h.toUpperCase()), b)).toBe(true);
      }),
    );
  });

  it('fromHex returns or throws HexError on any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          const b = fromHex(s);
          expect(b.length * 2).toBeLessThanOrEqual(s.length);
        } catch (e) {
          expect(e).toBeInstanceOf(HexError);
        }
      }),
    );
  });
});
