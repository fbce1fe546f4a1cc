/**
 * node:http glue: turns the fetch-style `Emulator.handle` into a request listener / Connect
 * middleware. node:http rather than a framework: the emulator needs ~30 fixed routes, exact
 * control of status codes, header casing and raw JSON bodies, and must also run as Vite middleware
 * and in-process from tests — a framework would add a dependency (none is installed) and its own
 * conventions (body parsing, 404 pages, CORS) that we would have to undo to stay faithful to IIS.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Emulator } from './core';

/** Largest accepted body (CSR batches are a few KB; this bounds memory per request). */
const MAX_BODY = 1 << 20;

/** Reads the node request into a WHATWG Request (body capped at 1 MiB → 413). */
async function toRequest(req: IncomingMessage): Promise<Request | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > MAX_BODY) return 'too-large';
      chunks.push(c);
    }
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (:method, :path, … RFC 9113 §8.3) are not header fields; Vite's https preview is HTTP/2.
    if (v !== undefined && !k.startsWith(':')) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  return new Request(url, {
    method: req.method,
    headers,
    ...(chunks.length && { body: Buffer.concat(chunks) }),
  });
}

/** Writes a WHATWG Response to the node response (multi-value headers such as WWW-Authenticate kept). */
async function send(res: Response, out: ServerResponse): Promise<void> {
  const grouped = new Map<string, string[]>();
  res.headers.forEach((v, k) => {
    if (k === 'www-authenticate') grouped.set(k, v.split(/,\s*(?=[A-Za-z]+(?:\s|$))/));
    else grouped.set(k, [v]);
  });
  for (const [k, v] of grouped) out.setHeader(k, v.length === 1 ? v[0]! : v);
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length) out.setHeader('Content-Length', body.length);
  out.writeHead(res.status);
  out.end(body);
}

/** Connect-style middleware: answers CM API paths and the demo help-desk page, passes everything else to `next`. */
export function emulatorMiddleware(emu: Emulator) {
  return (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void => {
    if (
      !/^\/certificatemanagement\/(?:api\/v1\.0|helpdesk\/offline-unblock)(?:[/?]|$)/i.test(req.url ?? '')
    ) {
      if (next) return next();
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const r = await toRequest(req);
      if (r === 'too-large') {
        res.writeHead(413, { Connection: 'close' }).end();
        return;
      }
      await send(await emu.handle(r), res);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end();
      emu.options.log(`[node adapter] ${String(e)}`);
    });
  };
}

/** Starts a standalone server on `port` (0 = any free port); resolves once listening. */
export function listen(emu: Emulator, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(emulatorMiddleware(emu));
  // Why: a half-open client must not pin a socket forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
