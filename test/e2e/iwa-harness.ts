/**
 * The built demo app (`dist/`) as a dev-proxy Isolated Web App in headless Chromium: a proxy on a
 * loopback port serves the files, the IWA manifest and a `/config.json`; the IWA is installed with
 * CDP `PWA.install` over the pipe and launched with `PWA.launch`. Every CDP call is bounded and a
 * renderer crash fails the waiting call at once. Shared by the IWA e2e files.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttp, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { findChrome } from '../../scripts/find-chrome.mjs';
import { iwaManifest } from '../../build/iwa-manifest';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
};

/** Dev-proxy id: base32 of 32 random bytes + 00 00 02 (the proxy key type), 56 chars ending "aac". */
export function devProxyId(): string {
  const bytes = Buffer.concat([randomBytes(32), Buffer.from([0, 0, 2])]);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0,
    value = 0,
    out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) out += alphabet[(value >>> (bits -= 5)) & 31];
  }
  return bits ? out + alphabet[(value << (5 - bits)) & 31] : out;
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

/** Bounds a promise; a renderer crash (if `crashed` is given) fails it at once. */
export function bounded<T>(p: Promise<T>, ms: number, what: string, crashed?: Promise<never>): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>(
    (_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms)),
  );
  return Promise.race([p, timeout, ...(crashed ? [crashed] : [])]).finally(() => clearTimeout(t));
}

export interface IwaRun {
  id: string;
  origin: string;
  context: BrowserContext;
  cdp: CDPSession;
  page: Page;
  crashed: Promise<never>;
  close(): Promise<void>;
}

/**
 * Installs and launches `dist/` as the IWA `isolated-app://<id>/`; `config(origin)` is served as
 * `/config.json`, `id` may be chosen first (so an IdP can register the redirect URI beforehand).
 */
export async function launchIwa(opts: {
  id?: string;
  config: (origin: string) => Record<string, unknown>;
  manifest?: Record<string, unknown>;
  /** Extra Chromium switches. */
  args?: string[];
}): Promise<IwaRun> {
  const dir = mkdtempSync(join(tmpdir(), 'iwa-e2e-'));
  const id = opts.id ?? devProxyId();
  const origin = `isolated-app://${id}`;
  const manifest = JSON.stringify({ ...iwaManifest('0.1.0'), ...opts.manifest });
  const config = JSON.stringify(opts.config(origin));
  const proxy = createHttp((req, res) => {
    let path = (req.url ?? '/').split('?')[0]!;
    if (path === '/.well-known/manifest.webmanifest' || path === '/manifest.webmanifest')
      return void res.writeHead(200, { 'Content-Type': TYPES['.webmanifest'] }).end(manifest);
    if (path === '/config.json')
      return void res.writeHead(200, { 'Content-Type': TYPES['.json'] }).end(config);
    if (path === '/' || !extname(path)) path = '/index.html'; // SPA fallback (app routes such as /auth/callback)
    const file = join('dist', path);
    if (path.includes('..') || !existsSync(file) || statSync(file).isDirectory())
      return void res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  const proxyPort = await listen(proxy);
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: findChrome(),
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--ignore-certificate-errors',
      '--enable-features=IsolatedWebApps,IsolatedWebAppDevMode,SmartCard',
      ...(opts.args ?? []),
    ],
    timeout: 60_000, // why: a cold Chromium on a loaded 2-core CI machine can take several seconds
  });
  const cdp = await context.browser()!.newBrowserCDPSession();
  const manifestId = `${origin}/`;
  // Why 45 s / 5 s: install fetches manifest + icons through the proxy (0.5–1 s measured idle, over
  // 20 s seen with a load average of 19 on 2 cores); launch is ~0.1 s.
  await bounded(
    cdp.send('PWA.install', { manifestId, installUrlOrBundleUrl: `http://127.0.0.1:${proxyPort}/` }),
    45_000,
    'PWA.install',
  );
  const opened = context.waitForEvent('page', { timeout: 10_000 });
  await bounded(cdp.send('PWA.launch', { manifestId }), 5000, 'PWA.launch');
  const page = await opened;
  page.setDefaultTimeout(15_000);
  const crashed = new Promise<never>((_, reject) =>
    page.on('crash', () => reject(new Error('the app renderer crashed'))),
  );
  crashed.catch(() => undefined);
  return {
    id,
    origin,
    context,
    cdp,
    page,
    crashed,
    close: async () => {
      await context.close().catch(() => undefined);
      await new Promise((r) => proxy.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
