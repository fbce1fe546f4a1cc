/**
 * The transport interface (docs/architecture.md "Interfaces"): how the card stack reaches a card,
 * whatever the route — the WebUSB CCID driver, the Web Smart Card API, or the simulator.
 *
 * The card layer depends only on {@link CardConnection}; flows and UI depend on
 * {@link CardReader} and {@link ReaderProvider}. Implementations live next to this file.
 */

import type { AppError } from '../errors';

/** Transmission protocol of an open connection (ISO/IEC 7816-3 §10 T=0, §11 T=1; RAW = PC/SC raw). */
export type CardProtocol = 'T0' | 'T1' | 'RAW';

/** What to do with the card when disconnecting (PC/SC SCARD_LEAVE_CARD / RESET_CARD / UNPOWER_CARD). */
export type Disposition = 'leave' | 'reset' | 'unpower';

export interface TransmitOptions {
  /** Cancels the exchange; the implementation rejects with `AbortedError` and leaves the reader usable. */
  signal?: AbortSignal;
}

/** An open session to one powered card. */
export interface CardConnection {
  /** Answer-to-reset as received (ISO/IEC 7816-3 §8). */
  readonly atr: Uint8Array;
  readonly protocol: CardProtocol;
  /**
   * Sends one command APDU and returns the response APDU including SW1 SW2 (ISO/IEC 7816-4 §5.1).
   * Transport-level rules (T=0 GET RESPONSE shaping inside TPDU readers) are the implementation's
   * job; PC/SC-level 61xx/6Cxx handling is `transmitApdu` in `iso7816/`.
   */
  transmit(command: Uint8Array, opts?: TransmitOptions): Promise<Uint8Array>;
  /** Whether the transport can carry extended-length APDUs (ISO/IEC 7816-4 §5.1) end to end. */
  readonly extendedLength?: boolean;
  disconnect(disposition?: Disposition): Promise<void>;
  /**
   * Runs `fn` with the card held for this connection (PC/SC begin/end transaction; CCID per-slot
   * lock): no other client's APDU, SELECT or reset comes between `fn`'s APDUs, even while `fn`
   * waits for a server. Nested calls join the outer one. Bounded (transaction.ts); rejects with
   * `transport/timeout` (`data.op: 'transaction'`) or `AbortedError`. Optional: without it the
   * card layer runs `fn` as is.
   */
  transaction?<T>(fn: () => Promise<T>, opts?: { signal?: AbortSignal; maxMs?: number }): Promise<T>;
}

export type ReaderEventType = 'cardinserted' | 'cardremoved' | 'disconnected';

/** A `disconnected` event that says why the reader went away (the card bridge stopped, …). */
export class ReaderGoneEvent extends Event {
  constructor(readonly reason: AppError) {
    super('disconnected');
  }
}

/** One slot of one reader. Events are plain DOM `Event`s named by {@link ReaderEventType}. */
export interface CardReader {
  readonly name: string;
  cardPresent(): Promise<boolean>;
  connect(): Promise<CardConnection>;
  addEventListener(type: ReaderEventType, listener: (ev: Event) => void): void;
  removeEventListener(type: ReaderEventType, listener: (ev: Event) => void): void;
}

export type ProviderKind = 'webusb' | 'web-smart-card' | 'card-bridge' | 'simulator';

/** Feature detection result; `reason` is a stable code the UI explains in words. */
export type Support = { supported: true } | { supported: false; reason: string };

/** One way of reaching readers. */
export interface ReaderProvider {
  readonly kind: ProviderKind;
  isSupported(): Support;
  /** Needs a user gesture; shows the platform chooser where there is one. */
  requestReaders(): Promise<CardReader[]>;
  /** Readers granted earlier, without a prompt. */
  knownReaders(): Promise<CardReader[]>;
  /** Stops watchers and closes sockets when the app switches to another route (where there are any). */
  close?(): void;
}

/** Transport family errors; defined in the shared kernel so `ccid/` can throw them without importing upward. */
export { TransportError } from '../errors';
