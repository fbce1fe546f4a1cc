/** Property tests over the stream and block layers (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Reassembler } from '../../../src/ccid/reassembly';
import { encodeCommand } from '../../../src/ccid/messages';
import { T1Host } from '../../../src/ccid/t1-engine';
import { T1Card } from '../../../src/sim/t1-card';
import { isAppError } from '../../../src/errors';
import { TestCard } from './test-card';

describe('Reassembler', () => {
  it('any transfers: yields whole messages whose dwLength matches, or a framing error', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 80 }), fc.boolean()), { maxLength: 8 }),
        (transfers) => {
          const r = new Reassembler(271);
          for (const [chunk, ended] of transfers) {
            const out = r.push(chunk, ended);
            if ('messages' in out) {
              for (const m of out.messages)
                expect(m.length).toBe(10 + (m[1]! | (m[2]! << 8) | (m[3]! << 16) | (m[4]! << 24)));
            } else {
              expect(typeof out.error).toBe('string');
            }
          }
        },
      ),
    );
  });

  it('valid messages split at any points into full-size transfers come back unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 261 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 64 }),
        (datas, size) => {
          const msgs = datas.map((d, i) => encodeCommand(0x80, 0, i, 0, 0, 0, d));
          const stream = Uint8Array.from(msgs.flatMap((m) => [...m]));
          const r = new Reassembler(271);
          const got: Uint8Array[] = [];
          for (let o = 0; o < stream.length; o += size) {
            const end = Math.min(stream.length, o + size);
            // Every transfer but the last is "full" (no short packet): messages continue across it.
            const out = r.push(stream.subarray(o, end), end === stream.length);
            expect('messages' in out).toBe(true);
            if ('messages' in out) got.push(...out.messages.map((m) => m.slice()));
          }
          expect(got).toEqual(msgs);
        },
      ),
    );
  });
});

describe('host T=1 ↔ card T=1 under random block corruption', () => {
  it('returns the exact response or fails with ccid/t1 — never wrong data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 8, max: 64 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
        fc.constantFrom('lrc' as const, 'crc' as const),
        async (n, ifsc, corruptions, edc) => {
          const card = new TestCard({ protocol: 'T1' });
          const t1card = new T1Card(card, { edc, ifsc });
          let i = 0;
          const host = new T1Host(
            async (b) => {
              t1card.corruptNext = corruptions[i++ % corruptions.length] ? 1 : 0;
              return t1card.handle(b);
            },
            { ifsc, edc },
          );
          const data = Uint8Array.from({ length: n }, (_, k) => (k * 31 + n) & 0xff);
          const apdu = Uint8Array.of(0x80, 0x10, 0, 0, 0, n >> 8, n & 0xff, ...data, 0, 0);
          try {
            const r = await host.transceive(apdu);
            expect(r).toEqual(Uint8Array.of(...data, 0x90, 0x00));
          } catch (e) {
            expect(isAppError(e, 'ccid/t1')).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
