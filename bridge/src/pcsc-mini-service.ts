/**
 * {@link PcscService} over pcsc-mini (Node-API addon, prebuilt per platform, links the system's
 * winscard.dll / PCSC.framework / libpcsclite.so.1). pcsc-mini keeps one SCARDCONTEXT and a
 * monitor thread looping on SCardGetStatusChange; it reports each reader's raw dwEventState
 * (PC/SC event counter in the high word) and ATR. We keep that as the reader table.
 *
 * Faults: `start()` throws NoService when no PC/SC service runs (Windows with no reader plugged
 * in: SCARD_E_NO_SERVICE); the monitor reports CommError when pcscd dies. Either way every reader
 * is dropped, the state becomes `unavailable`, listeners hear it, and a fresh client is tried
 * after a back-off (backoff.ts) until the service answers again.
 */
import { Backoff, type BackoffOptions } from './backoff';
import { SCARD_STATE, type PcscCard, type PcscService, type ReaderSnapshot, type ServiceState } from './pcsc';

type Mini = typeof import('pcsc-mini');
type MiniClient = InstanceType<Mini['Client']>;
type MiniCard = Awaited<ReturnType<InstanceType<Mini['Reader']>['connect']>>;

export class PcscMiniService implements PcscService {
  state: ServiceState = 'unavailable';
  retryInMs: number | undefined;
  readerListCount = 0;
  private client: MiniClient | undefined;
  private readonly table = new Map<string, ReaderSnapshot>();
  private readonly listeners = new Set<() => void>();
  private readonly backoff: Backoff;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly mini: Mini,
    backoff?: BackoffOptions,
    private readonly onLog: (line: string) => void = () => {},
  ) {
    this.backoff = new Backoff(backoff);
    this.tryStart();
  }

  get rawProtocol(): number {
    return this.mini.Protocol.RAW;
  }

  readers(): ReaderSnapshot[] {
    return [...this.table.values()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(reader: string, share: number, protocols: number): Promise<PcscCard> {
    const r = this.client?.reader(reader);
    if (!r || this.state !== 'running')
      throw Object.assign(new Error(`unknown reader ${reader}`), {
        code: this.state === 'running' ? 'UnknownReader' : 'NoService',
      });
    return wrapCard(await r.connect(share, protocols || this.mini.Protocol.ANY));
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }

  private tryStart(): void {
    if (this.stopped) return;
    const client = new this.mini.Client();
    client.on('reader', (reader) => {
      const name = reader.name();
      reader.on('change', (status: { raw: number }, atr: Uint8Array) => {
        if (this.client !== client) return;
        if (!this.table.has(name)) this.readerListCount++;
        this.table.set(name, {
          name,
          state: status.raw & 0xffff & ~SCARD_STATE.CHANGED,
          eventCount: status.raw >>> 16,
          atr: plausibleAtr(atr),
        });
        this.emit();
      });
      reader.on('disconnect', () => {
        if (this.client !== client || !this.table.delete(name)) return;
        this.readerListCount++;
        this.emit();
      });
    });
    client.on('error', (e: { code?: string }) => {
      if (this.client !== client) return;
      this.onLog(`PC/SC monitor failed (${e.code ?? 'unknown'}); reconnecting`);
      this.fail();
    });
    try {
      client.start();
    } catch (e) {
      this.onLog(`PC/SC service unavailable (${(e as { code?: string }).code ?? 'unknown'})`);
      this.fail();
      return;
    }
    this.client = client;
    this.state = 'running';
    this.retryInMs = undefined;
    this.backoff.reset();
    this.emit();
  }

  private drop(): void {
    const c = this.client;
    this.client = undefined;
    try {
      c?.stop();
    } catch {
      // stop() throws NoService when the daemon is already gone; the client is dead either way.
    }
    if (this.table.size) this.readerListCount++;
    this.table.clear();
  }

  private fail(): void {
    this.drop();
    this.state = 'unavailable';
    this.retryInMs = this.backoff.next();
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.tryStart(), this.retryInMs);
    this.emit();
  }
}

function wrapCard(card: MiniCard): PcscCard {
  let tx: { end(d: number): Promise<void> } | undefined;
  return {
    get protocol() {
      return card.protocol();
    },
    transmit: (data, protocol) =>
      protocol === undefined ? card.transmit(data) : card.transmitProtocol(protocol, data),
    control: (code, data) => card.control(code, data),
    getAttribute: (tag) => card.attributeGet(tag),
    setAttribute: (tag, value) => card.attributeSet(tag, value),
    status: async () => {
      const s = await card.state();
      return {
        readerName: s.readerName,
        state: s.status.raw,
        protocol: s.protocol,
        atr: new Uint8Array(s.atr),
      };
    },
    beginTransaction: async () => {
      if (tx) throw Object.assign(new Error('transaction already held'), { code: 'SharingViolation' });
      tx = await card.transaction();
    },
    endTransaction: async (disposition) => {
      const t = tx;
      if (!t) throw Object.assign(new Error('no transaction'), { code: 'NotTransacted' });
      tx = undefined;
      await t.end(disposition as never);
    },
    disconnect: (disposition) => card.disconnect(disposition as never),
  };
}

/**
 * pcsc-mini 0.1.3's monitor hands over an ATR buffer of the right length whose bytes are not the
 * card's (seen here: `25 00 00 …` for a card whose SCardStatus ATR is `3B 8D 01 …`). An ATR starts
 * with TS = 3B (direct) or 3F (inverse convention), ISO/IEC 7816-3 §8.1; anything else is dropped
 * rather than passed on, and clients read the ATR from `status` after connecting (as the app does).
 */
export function plausibleAtr(atr: Uint8Array): Uint8Array {
  return atr.length >= 2 && (atr[0] === 0x3b || atr[0] === 0x3f) ? new Uint8Array(atr) : new Uint8Array(0);
}

/**
 * pcsc-mini releases a stopped client's SCARDCONTEXT in a GC finalizer; when the PC/SC service is
 * already gone that release fails and the addon throws "Error in async finalizer callback for
 * *Client" as an uncaught exception. That must not kill the bridge (the service restarting is the
 * very fault it recovers from), so exactly that error is logged and swallowed; any other rethrown.
 */
export function isFinalizerNoise(e: unknown): boolean {
  return e instanceof Error && e.message.startsWith('Error in async finalizer callback for *Client');
}
