/**
 * One card connection of a bridge session (SCardConnect … SCardDisconnect): its calls run one at a
 * time on a promise chain, a held transaction is kept alive, and giving it back never throws. The
 * session (session.ts) owns the handle tables; this file owns what happens on one handle.
 */
import type { SmartCardConnectionState, SmartCardProtocol } from '../../src/transport/web-smart-card-api';
import type { ApduLogger } from './apdu-debug';
import { SCARD_CARD_STATE, SCARD_DISPOSITION, SCARD_PROTOCOL, type PcscCard, type PcscService } from './pcsc';

export interface Conn {
  card: PcscCard;
  context: number;
  reader: string;
  /** Every call on this handle runs in order (WinSCard is not re-entrant per SCARDHANDLE). */
  chain: Promise<unknown>;
  lastUse: number;
  transaction: boolean;
  keepAlive: ReturnType<typeof setInterval> | undefined;
  log: ApduLogger | undefined;
}

/** A fresh connection record for `card`, idle and outside any transaction. */
export function openedConn(card: PcscCard, context: number, reader: string, log?: ApduLogger): Conn {
  return {
    card,
    context,
    reader,
    chain: Promise.resolve(),
    lastUse: Date.now(),
    transaction: false,
    keepAlive: undefined,
    log,
  };
}

/** The Web Smart Card name of a PC/SC protocol number (`SCARD_PROTOCOL_*`), if it has one. */
export function protocolName(svc: PcscService, p: number): SmartCardProtocol | undefined {
  return p === SCARD_PROTOCOL.T0
    ? 't0'
    : p === SCARD_PROTOCOL.T1
      ? 't1'
      : p === svc.rawProtocol
        ? 'raw'
        : undefined;
}

/** The PC/SC protocol number of a Web Smart Card protocol name (raw differs by platform). */
export function protocolNumber(svc: PcscService, p: SmartCardProtocol): number {
  return p === 't0' ? SCARD_PROTOCOL.T0 : p === 't1' ? SCARD_PROTOCOL.T1 : svc.rawProtocol;
}

/** SCardStatus `dwState` as the Web Smart Card `SmartCardConnectionState` (Web Smart Card API "status()"). */
export function connectionState(svc: PcscService, state: number, protocol: number): SmartCardConnectionState {
  const s = state & 0xffff;
  if (s & SCARD_CARD_STATE.SPECIFIC) return protocolName(svc, protocol) ?? 'raw';
  if (s & SCARD_CARD_STATE.NEGOTIABLE) return 'negotiable';
  if (s & SCARD_CARD_STATE.POWERED) return 'powered';
  if (s & SCARD_CARD_STATE.SWALLOWED) return 'swallowed';
  if (s & SCARD_CARD_STATE.PRESENT) return 'present';
  return 'absent';
}

/** Queues `fn` on the connection's chain; a failure does not block what comes after. */
export function enqueue<T>(c: Conn, fn: (c: Conn) => Promise<T>): Promise<T> {
  const run = c.chain.then(() => {
    c.lastUse = Date.now();
    return fn(c);
  });
  c.chain = run.catch(() => undefined).then(() => (c.lastUse = Date.now()));
  return run;
}

/** SCardTransmit of `data`, written to the connection's debug APDU log when there is one. */
export async function transmitOn(c: Conn, data: Uint8Array, protocol?: number): Promise<Uint8Array> {
  const t0 = Date.now();
  try {
    const r = await c.card.transmit(data, protocol);
    c.log?.(data, r, Date.now() - t0);
    return r;
  } catch (e) {
    c.log?.(data, undefined, Date.now() - t0, (e as { code?: string }).code);
    throw e;
  }
}

/** Marks `c` inside a transaction and keeps it alive after `every` ms without a call. */
export function startKeepAlive(c: Conn, every: number): void {
  c.transaction = true;
  clearInterval(c.keepAlive);
  c.keepAlive = setInterval(
    () => {
      if (Date.now() - c.lastUse < every) return;
      // SCardStatus is a card access call: it restarts WinSCard's 5 s transaction timer.
      c.chain = c.chain
        .then(() => c.card.status())
        .catch(() => undefined)
        .then(() => (c.lastUse = Date.now()));
    },
    // Why half the gap (at least 50 ms): a check every `every` could see a gap of almost 2×.
    Math.max(50, every / 2),
  );
  c.keepAlive.unref?.();
}

/** Ends the keep-alive; `c` is no longer inside a transaction. */
export function stopKeepAlive(c: Conn): void {
  c.transaction = false;
  clearInterval(c.keepAlive);
  c.keepAlive = undefined;
}

/**
 * Gives the card back once its queued calls are done: SCardEndTransaction(leave) when
 * `inTransaction`, then SCardDisconnect(leave). Never throws (the socket is going away).
 */
export async function giveBack(c: Conn, inTransaction: boolean): Promise<void> {
  await c.chain.catch(() => undefined);
  if (inTransaction) await c.card.endTransaction(SCARD_DISPOSITION.leave).catch(() => undefined);
  await c.card.disconnect(SCARD_DISPOSITION.leave).catch(() => undefined);
}
