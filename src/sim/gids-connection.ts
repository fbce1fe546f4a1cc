/**
 * A `CardConnection` straight onto a virtual card, with no reader in between: for card-layer tests
 * in Node and for APDU counting. `removeAfter(n)` simulates a card pulled from the reader after n
 * more exchanges: every later `transmit` rejects with `TransportError` `transport/card-removed`,
 * the code real transports use (transport/types.ts).
 */
import { throwIfAborted } from '../errors';
import { TransportError } from '../errors';
import type { CardConnection, Disposition, TransmitOptions } from '../transport/types';
import { CardLock } from '../ccid/lock';
import { lockedTransaction, lockedTransmit, type TransactionOptions } from '../transport/transaction';
import type { VirtualCard } from './gids-piv-base';

/** One lock per virtual card, shared by its connections: `transaction()` holds the card as PC/SC does. */
const locks = new WeakMap<VirtualCard, CardLock>();

export interface DirectConnection extends CardConnection {
  /** Every command APDU sent so far, in order (copies). */
  readonly sent: Uint8Array[];
  /** The card disappears after `n` further successful exchanges (0 = now). */
  removeAfter(n: number): void;
  transaction<T>(fn: () => Promise<T>, opts?: TransactionOptions): Promise<T>;
}

/** Opens a direct connection to `card` (T=1, extended length, as a PC/SC reader with a modern card). */
export function directConnection(card: VirtualCard): DirectConnection {
  let remaining = Infinity;
  let closed = false;
  const sent: Uint8Array[] = [];
  if (!locks.has(card)) locks.set(card, new CardLock());
  const lock = locks.get(card)!;
  const self: DirectConnection = {
    atr: card.atr.slice(),
    protocol: 'T1',
    extendedLength: true,
    sent,
    removeAfter(n: number) {
      remaining = n;
    },
    async transmit(command: Uint8Array, opts?: TransmitOptions): Promise<Uint8Array> {
      throwIfAborted(opts?.signal);
      return lockedTransmit(lock, self, async () => {
        if (closed) throw new TransportError('transport/device-gone', 'Connection is closed');
        if (remaining <= 0) throw new TransportError('transport/card-removed', 'The card was removed');
        remaining--;
        sent.push(command.slice());
        return card.process(command.slice());
      });
    },
    transaction<T>(fn: () => Promise<T>, opts?: TransactionOptions): Promise<T> {
      return lockedTransaction(lock, self, fn, opts);
    },
    async disconnect(disposition: Disposition = 'leave') {
      closed = true;
      if (disposition !== 'leave') card.reset?.();
    },
  };
  return self;
}
