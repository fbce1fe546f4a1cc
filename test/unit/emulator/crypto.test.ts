/** 3DES vectors (docs/gids.md "Test vectors"), the emulator's key diversification, and PIN generation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultAdminKey,
  deriveDiversifiedKey,
  generatePin,
  tdesEncrypt,
  withOddParity,
} from '../../../emulator/crypto';
import { bytesToBase64 } from '../../../src/common/base64';
import { hexToBytes } from '../../../src/cm';

const hex = (s: string) => Buffer.from(hexToBytes(s));

describe('challenge response = 3DES-EDE3 encryption', () => {
  it.each([
    ['00'.repeat(24), 'a892d75601617c5d', '1951ec3ef81bbabb'],
    ['0102030405060708'.repeat(3), '0557897f8d84407b', '7716f4b2d7214eb2'],
    ['00112233445566778899aabbccddeeff0011223344556677', '0557897f8d84407b', '301530f5291a5f21'],
    ['00'.repeat(24), 'd61143f9ccffd2ca', '17466e766e303cb6'], // the REST docs' example
  ])('key %s, challenge %s → %s', (key, challenge, response) => {
    expect(tdesEncrypt(hex(key), hex(challenge)).toString('hex')).toBe(response);
  });

  it('empty DefaultAdminKeyHex is 24 zero bytes; the doc example response comes out', () => {
    expect(defaultAdminKey('')).toEqual(Buffer.alloc(24));
    expect(bytesToBase64(tdesEncrypt(defaultAdminKey(''), Buffer.from('1hFD+cz/0so=', 'base64')))).toBe(
      'F0Zudm4wPLY=',
    );
    expect(() => defaultAdminKey('0102')).toThrow();
  });

  it('rejects challenges that are not whole 8-byte blocks', () => {
    expect(() => tdesEncrypt(Buffer.alloc(24), Buffer.alloc(7))).toThrow();
    expect(tdesEncrypt(Buffer.alloc(24), Buffer.alloc(16))).toHaveLength(16);
  });
});

describe('diversified admin key', () => {
  it('is deterministic per (secret, card id), case/brace-insensitive, 24 bytes with odd parity and distinct halves', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.uuid(), (secret, id) => {
        const k = deriveDiversifiedKey(secret, id);
        expect(k).toHaveLength(24);
        expect(deriveDiversifiedKey(secret, `{${id.toUpperCase()}}`)).toEqual(k);
        expect(withOddParity(k)).toEqual(k);
        expect(k.subarray(0, 8).equals(k.subarray(8, 16)) || k.subarray(8, 16).equals(k.subarray(16))).toBe(
          false,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('differs between cards and between secrets', () => {
    const a = deriveDiversifiedKey('s', 'bc88f13f-83ba-4037-8262-46eba1291c6e');
    expect(deriveDiversifiedKey('s', 'd1ef6869-5517-42a0-8f05-16ca1a0b834d')).not.toEqual(a);
    expect(deriveDiversifiedKey('t', 'bc88f13f-83ba-4037-8262-46eba1291c6e')).not.toEqual(a);
  });

  it('odd parity matches the documented key (all its bytes have odd parity)', () => {
    const doc = Buffer.from('mBVA+HopB/gc+6FuKsQqx+OX01hK1WQI', 'base64');
    expect(withOddParity(doc)).toEqual(doc);
  });
});

describe('server-proposed PIN', () => {
  it('respects length and character set of any policy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 16 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(0, 1, 2),
        (min, extra, set) => {
          const pin = generatePin({
            MinLength: min,
            MaxLength: min + extra,
            CharacterSet: set,
            Rollover: false,
            DefaultValue: '',
          });
          expect(pin.length).toBeGreaterThanOrEqual(min);
          expect(pin.length).toBeLessThanOrEqual(min + extra);
          if (set === 1) expect(pin).toMatch(/^[0-9]+$/);
          if (set === 2) expect(pin).toMatch(/^[A-Za-z0-9]+$/);
        },
      ),
    );
  });
});
