/**
 * The loopback redirect receiver of an Isolated Web App (OAuth 2.0 for Native Apps, RFC 8252
 * §7.3): an HTTP listener on 127.0.0.1 opened with the Direct Sockets API (`TCPServerSocket`,
 * WICG direct-sockets; IWA only, permission policy `direct-sockets`). The IdP's sign-in page runs
 * in an ordinary browser tab — Chromium moves every top-level navigation out of an IWA window into
 * the browser and refuses redirects from a browser tab into `isolated-app://` — and its redirect to
 * `http://127.0.0.1:<port>/<redirect path>?code=…&state=…` arrives here. Only that request line
 * is read (RFC 9112 §3); the code is useless without the PKCE verifier held by the app (RFC 7636).
 */
import { concatBytes } from '@noble/ciphers/utils.js';
import { AppError } from '../errors';

/** Direct Sockets, as far as this module uses it (not yet in TypeScript's DOM library). */
interface SocketPair {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
}
interface TcpSocket {
  opened: Promise<SocketPair>;
  close(): Promise<void>;
}
interface TcpServerSocket {
  opened: Promise<{ readable: ReadableStream<TcpSocket>; localPort: number }>;
  close(): Promise<void>;
}
type TcpServerSocketCtor = new (host: string, opts?: { localPort?: number }) => TcpServerSocket;

export interface LoopbackReceiver {
  /** `http://127.0.0.1:<port>` — the redirect URI is this plus the configured path. */
  readonly base: string;
  /** Resolves with the full redirect URL of the first request for `path`; rejects after `ms`. */
  next(path: string, ms: number): Promise<string>;
  close(): void;
}

/** The loopback receiver cannot run (no Direct Sockets, or the permission policy lacks it). */
class LoopbackUnavailableError extends AppError {
  constructor(reason: string) {
    super('auth/loopback-unavailable', `Loopback sign-in unavailable: ${reason}`, { reason });
  }
}

/** No redirect arrived in time (the user closed the tab or never finished signing in). */
class SignInTimeoutError extends AppError {
  constructor() {
    super('auth/sign-in-timeout', 'No answer from the identity provider in time');
  }
}

/** What the tab shows after the redirect (German and English: the tab has no app language). */
const DONE_PAGE =
  '<!doctype html><html lang="de"><meta charset="utf-8"><title>Anmeldung / Sign-in</title>' +
  '<p>Anmeldung abgeschlossen. Sie können diesen Tab schließen und zur Smartcard-App zurückkehren.</p>' +
  '<p lang="en">Signed in. You can close this tab and return to the smart card app.</p></html>';

function answer(status: string, body: string): Uint8Array {
  const b = new TextEncoder().encode(body);
  const head =
    `HTTP/1.1 ${status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${b.length}\r\n` +
    'Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n';
  return concatBytes(new TextEncoder().encode(head), b);
}

/** Reads up to the end of the request line (the rest of the request is not needed). */
async function requestTarget(r: ReadableStreamDefaultReader<Uint8Array>): Promise<string | undefined> {
  let text = '';
  // Why 8 KiB: a request line with an authorization code and state is well under 2 KiB.
  while (!text.includes('\r\n') && text.length < 8192) {
    const { value, done } = await r.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const m = /^GET (\/\S*) HTTP\/1\.[01]\r\n/.exec(text);
  return m?.[1];
}

/**
 * Opens the listener on 127.0.0.1 (an IP literal, RFC 8252 §8.3: `localhost` may resolve
 * elsewhere) on `port`, or on a port the OS picks.
 */
export async function openLoopback(port?: number): Promise<LoopbackReceiver> {
  const Ctor = (globalThis as { TCPServerSocket?: TcpServerSocketCtor }).TCPServerSocket;
  if (!Ctor) throw new LoopbackUnavailableError('no Direct Sockets (not an Isolated Web App?)');
  let server: TcpServerSocket;
  let opened: Awaited<TcpServerSocket['opened']>;
  try {
    server = port === undefined ? new Ctor('127.0.0.1') : new Ctor('127.0.0.1', { localPort: port });
    opened = await server.opened;
  } catch (e) {
    throw new LoopbackUnavailableError((e as Error)?.message ?? String(e));
  }
  const base = `http://127.0.0.1:${opened.localPort}`;
  const conns = opened.readable.getReader();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void conns.cancel().catch(() => undefined);
    void server.close().catch(() => undefined);
  };
  return {
    base,
    close,
    next: (path, ms) =>
      new Promise<string>((resolve, reject) => {
        // Why a bound: the user may abandon the tab; the listener must not stay open for ever.
        const timer = setTimeout(() => {
          close();
          reject(new SignInTimeoutError());
        }, ms);
        void (async () => {
          while (!closed) {
            const { value: sock, done } = await conns.read().catch(() => ({ value: undefined, done: true }));
            if (done || !sock) break;
            const io = await sock.opened.catch(() => undefined);
            if (!io) continue;
            const target = await requestTarget(io.readable.getReader()).catch(() => undefined);
            const hit = target !== undefined && new URL(target, base).pathname === path;
            const w = io.writable.getWriter();
            await w
              .write(hit ? answer('200 OK', DONE_PAGE) : answer('404 Not Found', ''))
              .catch(() => undefined);
            await w.close().catch(() => undefined);
            if (hit) {
              clearTimeout(timer);
              resolve(base + target);
              return;
            }
          }
          clearTimeout(timer);
          reject(new SignInTimeoutError());
        })();
      }),
  };
}
