/**
 * The bridge's listener: HTTP on 127.0.0.1 only, WebSocket upgrade (RFC 6455 §4.2) for allowed
 * origins, JSON-RPC 2.0 over text frames, one {@link Session} per socket.
 *
 * Gate, before the upgrade (a refused page never gets a socket):
 * - `Host` must be `127.0.0.1:PORT` or `localhost:PORT` — a DNS-rebinding page sends its own name.
 * - `Origin` must be on the exact-match allow-list — a browser always sends the page's real origin
 *   on a WebSocket handshake (RFC 6455 §10.2); a missing one (a non-browser client) is refused too.
 * `GET /probe` (no upgrade) answers any origin with whether it is allowed, CORS-readable, so the
 * app can tell "origin not allowed" from "bridge not running" (the browser hides upgrade errors).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_PROTOCOL,
  CLOSE_CODES,
  MAX_FRAME_BYTES,
  PROBE_PATH,
  RPC_ERROR,
  type ProbeAnswer,
  type ServiceStateNotification,
} from '../../src/transport/bridge-protocol';
import type { BridgeConfig } from './config';
import { pcscToRpcError, RpcFailure, type RpcError } from './errors';
import type { PcscService } from './pcsc';
import { Session } from './session';

export interface BridgeServer {
  readonly port: number;
  /** Live sockets (for tests and `--check`). */
  readonly sessions: ReadonlySet<Session>;
  close(): Promise<void>;
}

type GateVerdict = { ok: true } | { ok: false; status: number; reason: string };

/** The pre-upgrade check (see the file comment). Exported for the unit tests. */
export function checkUpgrade(
  headers: IncomingMessage['headers'],
  port: number,
  allowed: readonly string[],
): GateVerdict {
  const host = headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
    return { ok: false, status: 421, reason: 'host not allowed' };
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === '')
    return { ok: false, status: 403, reason: 'origin missing' };
  if (!allowed.includes(origin)) return { ok: false, status: 403, reason: 'origin not allowed' };
  return { ok: true };
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

interface Wire {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** Parses one frame into a request or a JSON-RPC error to send back (§5.1). */
export function decodeRequest(
  text: string,
):
  | { ok: true; id: number | string; method: string; params: Record<string, unknown> }
  | { ok: false; id: number | string | null; error: RpcError } {
  let msg: Wire;
  try {
    msg = JSON.parse(text) as Wire;
  } catch {
    return { ok: false, id: null, error: { code: RPC_ERROR.parseError, message: 'parse error' } };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    // Batches (§6) are not part of this protocol: one request per frame keeps ordering obvious.
    return {
      ok: false,
      id: null,
      error: { code: RPC_ERROR.invalidRequest, message: 'one request object per frame' },
    };
  }
  const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
  if (msg.jsonrpc !== '2.0' || id === null || typeof msg.method !== 'string') {
    return { ok: false, id, error: { code: RPC_ERROR.invalidRequest, message: 'invalid request' } };
  }
  const params = msg.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return { ok: false, id, error: { code: RPC_ERROR.invalidParams, message: 'params must be an object' } };
  }
  return { ok: true, id, method: msg.method, params: params as Record<string, unknown> };
}

function toRpcError(e: unknown): RpcError {
  if (e instanceof RpcFailure) return e.rpc;
  if (typeof (e as { code?: unknown })?.code === 'string') return pcscToRpcError(e);
  return { code: RPC_ERROR.internalError, message: 'internal error' };
}

interface ServerOptions {
  config: BridgeConfig;
  service: PcscService;
  version: string;
  log?: (line: string) => void;
  /** 0 picks a free port (tests). Defaults to config.port. */
  listenPort?: number;
}

/** Starts listening; resolves once bound to 127.0.0.1. */
export async function startBridgeServer(opts: ServerOptions): Promise<BridgeServer> {
  const { config, service } = opts;
  const log = opts.log ?? (() => {});
  const sessions = new Set<Session>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = opts.listenPort ?? config.port;

  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const gate = checkUpgrade(req.headers, port, config.allowedOrigins);
    if (
      req.method === 'GET' &&
      url.pathname === PROBE_PATH &&
      (gate.ok || gate.reason !== 'host not allowed')
    ) {
      const answer: ProbeAnswer = gate.ok
        ? {
            bridge: 'smartcard-bridge',
            originAllowed: true,
            protocol: BRIDGE_PROTOCOL,
            version: opts.version,
          }
        : { bridge: 'smartcard-bridge', originAllowed: false };
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'cache-control': 'no-store',
      };
      if (typeof req.headers.origin === 'string') headers['access-control-allow-origin'] = req.headers.origin;
      res.writeHead(200, headers).end(JSON.stringify(answer));
      return;
    }
    res.writeHead(gate.ok || gate.reason !== 'host not allowed' ? 404 : 421).end();
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const gate = checkUpgrade(req.headers, port, config.allowedOrigins);
    if (!gate.ok) {
      log(
        `refused upgrade from origin ${JSON.stringify(req.headers.origin ?? null)} host ${JSON.stringify(req.headers.host ?? null)}: ${gate.reason}`,
      );
      return refuse(socket, gate.status, gate.reason);
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, String(req.headers.origin)));
  });

  const notify = (ws: WebSocket) => {
    const note: ServiceStateNotification = {
      jsonrpc: '2.0',
      method: 'serviceState',
      params:
        service.state === 'running'
          ? { state: 'running' }
          : { state: 'unavailable', retryInMs: service.retryInMs },
    };
    ws.send(JSON.stringify(note));
  };

  function serve(ws: WebSocket, origin: string): void {
    const session = new Session(service, opts.version, config.limits, config.debugApdu ? log : undefined);
    sessions.add(session);
    log(`connected: ${origin}`);
    let inFlight = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => ws.close(CLOSE_CODES.idle, 'idle'), config.idleTimeoutMs);
    };
    armIdle();
    let lastState = service.state;
    const offService = service.onChange(() => {
      if (service.state === lastState) return;
      lastState = service.state;
      if (ws.readyState === ws.OPEN) notify(ws);
    });
    ws.on('message', (data, isBinary) => {
      armIdle();
      if (isBinary)
        return ws.send(
          JSON.stringify({
            jsonrpc: '2.0',
            id: null,
            error: { code: RPC_ERROR.invalidRequest, message: 'text frames only' },
          }),
        );
      const req = decodeRequest(data.toString());
      if (!req.ok) return ws.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, error: req.error }));
      if (inFlight >= config.maxInFlight) {
        // A client that floods us is broken or hostile: stop reading from it altogether.
        log(`closing ${origin}: more than ${config.maxInFlight} requests in flight`);
        return ws.close(CLOSE_CODES.tooManyInFlight, 'too many requests in flight');
      }
      inFlight++;
      session
        .call(req.method, req.params)
        .then(
          (result) => ({ jsonrpc: '2.0', id: req.id, result }),
          (e: unknown) => ({ jsonrpc: '2.0', id: req.id, error: toRpcError(e) }),
        )
        .then((reply) => {
          inFlight--;
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
          if (req.method === 'hello' && 'result' in reply && service.state !== 'running') notify(ws);
        });
    });
    ws.on('close', () => {
      clearTimeout(idle);
      offService();
      sessions.delete(session);
      void session.close().then(() => log(`disconnected: ${origin} (handles released)`));
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  port = (http.address() as { port: number }).port;
  return {
    get port() {
      return port;
    },
    sessions,
    close: async () => {
      for (const c of wss.clients) c.close(CLOSE_CODES.shutdown, 'bridge stopping');
      await Promise.all([...sessions].map((s) => s.close()));
      const closed = new Promise<void>((r) => http.close(() => r()));
      http.closeAllConnections();
      for (const c of wss.clients) c.terminate();
      await closed;
    },
  };
}
