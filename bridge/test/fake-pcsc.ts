/**
 * A fake {@link PcscService} for the bridge's unit tests: readers and cards the test moves around,
 * every call recorded, failures injectable. Cards answer APDUs with a fixed function of the
 * command (`90 00` after echoing INS), enough to see bytes travel through the codec.
 */
import {
  pcscError,
  SCARD_CARD_STATE,
  SCARD_STATE,
  type CardStatusSnapshot,
  type PcscCard,
  type PcscService,
  type ReaderSnapshot,
  type ServiceState,
} from '../src/pcsc';

export interface FakeCard extends PcscCard {
  readonly reader: string;
  calls: string[];
  inTransaction: boolean;
  connected: boolean;
}

export class FakePcsc implements PcscService {
  state: ServiceState = 'running';
  retryInMs: number | undefined;
  readerListCount = 0;
  readonly rawProtocol = 4;
  readonly cards: FakeCard[] = [];
  /** Set to a PC/SC code to make the next connect fail with it. */
  failConnect: string | undefined;
  /** Set to a PC/SC code to make every transmit fail with it. */
  failTransmit: string | undefined;
  private readonly table = new Map<string, ReaderSnapshot>();
  private readonly listeners = new Set<() => void>();

  readers(): ReaderSnapshot[] {
    return this.state === 'running' ? [...this.table.values()] : [];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }

  addReader(name: string): void {
    this.table.set(name, { name, state: SCARD_STATE.EMPTY, eventCount: 0, atr: new Uint8Array(0) });
    this.readerListCount++;
    this.emit();
  }

  removeReader(name: string): void {
    this.table.delete(name);
    this.readerListCount++;
    for (const c of this.cards) if (c.reader === name) c.connected = false;
    this.emit();
  }

  insert(name: string, atr = Uint8Array.of(0x3b, 0x8d, 0x01)): void {
    const r = this.table.get(name)!;
    this.table.set(name, { name, state: SCARD_STATE.PRESENT, eventCount: r.eventCount + 1, atr });
    this.emit();
  }

  pull(name: string): void {
    const r = this.table.get(name)!;
    this.table.set(name, {
      name,
      state: SCARD_STATE.EMPTY,
      eventCount: r.eventCount + 1,
      atr: new Uint8Array(0),
    });
    for (const c of this.cards) if (c.reader === name) c.connected = false;
    this.emit();
  }

  setService(state: ServiceState, retryInMs?: number): void {
    this.state = state;
    this.retryInMs = retryInMs;
    this.emit();
  }

  async connect(reader: string, share: number, protocols: number): Promise<PcscCard> {
    if (this.state !== 'running') throw pcscError('NoService');
    if (this.failConnect) throw pcscError(this.failConnect);
    const r = this.table.get(reader);
    if (!r) throw pcscError('UnknownReader');
    if (!(r.state & SCARD_STATE.PRESENT)) throw pcscError('NoSmartCard');
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the card's methods read the service's live fault switches
    const fake = this;
    const calls: string[] = [`connect ${share} ${protocols}`];
    const guard = () => {
      if (fake.state !== 'running') throw pcscError('NoService');
      if (!card.connected) throw pcscError('RemovedCard');
    };
    const card: FakeCard = {
      reader,
      calls,
      inTransaction: false,
      connected: true,
      protocol: protocols & 2 ? 2 : 1,
      async transmit(data, protocol) {
        calls.push(
          `transmit ${Buffer.from(data).toString('hex')}${protocol === undefined ? '' : ` p${protocol}`}`,
        );
        guard();
        if (fake.failTransmit) throw pcscError(fake.failTransmit);
        return Uint8Array.of(data[1] ?? 0, 0x90, 0x00);
      },
      async control(code, data) {
        calls.push(`control ${code} ${Buffer.from(data).toString('hex')}`);
        guard();
        return Uint8Array.of(0x01);
      },
      async getAttribute(tag) {
        calls.push(`getAttribute ${tag}`);
        guard();
        return Uint8Array.of(0x42);
      },
      async setAttribute(tag) {
        calls.push(`setAttribute ${tag}`);
        guard();
      },
      async status(): Promise<CardStatusSnapshot> {
        calls.push('status');
        guard();
        return {
          readerName: reader,
          state: SCARD_CARD_STATE.SPECIFIC | SCARD_CARD_STATE.POWERED | SCARD_CARD_STATE.PRESENT,
          protocol: card.protocol,
          atr: r.atr,
        };
      },
      async beginTransaction() {
        calls.push('beginTransaction');
        guard();
        card.inTransaction = true;
      },
      async endTransaction(d) {
        calls.push(`endTransaction ${d}`);
        if (!card.inTransaction) throw pcscError('NotTransacted');
        card.inTransaction = false;
      },
      async disconnect(d) {
        calls.push(`disconnect ${d}`);
        card.connected = false;
      },
    };
    this.cards.push(card);
    return card;
  }

  close(): void {}
}
