/**
 * The "system PC/SC service" behind the fake `navigator.smartCard`: readers by name, the virtual
 * card in each, handles and transactions, and the state PC/SC reports (SCardGetStatusChange flags,
 * event count in the high word). Behaves like pcsc-lite where the WICG spec defers to PC/SC:
 * shared vs exclusive sharing violations, a reset by one handle surfacing as SCARD_W_RESET_CARD on
 * the others, a removed card as SCARD_W_REMOVED_CARD, an unplugged reader as unknown.
 * Tests drive it (insert, remove, unplug, inject faults); the fake API only reads it.
 */
import { parseAtr } from '../iso7816/atr';
import type { VirtualCard } from './ccid-card';
import { pcscException, type PcscFault } from './fake-smart-card-error';
import type {
  SmartCardAccessMode,
  SmartCardDisposition,
  SmartCardProtocol,
  SmartCardReaderStateFlagsOut,
} from '../transport/web-smart-card-api';

export interface FakeHandle {
  readonly id: number;
  readonly reader: FakePcscReader;
  readonly mode: SmartCardAccessMode;
  protocol: SmartCardProtocol | undefined;
  /** Card generation at connect; a reset or swap since then → reset-card / removed-card. */
  generation: number;
  /** Card serial at connect; another card since then → removed-card. */
  cardSerial: number;
  open: boolean;
}

export class FakePcscReader {
  card: VirtualCard | undefined;
  /** Insertions + removals (PC/SC high word of dwEventState). */
  eventCount = 0;
  /** Bumped on every insert, remove and reset: handles remember the value they saw. */
  generation = 0;
  /** Bumped only when the card leaves (a reset keeps the card). */
  cardSerial = 0;
  readonly handles = new Set<FakeHandle>();
  /** The handle holding a PC/SC transaction (SCardBeginTransaction), and who waits for it. */
  txHolder: FakeHandle | undefined;
  readonly txWaiters: (() => void)[] = [];

  constructor(readonly name: string) {}

  /** Offered protocols from the ATR's TDi bytes (ISO/IEC 7816-3 §8.2.3). */
  protocols(): SmartCardProtocol[] {
    if (!this.card) return [];
    return parseAtr(this.card.atr)
      .protocols.filter((p) => p === 0 || p === 1)
      .map((p) => (p === 0 ? 't0' : 't1'));
  }

  flags(): SmartCardReaderStateFlagsOut {
    const present = this.card !== undefined;
    const exclusive = [...this.handles].some((h) => h.mode !== 'shared');
    return {
      ignore: false,
      changed: false,
      unavailable: false,
      unknown: false,
      empty: !present,
      present,
      exclusive,
      inuse: this.handles.size > 0 && !exclusive,
      mute: false,
      unpowered: false,
    };
  }
}

export class FakePcscService extends EventTarget {
  readonly readers = new Map<string, FakePcscReader>();
  private nextHandle = 1;
  private readonly faults: { op: string; code: PcscFault }[] = [];
  /** What `connect()` answers when the browser would prompt (§ User Consent): grant or refuse. */
  permission: 'granted' | 'denied' = 'granted';
  /** Simulated service latency per call, ms (0 = next task). */
  latencyMs = 0;
  /** When false, `establishContext` fails with no-service (Smart Card Connector missing). */
  running = true;

  addReader(name: string, card?: VirtualCard): FakePcscReader {
    const r = new FakePcscReader(name);
    this.readers.set(name, r);
    if (card) this.insert(name, card);
    this.changed();
    return r;
  }

  /** Unplugs a reader: handles lose it (reader-unavailable), watchers see it as unknown. */
  unplug(name: string): void {
    const r = this.readers.get(name);
    if (!r) return;
    this.readers.delete(name);
    for (const h of r.handles) h.open = false;
    this.changed();
  }

  insert(name: string, card: VirtualCard): void {
    const r = this.reader(name);
    if (r.card) this.remove(name);
    card.reset?.();
    r.card = card;
    r.eventCount++;
    r.generation++;
    this.changed();
  }

  remove(name: string): void {
    const r = this.reader(name);
    if (!r.card) return;
    r.card = undefined;
    r.eventCount++;
    r.generation++;
    r.cardSerial++;
    this.releaseTransaction(r);
    this.changed();
  }

  /**
   * Warm reset (disposition "reset"/"unpower"): every other handle gets reset-card next; the
   * caller's own handle stays valid (pcsc-lite RFSetReaderEventState + RFClearReaderEventState).
   */
  resetCard(r: FakePcscReader, caller?: FakeHandle): void {
    r.card?.reset?.();
    r.generation++;
    if (caller) caller.generation = r.generation;
  }

  /** SCardDisconnect / SCardEndTransaction dispositions (PC/SC part 5: LEAVE, RESET, UNPOWER, EJECT). */
  applyDisposition(r: FakePcscReader, d: SmartCardDisposition, caller?: FakeHandle): void {
    if (d === 'reset' || d === 'unpower') this.resetCard(r, caller);
    else if (d === 'eject' && this.readers.get(r.name) === r) this.remove(r.name);
  }

  /** SCardBeginTransaction: waits while another handle holds the card; an abort cancels the wait. */
  async beginTransaction(h: FakeHandle, signal?: AbortSignal): Promise<void> {
    await this.awaitTransaction(h, signal);
    h.reader.txHolder = h;
  }

  /** Resolves once no other handle holds the reader's transaction. */
  async awaitTransaction(h: FakeHandle, signal?: AbortSignal): Promise<void> {
    const r = h.reader;
    while (r.txHolder && r.txHolder !== h) {
      if (signal?.aborted) throw pcscException('cancelled', 'beginTransaction');
      await new Promise<void>((resolve) => {
        r.txWaiters.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }

  /** SCardEndTransaction: releases the card and applies the disposition. */
  endTransaction(h: FakeHandle, d: SmartCardDisposition): void {
    if (h.reader.txHolder !== h) throw pcscException('not-transacted', 'endTransaction');
    this.releaseTransaction(h.reader);
    this.applyDisposition(h.reader, d, h);
  }

  /** The next call of `op` (e.g. "transmit", "connect", "*") fails with `code`. */
  failNext(op: string, code: PcscFault): void {
    this.faults.push({ op, code });
  }

  /** Consumes an injected fault for `op`, if any. */
  takeFault(op: string): PcscFault | undefined {
    const i = this.faults.findIndex((f) => f.op === op || f.op === '*');
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]!.code;
  }

  openHandle(
    reader: FakePcscReader,
    mode: SmartCardAccessMode,
    protocol: SmartCardProtocol | undefined,
  ): FakeHandle {
    const h: FakeHandle = {
      id: this.nextHandle++,
      reader,
      mode,
      protocol,
      generation: reader.generation,
      cardSerial: reader.cardSerial,
      open: true,
    };
    reader.handles.add(h);
    this.changed();
    return h;
  }

  closeHandle(h: FakeHandle): void {
    h.open = false;
    h.reader.handles.delete(h);
    if (h.reader.txHolder === h) this.releaseTransaction(h.reader);
    this.changed();
  }

  releaseTransaction(r: FakePcscReader): void {
    r.txHolder = undefined;
    r.txWaiters.shift()?.();
  }

  reader(name: string): FakePcscReader {
    const r = this.readers.get(name);
    if (!r) throw new Error(`no fake reader named ${name}`);
    return r;
  }

  /** Wakes every getStatusChange waiting on this service. */
  changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
