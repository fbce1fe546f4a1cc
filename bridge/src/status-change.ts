/**
 * SCardGetStatusChange over the service's reader table (PC/SC Workgroup part 5 §3.1.6; WICG
 * § getStatusChange()). The caller says what it believes (`currentState`, `currentCount`); the
 * call returns as soon as any reader differs, else when `timeout` ms pass (SCARD_E_TIMEOUT), the
 * context's `cancel` fires (SCARD_E_CANCELLED) or the service goes away (SCARD_E_NO_SERVICE).
 * The reserved name `\\?PnP?\Notification` reports reader arrival/departure by its count.
 */
import type { BridgeReaderStateIn, BridgeReaderStateOut } from '../../src/transport/bridge-protocol';
import { bytesToBase64 } from '../../src/common/base64';
import type {
  SmartCardReaderStateFlagsIn,
  SmartCardReaderStateFlagsOut,
} from '../../src/transport/web-smart-card-api';
import { pcscError, SCARD_STATE, type PcscService, type ReaderSnapshot } from './pcsc';

export const PNP_NOTIFICATION = '\\\\?PnP?\\Notification';

const FLAG_BITS: [keyof SmartCardReaderStateFlagsOut & keyof SmartCardReaderStateFlagsIn, number][] = [
  ['unavailable', SCARD_STATE.UNAVAILABLE],
  ['empty', SCARD_STATE.EMPTY],
  ['present', SCARD_STATE.PRESENT],
  ['exclusive', SCARD_STATE.EXCLUSIVE],
  ['inuse', SCARD_STATE.INUSE],
  ['mute', SCARD_STATE.MUTE],
  ['unpowered', SCARD_STATE.UNPOWERED],
];

/** WICG flags-in dictionary → SCARD_STATE bits (`unaware` is 0). */
function flagsInToBits(f: SmartCardReaderStateFlagsIn): number {
  let bits = f.ignore ? SCARD_STATE.IGNORE : 0;
  for (const [k, b] of FLAG_BITS) if (f[k]) bits |= b;
  return bits;
}

/** SCARD_STATE bits → WICG flags-out dictionary. */
function bitsToFlagsOut(bits: number): SmartCardReaderStateFlagsOut {
  const out: SmartCardReaderStateFlagsOut = {
    ignore: (bits & SCARD_STATE.IGNORE) !== 0,
    changed: (bits & SCARD_STATE.CHANGED) !== 0,
    unknown: (bits & SCARD_STATE.UNKNOWN) !== 0,
    unavailable: false,
    empty: false,
    present: false,
    exclusive: false,
    inuse: false,
    mute: false,
    unpowered: false,
  };
  for (const [k, b] of FLAG_BITS) out[k] = (bits & b) !== 0;
  return out;
}

/** Bits compared for "changed": everything but IGNORE/CHANGED/ATRMATCH (pcsc-lite winscard_clnt.c). */
const COMPARED =
  ~(SCARD_STATE.IGNORE | SCARD_STATE.CHANGED | SCARD_STATE.ATRMATCH | SCARD_STATE.UNKNOWN) & 0xffff;

function evaluate(
  svc: PcscService,
  wanted: BridgeReaderStateIn[],
): { out: BridgeReaderStateOut[]; changed: boolean } {
  const table = new Map<string, ReaderSnapshot>(svc.readers().map((r) => [r.name, r]));
  let changed = false;
  const out = wanted.map((w): BridgeReaderStateOut => {
    const current = flagsInToBits(w.currentState);
    if (current & SCARD_STATE.IGNORE)
      return {
        readerName: w.readerName,
        eventState: bitsToFlagsOut(SCARD_STATE.IGNORE),
        eventCount: w.currentCount ?? 0,
      };
    if (w.readerName === PNP_NOTIFICATION) {
      const differs = w.currentCount !== undefined ? w.currentCount !== svc.readerListCount : current === 0;
      changed ||= differs;
      return {
        readerName: w.readerName,
        eventState: bitsToFlagsOut(differs ? SCARD_STATE.CHANGED : 0),
        eventCount: svc.readerListCount,
      };
    }
    const r = table.get(w.readerName);
    if (!r) {
      changed = true;
      return {
        readerName: w.readerName,
        eventState: bitsToFlagsOut(SCARD_STATE.UNKNOWN | SCARD_STATE.CHANGED | SCARD_STATE.UNAVAILABLE),
        eventCount: 0,
      };
    }
    const differs =
      current === 0 ||
      (current & COMPARED) !== (r.state & COMPARED) ||
      (w.currentCount !== undefined && w.currentCount !== r.eventCount);
    changed ||= differs;
    const bits = r.state | (differs ? SCARD_STATE.CHANGED : 0);
    const res: BridgeReaderStateOut = {
      readerName: r.name,
      eventState: bitsToFlagsOut(bits),
      eventCount: r.eventCount,
    };
    if (r.atr.length > 0 && r.state & SCARD_STATE.PRESENT) res.answerToReset = bytesToBase64(r.atr);
    return res;
  });
  return { out, changed };
}

/**
 * Resolves with the reader states once something differs from what the caller believes.
 * `timeoutMs` undefined means PC/SC INFINITE; the caller's session still bounds it by `maxMs`.
 */
export function getStatusChange(
  svc: PcscService,
  wanted: BridgeReaderStateIn[],
  timeoutMs: number | undefined,
  signal: AbortSignal,
): Promise<BridgeReaderStateOut[]> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let off = () => {};
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      off();
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => finish(() => reject(pcscError('Cancelled', 'getStatusChange cancelled')));
    const check = () => {
      if (svc.state !== 'running')
        return finish(() => reject(pcscError('NoService', 'PC/SC service unavailable')));
      const { out, changed } = evaluate(svc, wanted);
      if (changed) finish(() => resolve(out));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    off = svc.onChange(check);
    if (timeoutMs !== undefined)
      timer = setTimeout(
        () => finish(() => reject(pcscError('Timeout', 'getStatusChange timed out'))),
        timeoutMs,
      );
    check();
  });
}
