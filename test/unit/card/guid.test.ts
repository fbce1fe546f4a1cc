import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cardIdToGuid, guidToCardId } from '../../../src/card';
import { fromHex } from '../../../src/iso7816/hex';

describe('cardIdToGuid', () => {
  // docs/card-id.md test vector (GidsApplet tests).
  const id = fromHex('A7 F5 C7 42 89 55 7B C0 7E 9A 9D E3 DD BD 21 D7');
  it('uses the .NET Guid(byte[]) order by default', () => {
    expect(cardIdToGuid(id)).toBe('42c7f5a7-5589-c07b-7e9a-9de3ddbd21d7');
  });
  it('uses RFC 4122 order when asked', () => {
    expect(cardIdToGuid(id, 'rfc4122')).toBe('a7f5c742-8955-7bc0-7e9a-9de3ddbd21d7');
  });
  it('refuses anything but 16 bytes', () => {
    expect(() => cardIdToGuid(new Uint8Array(15))).toThrow(
      expect.objectContaining({ code: 'card/bad-data' }),
    );
  });
  it('round-trips through guidToCardId in both orders, braces and case tolerated', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.constantFrom('dotnet', 'rfc4122' as const),
        (b, order) => {
          const g = cardIdToGuid(b, order);
          expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          expect(guidToCardId(`{${g.toUpperCase()}}`, order)).toEqual(b);
        },
      ),
    );
    expect(() => guidToCardId('not-a-guid')).toThrow(expect.objectContaining({ code: 'card/bad-data' }));
  });
});
