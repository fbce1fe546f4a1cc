/**
 * The app side of the card bridge socket: opens `ws://127.0.0.1:PORT/`, says `hello`, and runs
 * JSON-RPC 2.0 calls (jsonrpc.org/specification §4–5) with a bound each. Failures come back the
 * way the WICG Web Smart Card API would reject (§ SmartCardError "corresponding exception"), so
 * the Web Smart Card provider's own error mapping applies unchanged: a PC/SC code with a response
 * code becomes a `SmartCardError` DOMException carrying `responseCode`; the others a DOMException
 * by name or a TypeError. Socket-level trouble is a typed `TransportError` (docs/bridge-protocol.md).
 */
import {
  BRIDGE_PROTOCOL,
  RPC_ERROR,
  type BridgeErrorData,
  type BridgeMethod,
  type ParamsOf,
  type ResultOf,
} from './bridge-protocol';
import { TransportError } from './types';

export interface BridgeSocketOptions {
  /** Bound on opening the socket. Why 5 s: loopback connects in ms; longer means nothing listens. */
  openTimeoutMs?: number;
  /** Bound on one call without a timeout of its own. Why 60 s: on-card RSA key generation ~30 s. */
  callTimeoutMs?: number;
  WebSocketImpl?: typeof WebSocket;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** What a failed call rejects with, as the WICG API would reject. */
export function rejectionFor(error: { code?: number; message?: string; data?: BridgeErrorData }): Error {
  const message = error.message ?? 'card bridge error';
  const data = error.data ?? {};
  // The system's PC/SC service is down: the bridge retries by itself; say so in bridge terms.
  if (data.responseCode === 'no-service')
    return new TransportError('transport/bridge-no-service', message, { responseCode: 'no-service' });
  if (data.responseCode)
    return Object.assign(new DOMException(message, 'SmartCardError'), { responseCode: data.responseCode });
  if (error.code === RPC_ERROR.protocolUnsupported)
    return new TransportError('transport/bridge-too-old', message, {});
  if (data.domName === 'TypeError') return new TypeError(message);
  return new DOMException(message, data.domName ?? 'UnknownError');
}

export class BridgeSocket extends EventTarget {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closedWith: TransportError | undefined;
  /** `hello`'s answer. */
  version = '';
  protocol = 0;
  /** The PC/SC service state the bridge last announced. */
  serviceState: 'running' | 'unavailable' = 'running';

  private constructor(
    private readonly ws: WebSocket,
    private readonly callTimeoutMs: number,
  ) {
    super();
    ws.addEventListener('message', (ev) => this.onMessage(String((ev as MessageEvent).data)));
    ws.addEventListener('close', () => this.onClose());
  }

  /** Opens the socket and says hello; rejects with `transport/bridge-unreachable` or `bridge-too-old`. */
  static async open(url: string, opts: BridgeSocketOptions = {}): Promise<BridgeSocket> {
    const WS = opts.WebSocketImpl ?? globalThis.WebSocket;
    const ws = new WS(url);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.close();
        reject(new TransportError('transport/bridge-unreachable', `no answer from ${url}`, { url }));
      }, opts.openTimeoutMs ?? 5000);
      ws.addEventListener('open', () => (clearTimeout(timer), resolve()), { once: true });
      ws.addEventListener(
        'error',
        () => (
          clearTimeout(timer),
          reject(new TransportError('transport/bridge-unreachable', `cannot connect to ${url}`, { url }))
        ),
        { once: true },
      );
    });
    const s = new BridgeSocket(ws, opts.callTimeoutMs ?? 60_000);
    const hello = await s
      .call('hello', { protocol: BRIDGE_PROTOCOL, client: 'smartcard-self-service' }, 5000)
      .catch((e: unknown) => {
        s.close();
        throw e;
      });
    if (hello.protocol < BRIDGE_PROTOCOL) {
      s.close();
      throw new TransportError('transport/bridge-too-old', `bridge speaks protocol ${hello.protocol}`, {
        version: hello.version,
      });
    }
    s.version = hello.version;
    s.protocol = hello.protocol;
    return s;
  }

  get isOpen(): boolean {
    return this.closedWith === undefined;
  }

  /** One call; `boundMs` overrides the default bound (getStatusChange passes its own timeout + slack). */
  call<M extends BridgeMethod>(
    method: M,
    params: ParamsOf<M>,
    boundMs = this.callTimeoutMs,
  ): Promise<ResultOf<M>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    // A socket that is closing drops what we send; fail now rather than at the call's bound.
    if (this.ws.readyState !== this.ws.OPEN) {
      this.onClose();
      return Promise.reject(this.closedWith);
    }
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new TransportError('transport/timeout', `card bridge ${method} did not answer`, { op: method }),
        );
      }, boundMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
    this.onClose();
  }

  private onMessage(text: string): void {
    let msg: {
      id?: unknown;
      result?: unknown;
      error?: { code?: number; message?: string; data?: BridgeErrorData };
      method?: unknown;
      params?: { state?: unknown };
    };
    try {
      msg = JSON.parse(text);
    } catch {
      return; // a broken frame from the bridge: the pending call's bound will report it
    }
    if (msg.method === 'serviceState') {
      this.serviceState = msg.params?.state === 'unavailable' ? 'unavailable' : 'running';
      this.dispatchEvent(new Event('servicestate'));
      return;
    }
    const p = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined;
    if (!p) return;
    this.pending.delete(msg.id as number);
    clearTimeout(p.timer);
    if (msg.error) p.reject(rejectionFor(msg.error));
    else p.resolve(msg.result ?? {});
  }

  private onClose(): void {
    if (this.closedWith) return;
    this.closedWith = new TransportError('transport/bridge-gone', 'the card bridge connection closed', {});
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.closedWith);
    }
    this.pending.clear();
    this.dispatchEvent(new Event('close'));
  }
}
