/** Test set-up: a virtual reader with a test card, opened by the real driver. */
import { expect } from 'vitest';
import { CcidReader, type CcidReaderOptions } from '../../../src/ccid/reader';
import { CcidCardConnection } from '../../../src/transport/webusb-reader';
import { VirtualCcidReader, type VirtualReaderOptions } from '../../../src/sim/ccid-reader';
import { TestCard, type TestCardOptions } from './test-card';

export interface Setup {
  sim: VirtualCcidReader;
  reader: CcidReader;
  card: TestCard;
  conn: CcidCardConnection;
}

export async function setup(
  readerOpts: VirtualReaderOptions,
  cardOpts: TestCardOptions,
  driverOpts: CcidReaderOptions = {},
): Promise<Setup> {
  const sim = new VirtualCcidReader(readerOpts);
  const card = new TestCard(cardOpts);
  sim.insertCard(card);
  const reader = await CcidReader.open(sim, { timeoutMs: 500, abortWaitMs: 200, ...driverOpts });
  const conn = new CcidCardConnection(await reader.slots[0]!.connect());
  return { sim, reader, card, conn };
}

/** Asserts `p` settles within `ms` (no promise left pending) and returns how it settled. */
export async function settleWithin<T>(
  p: Promise<T>,
  ms: number,
): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number }> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    p.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    new Promise<'pending'>((r) => (timer = setTimeout(() => r('pending'), ms))),
  ]);
  clearTimeout(timer);
  expect(outcome, `promise still pending after ${ms} ms`).not.toBe('pending');
  return {
    ...(outcome as { ok: true; value: T } | { ok: false; error: unknown }),
    ms: performance.now() - t0,
  };
}

export function pattern(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
