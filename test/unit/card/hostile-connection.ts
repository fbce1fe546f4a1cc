/**
 * A hostile card for the card layer: a `CardConnection` whose every response comes from a fuzzed
 * script (fast-check), so the host code meets what a broken, malicious or simply unexpected card
 * could answer — random status words, 61xx/6Cxx chains that never end, truncated and oversized
 * TLVs, one-byte and empty responses, and a transmit that only ends when the caller aborts.
 *
 * The contract checked with it (`expectTypedOrValue`): every card operation either returns or
 * rejects with an `AppError` that carries a `family/name` code, within a deadline — never a bare
 * TypeError/RangeError, never an endless exchange.
 *
 * Why each transmit waits for a macrotask (setImmediate): an operation looping over synchronously
 * resolved promises would starve the timer queue, and the deadline could never fire.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { isAppError } from '../../../src/errors';
import { AbortedError } from '../../../src/errors';
import { directConnection } from '../../../src/sim/gids-connection';
import type { CardConnection } from '../../../src/transport/types';

/** Status words a card may give, weighted towards those the host code branches on. */
const SWS = [
  0x9000, 0x6100, 0x6110, 0x61ff, 0x6c00, 0x6c08, 0x6cff, 0x63c0, 0x63c2, 0x63cf, 0x6982, 0x6983, 0x6984,
  0x6985, 0x6a80, 0x6a81, 0x6a82, 0x6a84, 0x6a86, 0x6a88, 0x6700, 0x6d00, 0x6e00, 0x6f00, 0x6881, 0x6883,
  0x6884,
];

export type Reply = Uint8Array | 'hang';

const sw = fc.oneof(fc.constantFrom(...SWS), fc.integer({ min: 0, max: 0xffff }));
const swBytes = sw.map((s) => Uint8Array.of(s >> 8, s & 0xff));

/** BER-TLV-ish bytes: plausible tags (7C, 53, 7F49, 61, 4F, 81…) with right or lying lengths. */
const tlvish: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom(0x7c, 0x53, 0x61, 0x4f, 0x79, 0x81, 0x82, 0x86, 0x70, 0x5c, 0xdf, 0x7f, 0x5f, 0x01, 0xff),
    fc.option(fc.integer({ min: 0, max: 0xff }), { nil: undefined }),
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom('exact', 'short', 'long', 'long-form', 'indefinite'),
  )
  .map(([tag, tag2, body, len]) => {
    const head = tag2 !== undefined && (tag & 0x1f) === 0x1f ? [tag, tag2] : [tag];
    const n = body.length;
    const l =
      len === 'exact'
        ? [n]
        : len === 'short'
          ? [Math.max(0, n - 3)]
          : len === 'long'
            ? [n + 7]
            : len === 'long-form'
              ? [0x82, 0xff, 0xff]
              : [0x80];
    return Uint8Array.from([...head, ...l, ...body]);
  });

const data = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  tlvish,
  fc.array(tlvish, { maxLength: 4 }).map((ts) => Uint8Array.from(ts.flatMap((t) => [...t]))),
);

/** One response: data + SW, a bare SW, a malformed short answer, or a hang. */
export const reply: fc.Arbitrary<Reply> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(data, swBytes).map(([d, s]) => Uint8Array.from([...d, ...s])) },
  { weight: 4, arbitrary: swBytes },
  { weight: 3, arbitrary: data.map((d) => Uint8Array.from([...d, 0x90, 0x00])) },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array(0), Uint8Array.of(0x90)) },
  { weight: 1, arbitrary: fc.constant('hang' as const) },
);

export const script = fc.array(reply, { minLength: 1, maxLength: 40 });

/** ATRs: the GIDS and YubiKey ones the host recognises, and random bytes. */
export const atr = fc.oneof(
  fc.constant(Uint8Array.from(Buffer.from('3b8d0180fba000000397425446590301c8', 'hex'))),
  fc.constant(Uint8Array.from(Buffer.from('3bfd1300008131fe158073c021c057597562694b657940', 'hex'))),
  fc.uint8Array({ maxLength: 33 }),
);

/** Above any real exchange count of one card operation (a full PIV read is < 60 APDUs). */
export const MAX_APDUS = 5_000;

export class UnboundedExchange extends Error {}

export interface Hostile {
  conn: CardConnection;
  sent: () => number;
}

/**
 * A connection answering from `replies`, cycling when it runs out (so a host loop that never stops
 * asking meets an endless supply). `'hang'` resolves never — only the caller's AbortSignal ends it,
 * as a real transport's transmit does.
 */
export function hostileConnection(replies: Reply[], atrBytes: Uint8Array): Hostile {
  let i = 0;
  // A real connection's other members (disconnect, transaction …) come from directConnection so this
  // helper follows the interface as it grows; only the answers are hostile.
  const base = directConnection({ atr: atrBytes, process: () => Uint8Array.of(0x6f, 0x00) });
  const conn: CardConnection = {
    ...base,
    atr: atrBytes,
    async transmit(_command, opts) {
      await new Promise((r) => setImmediate(r));
      if (++i > MAX_APDUS) throw new UnboundedExchange(`more than ${MAX_APDUS} APDUs`);
      const r = replies[(i - 1) % replies.length]!;
      if (r !== 'hang') return r.slice();
      return new Promise<Uint8Array>((_, reject) => {
        const sig = opts?.signal;
        if (sig?.aborted) return reject(new AbortedError(sig.reason));
        sig?.addEventListener('abort', () => reject(new AbortedError(sig.reason)), { once: true });
      });
    },
  };
  return { conn, sent: () => i };
}

/**
 * Why 40 ms for the abort and 2 s for the deadline: a hang is cut by the caller's signal after
 * 40 ms; every other path is CPU-only and finishes in milliseconds. An operation still running at
 * 2 s ignores its signal or loops.
 */
export const ABORT_AFTER_MS = 40;
export const DEADLINE_MS = 2_000;

/** Runs `op` with an abort signal; asserts it returns or throws a coded AppError before the deadline. */
export async function expectTypedOrValue(
  op: (signal: AbortSignal) => Promise<unknown>,
  h: Hostile,
  what: string,
): Promise<void> {
  const signal = AbortSignal.timeout(ABORT_AFTER_MS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'deadline'>((r) => (timer = setTimeout(() => r('deadline'), DEADLINE_MS)));
  const outcome = await Promise.race([
    op(signal).then(
      () => ({ ok: true as const }),
      (e: unknown) => ({ ok: false as const, e }),
    ),
    deadline,
  ]);
  clearTimeout(timer);
  if (outcome === 'deadline')
    expect.fail(`${what}: still running after ${DEADLINE_MS} ms (${h.sent()} APDUs)`);
  if (outcome.ok) return;
  const e = outcome.e;
  if (e instanceof UnboundedExchange) expect.fail(`${what}: unbounded exchange, ${e.message}`);
  if (!isAppError(e))
    expect.fail(
      `${what}: threw a non-AppError ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`,
    );
  expect(e.code, `${what}: error code`).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/);
}

/** Runs per property: `n` in the CI gate; FC_RUNS (npm run test:props) overrides it for exploration. */
export function runs(n: number): { numRuns?: number } {
  return process.env['FC_RUNS'] ? {} : { numRuns: n };
}
