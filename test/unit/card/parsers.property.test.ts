/** fast-check: the card-data parsers return or throw typed CardErrors — nothing else — on any bytes. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CardError,
  parseChuid,
  parseMasterfile,
  parseSelectResponse,
  pivCardId,
  findMasterfileEntry,
} from '../../../src/card';
import { encodeTlv } from '../../../src/iso7816/tlv';
import { concatBytes } from '../../../src/iso7816/hex';
import { encodeMasterfile } from '../../../src/sim/gids-masterfile';
import { buildChuid } from '../../../src/sim/piv-data';

function onlyCardErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CardError);
    expect((e as CardError).code).toMatch(/^card\//);
  }
}

/** Bytes that are often TLV-shaped: random TLV objects with random (possibly lying) lengths. */
const tlvish = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(0x30, 0x34, 0x35, 0x3e, 0x53, 0x61, 0x4f, 0x73, 0xac, 0x80, 0xfe),
        fc.uint8Array({ maxLength: 40 }),
      ),
    )
    .map((parts) => concatBytes(...parts.map(([t, v]) => encodeTlv(t, v)))),
  fc
    .tuple(
      fc.constantFrom(0x53, 0x61, 0x6f),
      fc.uint8Array({ maxLength: 200 }),
      fc.integer({ min: -3, max: 3 }),
    )
    .map(([t, v, d]) => concatBytes(Uint8Array.of(t, Math.max(0, Math.min(127, v.length + d))), v)),
);

describe('parsers never fail untyped', () => {
  it('parseChuid / pivCardId', () => {
    fc.assert(
      fc.property(tlvish, (b) => onlyCardErrors(() => pivCardId(parseChuid(b)))),
      { numRuns: 2000 },
    );
  });
  it('parseChuid(53 wrapper of anything)', () => {
    fc.assert(
      fc.property(tlvish, (b) => onlyCardErrors(() => parseChuid(encodeTlv(0x53, b)))),
      { numRuns: 1000 },
    );
  });
  it('parseSelectResponse', () => {
    fc.assert(
      fc.property(tlvish, (b) => onlyCardErrors(() => parseSelectResponse(b))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(tlvish, (b) => onlyCardErrors(() => parseSelectResponse(encodeTlv(0x61, b)))),
      { numRuns: 1000 },
    );
  });
  it('parseMasterfile / findMasterfileEntry', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) =>
        onlyCardErrors(() => findMasterfileEntry(parseMasterfile(b).records, '', 'cardid')),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parsers read what the virtual cards write', () => {
  const name = fc.string({ minLength: 0, maxLength: 8 }).filter((s) => /^[\x21-\x7e]*$/.test(s));
  it('masterfile round trip', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ directory: name, name, doId: fc.nat(0xffff), efId: fc.nat(0xffff) }), {
          maxLength: 8,
        }),
        (recs) => {
          expect(parseMasterfile(encodeMasterfile(recs)).records).toEqual(recs);
        },
      ),
    );
  });
  it('CHUID round trip and card-id rule', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 25, maxLength: 25 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (fascn, guid) => {
          const c = parseChuid(buildChuid({ fascn, guid, expiry: '20291130' }));
          expect(c.fascn).toEqual(fascn);
          expect(c.guid).toEqual(guid);
          expect(c.expiry).toEqual({ year: 2029, month: 11, day: 30 });
          const id = pivCardId(c);
          const agency9999 =
            fascn[0] === 0xd4 && fascn[1] === 0xe7 && fascn[2] === 0x39 && (fascn[3]! & 0x80) !== 0;
          const useGuid = guid.some((b) => b !== 0) && agency9999;
          expect(id.source).toBe(useGuid ? 'guid' : 'fascn');
          expect(id.cardId).toEqual(useGuid ? guid : fascn.subarray(0, 16));
        },
      ),
    );
  });
  it('a GUID-only CHUID gives the GUID; a short serial is repeated to 16 bytes', () => {
    expect(pivCardId(parseChuid(buildChuid({ guid: new Uint8Array(16).fill(7) }))).source).toBe('guid');
    const short = pivCardId({ fascn: Uint8Array.of(1, 2, 3), signed: false });
    expect(Array.from(short.cardId)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
    expect(() => pivCardId({ guid: new Uint8Array(16), signed: false })).toThrow(
      expect.objectContaining({ code: 'card/bad-data' }),
    );
  });
});
