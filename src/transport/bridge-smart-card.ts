/**
 * The WICG Web Smart Card API's objects (`SmartCardResourceManager`, `SmartCardContext`,
 * `SmartCardConnection`; wicg.github.io/web-smart-card) implemented over the card bridge socket,
 * so `WebSmartCardProvider` runs on the bridge exactly as on `navigator.smartCard`.
 *
 * The socket is opened lazily and reopened when it dropped (bridge restarted): a context whose
 * socket died establishes a new bridge context on the next call, so the provider's long-lived
 * contexts survive a bridge restart. Connections cannot survive it (the card handle is gone);
 * their calls reject with `transport/bridge-gone` and the card session reconnects.
 */
import { BridgeSocket, type BridgeSocketOptions } from './bridge-client';
import { bytesToBase64 } from '../common/base64';
import { fromBase64, type BridgeReaderStateOut } from './bridge-protocol';
import type {
  SmartCardConnection,
  SmartCardConnectionStatus,
  SmartCardConnectOptions,
  SmartCardConnectResult,
  SmartCardContext,
  SmartCardDisposition,
  SmartCardGetStatusChangeOptions,
  SmartCardReaderStateIn,
  SmartCardReaderStateOut,
  SmartCardResourceManager,
  SmartCardTransactionCallback,
  SmartCardTransmitOptions,
  SmartCardAccessMode,
} from './web-smart-card-api';

const buf = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer;
const bytes = (s: BufferSource): Uint8Array =>
  s instanceof ArrayBuffer ? new Uint8Array(s) : new Uint8Array(s.buffer, s.byteOffset, s.byteLength);

/**
 * `navigator.smartCard` over the bridge at `url`. Fires `socketclose` when an open socket closes
 * (bridge stopped or restarted, idle limit): the bridge has then released every handle made on it,
 * so every connection is dead even if a later call reopens the socket (docs/bridge-protocol.md).
 */
export class BridgeResourceManager extends EventTarget implements SmartCardResourceManager {
  private socket: Promise<BridgeSocket> | undefined;

  constructor(
    readonly url: string,
    private opts: BridgeSocketOptions = {},
  ) {
    super();
    this.opts = { ...opts };
  }

  /** Sets the bound on opening the socket (longer while the browser's permission prompt may be up). */
  setOpenTimeout(ms: number): void {
    this.opts.openTimeoutMs = ms;
  }

  /** The open socket, opening (or reopening) it when needed. */
  connectSocket(): Promise<BridgeSocket> {
    const current = this.socket;
    if (current) {
      return current.then(
        (s) => (s.isOpen ? s : this.reopen()),
        () => this.reopen(),
      );
    }
    return this.reopen();
  }

  private reopen(): Promise<BridgeSocket> {
    const p = BridgeSocket.open(this.url, this.opts);
    this.socket = p;
    p.then(
      (s) => {
        const closed = () => this.dispatchEvent(new Event('socketclose'));
        if (s.isOpen) s.addEventListener('close', closed, { once: true });
        else closed();
      },
      () => {
        if (this.socket === p) this.socket = undefined;
      },
    );
    return p;
  }

  /** Closes the socket (the bridge then releases every handle it made for us). */
  close(): void {
    void this.socket?.then((s) => s.close()).catch(() => undefined);
    this.socket = undefined;
  }

  async establishContext(): Promise<SmartCardContext> {
    const ctx = new BridgeContext(this);
    await ctx.handle();
    return ctx;
  }
}

class BridgeContext implements SmartCardContext {
  private bound: Promise<{ socket: BridgeSocket; context: number }> | undefined;

  constructor(private readonly rm: BridgeResourceManager) {}

  /** This context's bridge handle, re-established on a new socket after a drop. */
  handle(): Promise<{ socket: BridgeSocket; context: number }> {
    const make = async () => {
      const socket = await this.rm.connectSocket();
      const { context } = await socket.call('establishContext', {});
      return { socket, context };
    };
    const b = this.bound;
    const next = b ? b.then((h) => (h.socket.isOpen ? h : make()), make) : make();
    this.bound = next;
    next.catch(() => {
      if (this.bound === next) this.bound = undefined;
    });
    return next;
  }

  async listReaders(): Promise<string[]> {
    const { socket, context } = await this.handle();
    return (await socket.call('listReaders', { context })).readers;
  }

  async getStatusChange(
    readerStates: SmartCardReaderStateIn[],
    options: SmartCardGetStatusChangeOptions = {},
  ): Promise<SmartCardReaderStateOut[]> {
    const { socket, context } = await this.handle();
    const { signal, timeout } = options;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const onAbort = () => void socket.call('cancel', { context }).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const states = readerStates.map((s) => ({
        readerName: s.readerName,
        currentState: s.currentState,
        ...(s.currentCount === undefined ? {} : { currentCount: s.currentCount }),
      }));
      // Our bound sits 5 s above the call's own timeout; without one (INFINITE) the bridge's idle limit applies.
      const bound = timeout === undefined ? 24 * 3600_000 : timeout + 5000;
      const r = await socket.call(
        'getStatusChange',
        { context, readerStates: states, ...(timeout === undefined ? {} : { timeout }) },
        bound,
      );
      return r.readerStates.map(toStateOut);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async connect(
    reader: string,
    accessMode: SmartCardAccessMode,
    options: SmartCardConnectOptions = {},
  ): Promise<SmartCardConnectResult> {
    const { socket, context } = await this.handle();
    const r = await socket.call('connect', {
      context,
      reader,
      accessMode,
      ...(options.preferredProtocols ? { preferredProtocols: options.preferredProtocols } : {}),
    });
    const connection = new BridgeConnection(socket, r.connection);
    return r.activeProtocol ? { connection, activeProtocol: r.activeProtocol } : { connection };
  }
}

function toStateOut(s: BridgeReaderStateOut): SmartCardReaderStateOut {
  const out: SmartCardReaderStateOut = {
    readerName: s.readerName,
    eventState: s.eventState,
    eventCount: s.eventCount,
  };
  if (s.answerToReset) out.answerToReset = buf(fromBase64(s.answerToReset));
  return out;
}

class BridgeConnection implements SmartCardConnection {
  constructor(
    private readonly socket: BridgeSocket,
    private readonly connection: number,
  ) {}

  async disconnect(disposition: SmartCardDisposition = 'leave'): Promise<void> {
    await this.socket.call('disconnect', { connection: this.connection, disposition });
  }

  async transmit(sendBuffer: BufferSource, options: SmartCardTransmitOptions = {}): Promise<ArrayBuffer> {
    const r = await this.socket.call('transmit', {
      connection: this.connection,
      data: bytesToBase64(bytes(sendBuffer)),
      ...(options.protocol ? { protocol: options.protocol } : {}),
    });
    return buf(fromBase64(r.data));
  }

  /**
   * WICG § startTransaction(): begin, run the callback, end with the disposition it resolves to
   * ("reset" when it resolves to nothing, per the IDL default), or "reset" when it throws.
   */
  async startTransaction(transaction: SmartCardTransactionCallback): Promise<void> {
    await this.socket.call('beginTransaction', { connection: this.connection });
    let disposition: SmartCardDisposition = 'reset';
    try {
      disposition = (await transaction()) ?? 'reset';
    } finally {
      await this.socket.call('endTransaction', { connection: this.connection, disposition });
    }
  }

  async status(): Promise<SmartCardConnectionStatus> {
    const r = await this.socket.call('status', { connection: this.connection });
    const s: SmartCardConnectionStatus = { readerName: r.readerName, state: r.state };
    if (r.answerToReset) s.answerToReset = buf(fromBase64(r.answerToReset));
    return s;
  }

  async control(controlCode: number, data: BufferSource): Promise<ArrayBuffer> {
    return buf(
      fromBase64(
        (
          await this.socket.call('control', {
            connection: this.connection,
            controlCode,
            data: bytesToBase64(bytes(data)),
          })
        ).data,
      ),
    );
  }

  async getAttribute(tag: number): Promise<ArrayBuffer> {
    return buf(
      fromBase64((await this.socket.call('getAttribute', { connection: this.connection, tag })).data),
    );
  }

  async setAttribute(tag: number, value: BufferSource): Promise<void> {
    await this.socket.call('setAttribute', {
      connection: this.connection,
      tag,
      value: bytesToBase64(bytes(value)),
    });
  }
}
