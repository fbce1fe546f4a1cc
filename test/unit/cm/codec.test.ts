/** Property tests for the wire helpers: GUIDs, resource URIs, base64, hex/ATR, and the shape checker. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../src/common/base64';
import { AppError } from '../../../src/errors';
import {
  atrToHex,
  base64ToBytes,
  bytesToHex,
  challengeQueryValue,
  CmApiError,
  CmInputError,
  hexToBytes,
  idFromResourceUri,
  isEmptyGuid,
  normalizeGuid,
  shapeMismatch,
  SCHEMAS,
  requiredFields,
} from '../../../src/cm';

const guidCase = fc.tuple(fc.uuid(), fc.boolean(), fc.boolean(), fc.constantFrom('', ' ', '\t'));

describe('normalizeGuid', () => {
  it('is lower case, brace-free and idempotent whatever the input casing/braces/spacing', () => {
    fc.assert(
      fc.property(guidCase, ([u, upper, braces, pad]) => {
        const input = `${pad}${braces ? '{' : ''}${upper ? u.toUpperCase() : u}${braces ? '}' : ''}${pad}`;
        const n = normalizeGuid(input);
        expect(n).toBe(u.toLowerCase());
        expect(normalizeGuid(n)).toBe(n);
      }),
    );
  });

  it('rejects non-GUIDs with a typed error', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          normalizeGuid(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CmInputError);
          expect((e as AppError).code).toBe('cm/bad-input');
        }
      }),
    );
    expect(() => normalizeGuid('{bc88f13f-83ba-4037-8262-46eba1291c6e')).toThrow(CmInputError);
    expect(isEmptyGuid('{00000000-0000-0000-0000-000000000000}')).toBe(true);
  });
});

describe('idFromResourceUri', () => {
  it('reads the documented bare URI and the walkthrough / absolute variants', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.constantFrom('', '/CertificateManagement/', 'https://cm.contoso.com/certificatemanagement/'),
        (u, prefix) => {
          expect(idFromResourceUri(`${prefix}api/v1.0/requests/${u.toUpperCase()}`, 'requests')).toBe(
            u.toLowerCase(),
          );
        },
      ),
    );
    expect(idFromResourceUri('api/v1.0/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9', 'smartcards')).toBe(
      '17cf063d-e337-4aa9-a822-346554ddd3c9',
    );
  });

  it('refuses anything else with cm/bad-response', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), (v) => {
        try {
          idFromResourceUri(v, 'requests');
        } catch (e) {
          expect(e).toBeInstanceOf(CmApiError);
        }
      }),
    );
    expect(() =>
      idFromResourceUri('api/v1.0/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9', 'requests'),
    ).toThrow(CmApiError);
  });
});

describe('base64 and hex', () => {
  it('base64 round-trips any bytes and matches the documented challenge encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(base64ToBytes(bytesToBase64(b))).toEqual(b);
      }),
    );
    expect(challengeQueryValue(hexToBytes('d61143f9ccffd2ca'))).toBe('1hFD%2Bcz%2F0so%3D');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(decodeURIComponent(challengeQueryValue(b))).toBe(bytesToBase64(b));
      }),
    );
  });

  it('base64 decode accepts \\r\\n wrapping and rejects the walkthrough hex challenge', () => {
    const long = bytesToBase64(new Uint8Array(100).map((_, i) => i));
    expect(base64ToBytes(long.replace(/(.{64})/g, '$1\r\n')).length).toBe(100);
    expect(() => base64ToBytes('CFAA62118BBD25')).toThrow(CmInputError);
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          base64ToBytes(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CmInputError);
        }
      }),
    );
  });

  it('hex round-trips; ATR hex is lower case without separators', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(hexToBytes(bytesToHex(b))).toEqual(b);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 33 }), (b) => {
        const spaced = bytesToHex(b).toUpperCase().replace(/(..)/g, '$1 ').trim();
        expect(atrToHex(spaced)).toBe(bytesToHex(b));
        expect(atrToHex(b)).toMatch(/^[0-9a-f]+$/);
      }),
    );
    expect(atrToHex('3B 8D 01 80 FB A0 00 00 03 97 42 54 46 59 03 01 C8')).toBe(
      '3b8d0180fba000000397425446590301c8',
    );
    expect(() => atrToHex('3B8')).toThrow(CmInputError);
  });
});

describe('shapeMismatch', () => {
  it('never throws on arbitrary JSON and accepts only objects with every required field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[])),
        fc.jsonValue(),
        (name, v) => {
          const r = shapeMismatch(name, v);
          if (r === null)
            expect(requiredFields(name).every((k) => (v as Record<string, unknown>)[k] != null)).toBe(true);
        },
      ),
    );
  });
});
