/**
 * The built app as an administrator would host it with a CM in AD FS mode: `dist/` with SPA
 * fallback, the CM API on the same origin (the emulator, validating bearer tokens), a
 * `/config.json` choosing the sign-in, and the production CSP with the identity provider added to
 * `connect-src` (discovery, token and JWKS calls go there).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { contentSecurityPolicy } from '../../build/csp';
import { createEmulator, type Emulator } from '../../emulator/core';
import { emulatorMiddleware } from '../../emulator/node';
import type { EmulatorOptions } from '../../emulator/options';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
  '.svg': 'image/svg+xml',
};

export interface AppServer {
  origin: string;
  emu: Emulator;
  /** Replaces the served config.json. */
  setConfig(c: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** Listens first (the origin goes into the IdP's redirect URIs), the emulator options come later. */
export async function startAppServer(): Promise<
  AppServer & { mount(emu: Partial<EmulatorOptions>, connect: string[]): void }
> {
  let config: Record<string, unknown> = {};
  let cm: ReturnType<typeof emulatorMiddleware> | undefined;
  let emu: Emulator | undefined;
  let csp = contentSecurityPolicy('preview');
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (/^\/certificatemanagement\/api\//i.test(path) && cm) return cm(req, res);
    res.setHeader('Content-Security-Policy', csp);
    if (path === '/config.json')
      return void res
        .writeHead(200, { 'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store' })
        .end(JSON.stringify(config));
    let file = join('dist', path === '/' ? 'index.html' : path);
    // SPA fallback: app routes (/enroll, /auth/callback) serve index.html, like IIS URL rewrite would.
    if (path.includes('..') || !existsSync(file) || statSync(file).isDirectory()) {
      if (extname(path)) return void res.writeHead(404).end();
      file = join('dist', 'index.html');
    }
    res
      .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    get emu() {
      if (!emu) throw new Error('emulator not mounted');
      return emu;
    },
    mount(opts, connect) {
      emu = createEmulator({ log: () => undefined, ...opts });
      cm = emulatorMiddleware(emu);
      csp = csp.replace("connect-src 'self'", `connect-src 'self' ${connect.join(' ')}`);
    },
    setConfig: (c) => void (config = c),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
