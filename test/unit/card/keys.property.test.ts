/**
 * Property tests for the enrollment parsers of the card layer: `mscp/cmapfile` and the GIDS key map
 * round-trip and reject any other length with `card/bad-data`; public key templates, DER ECDSA
 * signatures and minidriver-compressed certificates either parse or fail with a typed CardError —
 * never a raw exception (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardError } from '../../../src/card';
import {
  compressCertificate,
  decompressCertificate,
  encodeCmapfile,
  encodeKeymap,
  parseCmapfile,
  parseKeymap,
} from '../../../src/card/gids/cmap';
import { derToRawEcdsa } from '../../../src/card/piv/keys';
import { parsePublicKey } from '../../../src/card/pubkey';

const typed = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CardError);
  }
};

const cmapRecord = fc.record({
  name: fc.string({ maxLength: 39 }).map((s) => s.replace(/\0/g, '')),
  flags: fc.integer({ min: 0, max: 255 }),
  sigKeyBits: fc.integer({ min: 0, max: 0xffff }),
  keyExchangeKeyBits: fc.integer({ min: 0, max: 0xffff }),
});

describe('enrollment parsers (properties)', () => {
  it('cmapfile: encode → parse is the identity; other lengths are card/bad-data', () => {
    fc.assert(
      fc.property(fc.array(cmapRecord, { maxLength: 8 }), (rs) => {
        expect(parseCmapfile(encodeCmapfile(rs))).toEqual(rs);
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => typed(() => parseCmapfile(b))));
  });

  it('key map: encode → parse is the identity; arbitrary bytes parse or fail typed', () => {
    const rec = fc.record({
      state: fc.integer({ min: 0, max: 0xffffffff }),
      algId: fc.integer({ min: 0, max: 255 }),
      keyType: fc.integer({ min: 0, max: 255 }),
      keyRef: fc.integer({ min: 0, max: 0xffff }),
    });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 8 }), (rs) => {
        expect(parseKeymap(encodeKeymap(rs))).toEqual(rs);
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => typed(() => parseKeymap(b))));
  });

  it('public keys and ECDSA signatures: arbitrary bytes parse or fail typed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        typed(() => parsePublicKey(b, { kind: 'rsa', bits: 2048 }));
        typed(() => parsePublicKey(b, { kind: 'ec', curve: 'P-256' }));
        typed(() => derToRawEcdsa(b, 32));
      }),
    );
  });

  it('compressed certificates round-trip; arbitrary files fail typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (der) => {
        expect(await decompressCertificate(await compressCertificate(der))).toEqual(der);
      }),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (b) => {
        await decompressCertificate(b).catch((e: unknown) => expect(e).toBeInstanceOf(CardError));
      }),
      { numRuns: 50 },
    );
  });
});
