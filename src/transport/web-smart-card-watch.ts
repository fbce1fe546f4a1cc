/**
 * The card insert/remove watcher: a loop of `getStatusChange` calls on its own context (a context
 * runs one call at a time, so the watcher must not share one with the connections), per WICG
 * § getStatusChange() and PC/SC SCardGetStatusChange: pass back the last `eventState` as
 * `currentState` with `currentCount`, and the call returns when something differs.
 *
 * Bounded: each call carries `timeout` (re-armed when it expires) and an AbortSignal that the
 * provider fires on close (§ "cancel the outstanding GetStatusChange"). Failures back off and,
 * after a few in a row, end the loop with every reader marked gone rather than spinning.
 */
import { sleep } from '../common/sleep';
import { isAppError } from '../errors';
import type {
  SmartCardReaderStateFlagsIn,
  SmartCardReaderStateIn,
  SmartCardReaderStateOut,
} from './web-smart-card-api';
import type { ContextLane } from './web-smart-card-lane';
import type { WebSmartCardReader } from './web-smart-card-reader';

export interface WatchOptions {
  /** Per-call timeout. Why 30 s: long enough to be cheap, short enough to notice a wedged service. */
  pollTimeoutMs?: number;
  /** Consecutive failures before giving up. Why 5: a restarting PC/SC service recovers within that. */
  maxFailures?: number;
  /** Base back-off after a failure (doubles each time). */
  backoffMs?: number;
}

interface Known {
  reader: WebSmartCardReader;
  state: SmartCardReaderStateIn;
  present: boolean | undefined;
}

/** Flags-in from flags-out: what the application now believes (`changed`/`unknown` dropped). */
function believed(out: SmartCardReaderStateOut): SmartCardReaderStateFlagsIn {
  const f = out.eventState;
  return {
    unavailable: f.unavailable,
    empty: f.empty,
    present: f.present,
    exclusive: f.exclusive,
    inuse: f.inuse,
    mute: f.mute,
    unpowered: f.unpowered,
  };
}

/** Runs until `signal` aborts, or the readers are gone, or the service keeps failing. */
export async function watchReaders(
  lane: ContextLane,
  readers: WebSmartCardReader[],
  signal: AbortSignal,
  opts: WatchOptions = {},
): Promise<void> {
  const pollMs = opts.pollTimeoutMs ?? 30_000;
  const maxFailures = opts.maxFailures ?? 5;
  const backoff = opts.backoffMs ?? 250;
  const known = new Map<string, Known>(
    readers.map((r) => [
      r.name,
      { reader: r, state: { readerName: r.name, currentState: { unaware: true } }, present: undefined },
    ]),
  );
  let failures = 0;
  while (!signal.aborted && known.size > 0) {
    const started = Date.now();
    let out: SmartCardReaderStateOut[];
    try {
      const states = [...known.values()].map((k) => k.state);
      // The lane bound sits above the call's own timeout: it only fires if the service is wedged.
      out = await lane.run(
        'getStatusChange',
        (ctx) => ctx.getStatusChange(states, { timeout: pollMs, signal }),
        pollMs + 5000,
      );
    } catch (e) {
      if (signal.aborted) return;
      // SCARD_E_TIMEOUT has no SmartCardResponseCode; the spec turns it into UnknownError.
      if (isAppError(e, 'transport/pcsc-error') && Date.now() - started >= pollMs - 50) continue;
      if (++failures >= maxFailures) break;
      // An abort ends the back-off early; the loop condition then ends the watch.
      await sleep(backoff * 2 ** (failures - 1), signal).catch(() => undefined);
      for (const k of known.values())
        k.state = { readerName: k.reader.name, currentState: { unaware: true }, currentCount: undefined };
      continue;
    }
    failures = 0;
    for (const o of out) apply(known, o);
  }
  if (!signal.aborted) for (const k of known.values()) k.reader.markGone();
}

function apply(known: Map<string, Known>, o: SmartCardReaderStateOut): void {
  const k = known.get(o.readerName);
  if (!k) return;
  if (o.eventState.unknown || o.eventState.unavailable) {
    known.delete(o.readerName);
    k.reader.markGone();
    return;
  }
  const present = o.eventState.present && !o.eventState.mute;
  const before = k.present;
  const lastCount = k.state.currentCount;
  k.state = { readerName: o.readerName, currentState: believed(o), currentCount: o.eventCount };
  k.present = present;
  if (before === undefined) return; // first answer: the baseline, not an event
  // PC/SC event counts (high word of dwEventState) reveal a swap that happened between two calls.
  const swapped = before && present && lastCount !== undefined && o.eventCount - lastCount >= 2;
  if (swapped) k.reader.notifyCard(false);
  if (before !== present || swapped) k.reader.notifyCard(present);
}
