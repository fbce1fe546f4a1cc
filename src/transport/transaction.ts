/**
 * Explicit card transactions (`CardConnection.transaction`): a challenge → CM server → response
 * sequence, or any multi-APDU card operation, runs with the card held so no other client can
 * select, reset or interleave commands in between (PC/SC SCardBeginTransaction /
 * SCardEndTransaction; WICG Web Smart Card `startTransaction`; the per-slot lock on CCID). The
 * future local card bridge implements the same method over PC/SC, exactly as the Web Smart Card
 * connection does (begin, keep alive, end with "leave").
 *
 * Every transaction is bounded ({@link TRANSACTION_MAX_MS}); nested calls on the same connection
 * join the outer transaction.
 */
import type { CardLock } from '../ccid/lock';
import { AbortedError, throwIfAborted } from '../errors';
import { TransportError } from './types';
import type { CardConnection } from './types';

export interface TransactionOptions {
  signal?: AbortSignal;
  /** Upper bound of the whole transaction (default {@link TRANSACTION_MAX_MS}). */
  maxMs?: number;
}

/**
 * Why 180 s: the longest card operation held in one transaction is key generation, bounded at 120 s
 * (flows/enroll-certs.ts), plus the CM round trips around it; a transaction that outlives this keeps
 * other applications off the card for no good reason and is ended.
 */
export const TRANSACTION_MAX_MS = 180_000;

/** Runs `fn` inside `conn.transaction` when the connection has one, else just runs it. */
export function withTransaction<T>(
  conn: CardConnection,
  fn: () => Promise<T>,
  opts: TransactionOptions = {},
): Promise<T> {
  return conn.transaction ? conn.transaction(fn, opts) : fn();
}

/**
 * `fn()` bounded by `maxMs` and `signal`: rejects with `transport/timeout` (`data.op: 'transaction'`) or
 * `AbortedError` (the body's own promise keeps running; the caller then releases the card).
 */
export function bounded<T>(fn: () => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  throwIfAborted(opts.signal);
  const maxMs = opts.maxMs ?? TRANSACTION_MAX_MS;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new TransportError('transport/timeout', `Card transaction exceeded ${maxMs} ms`, {
            op: 'transaction',
            maxMs,
          }),
        ),
      maxMs,
    );
    const onAbort = () => reject(new AbortedError(opts.signal?.reason));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    fn()
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      });
  });
}

/** One APDU on a lock-guarded card: waits while another connection's transaction holds the card. */
export async function lockedTransmit<T>(lock: CardLock, who: object, send: () => Promise<T>): Promise<T> {
  const release = await lock.take(who);
  try {
    return await send();
  } finally {
    release();
  }
}

/** A transaction on a lock-guarded card (CCID slot, virtual card): the lock held for `fn`, bounded. */
export async function lockedTransaction<T>(
  lock: CardLock,
  who: object,
  fn: () => Promise<T>,
  opts: TransactionOptions = {},
): Promise<T> {
  const release = await lock.take(who);
  try {
    return await bounded(fn, opts);
  } finally {
    release();
  }
}
