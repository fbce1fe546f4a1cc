import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  encodeLength,
  encodeTag,
  encodeTlv,
  findTag,
  parseCompactTlv,
  parseTlv,
  TlvError,
} from '../../../src/iso7816/tlv';
import type { Tlv } from '../../../src/iso7816/tlv';
import { fromHex, toHex } from '../../../src/iso7816/hex';

const code = (f: () => unknown): string => {
  try {
    f();
    return 'none';
  } catch (e) {
    expect(e).toBeInstanceOf(TlvError);
    return (e as TlvError).code;
  }
};

describe('BER-TLV (ISO/IEC 7816-4 §5.2.2)', () => {
  it('parses the GidsApplet FCI, nested, with multi-byte tags', () => {
    // docs/gids.md "Selecting the application": 61 12 4F 0B <AID> 73 03 40 01 C0
    const t = parseTlv(fromHex('61 12 4F 0B A0 00 00 03 97 42 54 46 59 02 01 73 03 40 01 C0'));
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ tag: 0x61, constructed: true });
    expect(toHex(findTag(t, 0x61, 0x4f)!.value)).toBe('a0000003974254465902 01'.replace(' ', ''));
    expect(toHex(findTag(t, 0x61, 0x73, 0x40)!.value)).toBe('c0');
    expect(findTag(t, 0x61, 0x99)).toBeUndefined();
    const multi = parseTlv(fromHex('5F C1 02 01 AA 7F 49 03 81 01 BB'));
    expect(multi.map((x) => x.tag)).toEqual([0x5fc102, 0x7f49]);
    expect(toHex(findTag(multi, 0x7f49, 0x81)!.value)).toBe('bb');
  });

  it('reads long lengths 81, 82, 83, 84 and skips 00/FF padding', () => {
    expect(parseTlv(fromHex('53 81 80' + '00'.repeat(128)))[0]!.value.length).toBe(128);
    expect(parseTlv(fromHex('53 82 01 00' + '11'.repeat(256)))[0]!.value.length).toBe(256);
    expect(parseTlv(fromHex('53 83 00 00 02 AB CD'))[0]!.value).toEqual(fromHex('abcd'));
    expect(parseTlv(fromHex('53 84 00 00 00 01 EE'))[0]!.value).toEqual(fromHex('ee'));
    expect(parseTlv(fromHex('00 FF 53 01 01 00 54 00 FF')).map((t) => t.tag)).toEqual([0x53, 0x54]);
    // Non-minimal (BER) lengths from real cards are accepted.
    expect(parseTlv(fromHex('53 81 02 AB CD'))[0]!.value).toEqual(fromHex('abcd'));
  });

  it('rejects indefinite, overlong and truncated encodings with stable codes', () => {
    expect(code(() => parseTlv(fromHex('30 80 00 00')))).toBe('tlv/indefinite-length');
    expect(code(() => parseTlv(fromHex('53 85 00 00 00 00 01 00')))).toBe('tlv/length-too-long');
    expect(code(() => parseTlv(fromHex('53 05 01 02')))).toBe('tlv/truncated');
    expect(code(() => parseTlv(fromHex('53')))).toBe('tlv/truncated');
    expect(code(() => parseTlv(fromHex('53 82 01')))).toBe('tlv/truncated');
    expect(code(() => parseTlv(fromHex('5F C1')))).toBe('tlv/truncated');
    expect(code(() => parseTlv(fromHex('5F 81 82 83 04 00')))).toBe('tlv/tag-too-long');
    expect(code(() => parseTlv(fromHex('61 03 53 05 00')))).toBe('tlv/truncated'); // bad child
    // 40 levels of nesting, each consistent: depth limit.
    let inner = fromHex('53 00');
    for (let i = 0; i < 40; i++) inner = encodeTlv(0x61, [inner]);
    expect(code(() => parseTlv(inner))).toBe('tlv/too-deep');
  });

  it('encodes minimal lengths and validates tags', () => {
    expect(toHex(encodeLength(0x7f))).toBe('7f');
    expect(toHex(encodeLength(0x80))).toBe('8180');
    expect(toHex(encodeLength(0x100))).toBe('820100');
    expect(toHex(encodeLength(0x10000))).toBe('83010000');
    expect(toHex(encodeLength(0x1000000))).toBe('8401000000');
    expect(toHex(encodeTag(0x5fc102))).toBe('5fc102');
    expect(code(() => encodeTag(0x5f))).toBe('tlv/invalid-tag'); // needs subsequent bytes
    expect(code(() => encodeTag(0x5f81))).toBe('tlv/invalid-tag'); // last byte has b8 set
    expect(code(() => encodeTag(0x4f01))).toBe('tlv/invalid-tag'); // single-byte tag with extra byte
    expect(code(() => encodeTag(0))).toBe('tlv/invalid-tag');
    expect(code(() => encodeTag(0xff))).toBe('tlv/invalid-tag');
    expect(code(() => encodeTlv(0x53, [fromHex('0100')]))).toBe('tlv/not-constructed');
    // GIDS GENERAL AUTHENTICATE body, docs/gids.md "Admin authentication": 7C 0A 82 08 <8 bytes>
    expect(toHex(encodeTlv(0x7c, [encodeTlv(0x82, fromHex('0102030405060708'))]), ' ')).toBe(
      '7c 0a 82 08 01 02 03 04 05 06 07 08',
    );
  });
});

describe('COMPACT-TLV (ISO/IEC 7816-4 §5.2.1)', () => {
  it('splits nibble tag/length objects', () => {
    const o = parseCompactTlv(fromHex('73 C0 21 C0 57 59 75 62 69 4B 65 79'));
    expect(o.map((x) => [x.tag, toHex(x.value)])).toEqual([
      [7, 'c021c0'],
      [5, '597562694b6579'],
    ]);
    expect(code(() => parseCompactTlv(fromHex('73 C0 21')))).toBe('tlv/truncated');
    expect(parseCompactTlv(new Uint8Array(0))).toEqual([]);
  });
});

describe('TLV properties', () => {
  const primTag = fc.oneof(
    fc.integer({ min: 0x01, max: 0x1e }).chain((low) => fc.constantFrom(0x40 | low, 0x80 | low, low)),
    fc.integer({ min: 0x1f, max: 0x7f }).map((n) => 0x5f00 | n),
    fc.integer({ min: 0x80, max: 0x3fff }).map((n) => 0x9f8000 | ((n >> 7) << 8) | (n & 0x7f)),
  );
  const consTag = fc.oneof(
    fc.constantFrom(0x61, 0x62, 0x6f, 0x70, 0x73, 0x7c, 0xa5, 0xac),
    fc.constant(0x7f49),
  );
  const tree: fc.Arbitrary<Tlv> = fc.letrec<{ node: Tlv }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ tag: primTag, constructed: fc.constant(false), value: fc.uint8Array({ maxLength: 300 }) }),
      fc
        .record({ tag: consTag, children: fc.array(tie('node'), { maxLength: 4 }) })
        .map(({ tag, children }) => ({ tag, constructed: true, value: new Uint8Array(0), children })),
    ),
  })).node;

  const normalise = (t: Tlv): unknown =>
    t.constructed
      ? { tag: t.tag, children: t.children!.map(normalise) }
      : { tag: t.tag, value: toHex(t.value) };

  it('parse(encode(tree)) returns the tree', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (tlvs) => {
        const bytes = new Uint8Array(tlvs.flatMap((t) => [...encodeTlv(t.tag, t.children ?? t.value)]));
        expect(parseTlv(bytes).map(normalise)).toEqual(tlvs.map(normalise));
      }),
      { numRuns: 500 },
    );
  });

  it('parseTlv and parseCompactTlv return or throw TlvError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        for (const f of [parseTlv, parseCompactTlv]) {
          try {
            f(b);
          } catch (e) {
            expect(e).toBeInstanceOf(TlvError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
