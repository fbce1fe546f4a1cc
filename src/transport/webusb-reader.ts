/**
 * `CardReader` / `CardConnection` (transport/types.ts) over the CCID driver: one `CardReader` per
 * slot of a {@link CcidReader}; events follow the reader's interrupt notifications
 * (`cardinserted`, `cardremoved`) and USB disconnect (`disconnected`).
 */
import { throwIfAborted } from '../errors';
import type { CcidReader } from '../ccid/reader';
import { CardLock } from '../ccid/lock';
import type { CcidCardSession, CcidSlot } from '../ccid/slot';
import { lockedTransaction, lockedTransmit, type TransactionOptions } from './transaction';
import type {
  CardConnection,
  CardProtocol,
  CardReader,
  Disposition,
  ReaderEventType,
  TransmitOptions,
} from './types';

/** One lock per slot, shared by every connection to it (CCID 1.1 §6.1: the slot is one card). */
const slotLocks = new WeakMap<CcidSlot, CardLock>();

export class CcidCardConnection implements CardConnection {
  private readonly lock: CardLock;

  constructor(readonly session: CcidCardSession) {
    const slot = session.slot;
    if (!slotLocks.has(slot)) slotLocks.set(slot, new CardLock());
    this.lock = slotLocks.get(slot)!;
  }

  get atr(): Uint8Array {
    return this.session.atr;
  }

  get protocol(): CardProtocol {
    return this.session.protocol === 1 ? 'T1' : 'T0';
  }

  get extendedLength(): boolean {
    return this.session.extendedLength;
  }

  /** ISO/IEC 7816-4 §5.1 command → response, carried at the reader's CCID exchange level. */
  async transmit(command: Uint8Array, opts?: TransmitOptions): Promise<Uint8Array> {
    throwIfAborted(opts?.signal);
    return lockedTransmit(this.lock, this, () => this.session.transmit(command, opts?.signal));
  }

  /** The per-slot lock held for `fn` (WebUSB gives this page the reader alone; this orders our own users). */
  transaction<T>(fn: () => Promise<T>, opts?: TransactionOptions): Promise<T> {
    return lockedTransaction(this.lock, this, fn, opts);
  }

  disconnect(disposition: Disposition = 'leave'): Promise<void> {
    return this.session.disconnect(disposition);
  }
}

export class CcidCardReader extends EventTarget implements CardReader {
  constructor(
    readonly reader: CcidReader,
    readonly slot: CcidSlot,
  ) {
    super();
    reader.addEventListener('slotchange', (ev) => {
      const d = (ev as CustomEvent<{ slot: number; present: boolean }>).detail;
      if (d.slot === slot.index) this.dispatchEvent(new Event(d.present ? 'cardinserted' : 'cardremoved'));
    });
    reader.addEventListener('disconnected', () => this.dispatchEvent(new Event('disconnected')));
  }

  get name(): string {
    return this.reader.slots.length > 1 ? `${this.reader.name} (slot ${this.slot.index})` : this.reader.name;
  }

  cardPresent(): Promise<boolean> {
    return this.slot.cardPresent();
  }

  async connect(): Promise<CardConnection> {
    return new CcidCardConnection(await this.slot.connect());
  }

  override addEventListener(type: ReaderEventType | string, listener: (ev: Event) => void): void {
    super.addEventListener(type, listener);
  }

  override removeEventListener(type: ReaderEventType | string, listener: (ev: Event) => void): void {
    super.removeEventListener(type, listener);
  }
}

/** One CardReader per slot (multi-slot readers: each slot is its own reader). */
export function cardReadersOf(reader: CcidReader): CcidCardReader[] {
  return reader.slots.map((s) => new CcidCardReader(reader, s));
}
