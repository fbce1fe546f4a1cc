/**
 * `CardConnection` over a WICG `SmartCardConnection` (PC/SC SCardTransmit level: the platform's
 * reader driver does T=0/T=1; we send whole short APDUs, and `transmitApdu` in `iso7816/` applies
 * the 61xx/6Cxx rules on top, ISO/IEC 7816-4 §5.3.4).
 *
 * Transactions (§ startTransaction): the card layer has no notion of "operation", so the
 * connection opens a PC/SC transaction at the first APDU and holds it while APDUs keep coming;
 * once the card has been idle for `transactionIdleMs` it ends the transaction with "leave" (never
 * the spec's default "reset", which would drop a verified PIN or an authenticated admin key).
 * That covers back-to-back APDUs only: a flow waiting for the CM server between a challenge and
 * its response leaves the card idle for seconds, so those sequences use the explicit
 * `transaction()`, which holds the PC/SC transaction throughout and keeps it alive.
 */
import { AbortedError, throwIfAborted } from '../errors';
import type { SmartCardConnection } from './web-smart-card-api';
import type { ContextLane } from './web-smart-card-lane';
import { toTransportError } from './web-smart-card-errors';
import { bounded, type TransactionOptions } from './transaction';
import {
  TransportError,
  type CardConnection,
  type CardProtocol,
  type Disposition,
  type TransmitOptions,
} from './types';

export interface WscConnectionOptions {
  /**
   * Idle time that ends the implicit transaction. Why 400 ms: back-to-back APDUs of one operation
   * follow within a few ms; a flow waiting for the CM server (seconds) should not lock other apps out.
   */
  transactionIdleMs?: number;
  /** Bound on one APDU. Why 60 s: on-card RSA-2048 key generation takes up to ~30 s on slow cards. */
  transmitTimeoutMs?: number;
  /** Bound on begin/end transaction, status and disconnect (no card work involved). */
  controlTimeoutMs?: number;
  /**
   * Keep-alive period inside an explicit transaction. Why 2 000 ms: Windows resets a card whose
   * transaction sees no operation for 5 s (SCardBeginTransaction remarks); a status call every 2 s
   * stays well inside that while CM computes a response. (That SCardStatus counts as an operation
   * is unverified on Windows; it touches no card state, unlike an APDU.)
   */
  keepAliveMs?: number;
}

export class WebSmartCardConnection implements CardConnection {
  /** PC/SC readers pass short APDUs reliably; extended length depends on reader and card. */
  readonly extendedLength = false;
  private tx: { end: (d: 'leave' | 'reset') => void; done: Promise<void> } | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** An APDU is in flight (the keep-alive is not needed then). */
  private busy = false;
  private readonly idleMs: number;
  private readonly transmitMs: number;
  private readonly controlMs: number;
  private readonly keepAliveMs: number;
  /** Depth of explicit `transaction()` calls; while > 0 the idle timer never ends the transaction. */
  private explicit = 0;

  constructor(
    private readonly lane: ContextLane,
    private readonly conn: SmartCardConnection,
    readonly atr: Uint8Array,
    readonly protocol: CardProtocol,
    opts: WscConnectionOptions = {},
  ) {
    this.idleMs = opts.transactionIdleMs ?? 400;
    this.transmitMs = opts.transmitTimeoutMs ?? 60_000;
    this.controlMs = opts.controlTimeoutMs ?? 10_000;
    this.keepAliveMs = opts.keepAliveMs ?? 2_000;
  }

  /**
   * Explicit transaction (transaction.ts): begins the PC/SC transaction now and holds it for all of
   * `fn` — across the idle gaps while a flow waits for the CM server — with a keep-alive, then lets
   * the idle rule end it ("leave"). Nested calls join. Bounded by `opts.maxMs`.
   */
  async transaction<T>(fn: () => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    if (this.closed)
      throw new TransportError('transport/invalid-state', 'transaction after disconnect', {
        op: 'transaction',
      });
    if (this.explicit > 0) {
      this.explicit++;
      try {
        return await fn();
      } finally {
        this.explicit--;
      }
    }
    this.explicit = 1;
    clearTimeout(this.idleTimer);
    const keepAlive = setInterval(() => {
      if (this.tx && !this.busy) void this.status().catch(() => undefined);
    }, this.keepAliveMs);
    try {
      if (!this.tx) await this.beginTransaction();
      return await bounded(fn, opts);
    } finally {
      clearInterval(keepAlive);
      this.explicit = 0;
      this.armIdle();
    }
  }

  /** True while a PC/SC transaction is held (for diagnostics and tests). */
  get inTransaction(): boolean {
    return this.tx !== undefined;
  }

  /** ISO/IEC 7816-4 §5.1: one command APDU → response APDU incl. SW1 SW2, inside the transaction. */
  async transmit(command: Uint8Array, opts?: TransmitOptions): Promise<Uint8Array> {
    throwIfAborted(opts?.signal);
    if (this.closed)
      throw new TransportError('transport/invalid-state', 'transmit after disconnect', { op: 'transmit' });
    clearTimeout(this.idleTimer);
    if (!this.tx) await this.beginTransaction();
    this.busy = true;
    try {
      throwIfAborted(opts?.signal);
      // The API cannot cancel a transmit; an abort stops our wait and the lane waits for the card.
      const sent = this.lane.run(
        'transmit',
        () => this.conn.transmit(command as Uint8Array<ArrayBuffer>),
        this.transmitMs,
      );
      const response = await abortable(sent, opts?.signal);
      return new Uint8Array(response);
    } catch (e) {
      // After a failed exchange the card state is unknown: give it back with "reset" (PC/SC practice).
      // Not awaited: after a timeout the lane is still busy with the stuck exchange.
      if (!(e instanceof AbortedError)) void this.endTransaction('reset').catch(() => undefined);
      throw e;
    } finally {
      this.busy = false;
      this.armIdle();
    }
  }

  /** Reader name, state and ATR as PC/SC sees them now (§ status()). */
  status(): Promise<{ readerName: string; state: string; atr: Uint8Array }> {
    return this.lane.run(
      'status',
      async () => {
        const s = await this.conn.status();
        return {
          readerName: s.readerName,
          state: s.state,
          atr: new Uint8Array(s.answerToReset ?? new ArrayBuffer(0)),
        };
      },
      this.controlMs,
    );
  }

  /** Ends any transaction (leave), then disconnects with the disposition (§ disconnect()). */
  async disconnect(disposition: Disposition = 'leave'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    // Both queued now, in this order, so a connect() queued right after us finds the reader free.
    const ended = this.endTransaction('leave').catch(() => undefined);
    const gone = this.lane.run('disconnect', () => this.conn.disconnect(disposition), this.controlMs);
    await ended;
    await gone;
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.tx && this.explicit === 0)
      this.idleTimer = setTimeout(
        () => void this.endTransaction('leave').catch(() => undefined),
        this.idleMs,
      );
  }

  /** § startTransaction: resolves once BeginTransaction succeeded (the callback runs). */
  private beginTransaction(): Promise<void> {
    return this.lane
      .run(
        'startTransaction',
        () =>
          new Promise<void>((began, failed) => {
            let end!: (d: 'leave' | 'reset') => void;
            const released = new Promise<'leave' | 'reset'>((r) => (end = r));
            let started = false;
            const done = this.conn.startTransaction(() => {
              started = true;
              began();
              return released;
            });
            const settled = done.then(
              () => undefined,
              (e: unknown) => {
                if (!started) failed(e);
                else throw toTransportError(e, 'endTransaction');
              },
            );
            const tx = { end, done: settled };
            this.tx = tx;
            settled.catch(() => undefined);
            // The platform may end it for us (card removed); forget it then.
            done.catch(() => {
              if (this.tx === tx) this.tx = undefined;
            });
          }),
        this.controlMs,
      )
      .catch((e: unknown) => {
        this.tx = undefined;
        throw e;
      });
  }

  /**
   * Releases the transaction callback with `disposition` and waits for EndTransaction. Queued on
   * the lane so no transmit is in flight (the spec would otherwise reject it with InvalidStateError).
   */
  private async endTransaction(disposition: 'leave' | 'reset'): Promise<void> {
    const tx = this.tx;
    if (!tx) return;
    // Cleared now, so an APDU arriving meanwhile opens a new transaction queued after this end.
    this.tx = undefined;
    await this.lane.run(
      'endTransaction',
      async () => {
        tx.end(disposition);
        await tx.done;
      },
      this.controlMs,
    );
  }
}

/** Races `p` against the signal; the underlying call keeps running (and its lane slot) until it settles. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError(signal.reason));
    const onAbort = () => reject(new AbortedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
