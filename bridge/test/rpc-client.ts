/** A minimal JSON-RPC-over-WebSocket client for the bridge tests (Node `ws`). */
import WebSocket from 'ws';

export interface RpcReply {
  id: number | string | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: Record<string, unknown> };
}

export class RpcClient {
  readonly notifications: { method: string; params: Record<string, unknown> }[] = [];
  private id = 0;
  private readonly pending = new Map<number, (r: RpcReply) => void>();
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as RpcReply & { method?: string; params?: Record<string, unknown> };
      if (m.method) this.notifications.push({ method: m.method, params: m.params ?? {} });
      else if (typeof m.id === 'number') this.pending.get(m.id)?.(m);
      else this.pending.get(-1)?.(m);
    });
    this.closed = new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: String(reason) })));
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, headers: { origin?: string; host?: string } = {}): Promise<RpcClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, {
        ...(headers.origin ? { origin: headers.origin } : {}),
        headers: headers.host ? { host: headers.host } : {},
      });
      ws.once('open', () => resolve(new RpcClient(ws)));
      ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
      );
      ws.once('error', reject);
    });
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<RpcReply> {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** Sends raw text; resolves with the next reply whose id is not a number we issued. */
  raw(text: string): Promise<RpcReply> {
    return new Promise((resolve) => {
      this.pending.set(-1, resolve);
      const m = /"id":\s*(\d+)/.exec(text);
      if (m) this.pending.set(Number(m[1]), resolve);
      this.ws.send(text);
    });
  }

  close(): Promise<unknown> {
    this.ws.close();
    return this.closed;
  }
}
