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
import { concatBytes } from '@noble/ciphers/utils.js';
import { fromHex } from '../../../src/iso7816/hex';
import { fascnIdentity, parseFascn } from '../../../src/card/piv/fascn';
import { encodeMasterfile } from '../../../src/sim/gids-masterfile';
import { buildChuid } from '../../../src/sim/piv-data';

/** A FASC-N (TIG SCEPACS §6.1: 5-bit characters, 4 data bits LSB first + odd parity) with zero filler fields. */
function encodeFascn(agency: string, system: string, credential: string): Uint8Array {
  const chars = [
    11,
    ...agency,
    13,
    ...system,
    13,
    ...credential,
    13,
    1,
    13,
    1,
    13,
    ...'0000000000',
    1,
    ...'0000',
    1,
    15,
  ].map(Number);
  let lrc = 0;
  for (const c of chars) lrc ^= c;
  chars.push(lrc);
  const out = new Uint8Array(25);
  chars.forEach((v, i) => {
    const bits = [v & 1, (v >> 1) & 1, (v >> 2) & 1, (v >> 3) & 1];
    bits.push((bits.reduce((a, b) => a + b, 0) + 1) % 2); // odd parity
    bits.forEach((bit, b) => {
      const pos = i * 5 + b;
      out[pos >> 3]! |= bit << (7 - (pos & 7));
    });
  });
  return out;
}

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
  it('CHUID round trip; card id: random bytes are no FASC-N, so the GUID or a refusal, never a constant id', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 25, maxLength: 25 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (fascn, guid) => {
          const c = parseChuid(buildChuid({ fascn, guid, expiry: '20291130' }));
          expect(c.fascn).toEqual(fascn);
          expect(c.guid).toEqual(guid);
          expect(c.expiry).toEqual({ year: 2029, month: 11, day: 30 });
          const federal = fascnIdentity(fascn) === 'federal';
          const guidOk = guid.some((b) => b !== guid[0]);
          if (!federal && !guidOk) {
            expect(() => pivCardId(c)).toThrow(expect.objectContaining({ code: 'card/no-card-id' }));
            return;
          }
          const id = pivCardId(c);
          expect(id.source).toBe(federal ? 'fascn' : 'guid');
          expect(id.cardId).toEqual(federal ? fascn.subarray(0, 16) : guid);
          expect(id.cardId.some((b) => b !== id.cardId[0])).toBe(true);
        },
      ),
    );
  });

  it('card id from well-formed FASC-Ns: federal → FASC-N; agency 9999 or all-zero identity → GUID', () => {
    const digit = fc.integer({ min: 0, max: 9 });
    fc.assert(
      fc.property(
        fc.array(digit, { minLength: 14, maxLength: 14 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (d, guid) => {
          fc.pre(guid.some((b) => b !== guid[0]));
          const fascn = encodeFascn(d.slice(0, 4).join(''), d.slice(4, 8).join(''), d.slice(8, 14).join(''));
          const id = pivCardId(parseChuid(buildChuid({ fascn, guid })));
          const agency = d.slice(0, 4).join('');
          const federal = agency !== '9999' && d.some((x) => x !== 0);
          expect(id.source).toBe(federal ? 'fascn' : 'guid');
        },
      ),
    );
    expect(fascnIdentity(encodeFascn('9999', '9999', '999999'))).toBe('non-federal');
    expect(fascnIdentity(encodeFascn('0000', '0000', '000000'))).toBe('none');
    expect(fascnIdentity(new Uint8Array(25))).toBe('none');
    expect(fascnIdentity(fromHex('D0439458210C2C19A0846D83685A1082108CE73984108CA3FC'))).toBe('federal');
    expect(parseFascn(fromHex('D0439458210C2C19A0846D83685A1082108CE73984108CA3FC'))).toEqual({
      agency: '0032',
      system: '0001',
      credential: '092446',
    });
  });

  it('refuses a CHUID without a usable identifier; a zero-FASC-N card gets its GUID', () => {
    const zero = new Uint8Array(25);
    expect(() => pivCardId({ fascn: zero, guid: new Uint8Array(16), signed: false })).toThrow(
      expect.objectContaining({ code: 'card/no-card-id', data: { reason: 'no-usable-identifier' } }),
    );
    expect(() => pivCardId({ fascn: zero, guid: new Uint8Array(16).fill(7), signed: false })).toThrow(
      expect.objectContaining({ code: 'card/no-card-id' }),
    );
    const guid = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    expect(pivCardId({ fascn: zero, guid, signed: false })).toMatchObject({ source: 'guid', cardId: guid });
    expect(pivCardId(parseChuid(buildChuid({ guid }))).source).toBe('guid');
  });
});
