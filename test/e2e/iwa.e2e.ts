/**
 * DEMO-MODE IWA: the demo build (`vite build --mode demo`, simulator included — `npm run test:e2e`
 * builds it into dist/) served as an Isolated Web App, because headless Linux has no card reader
 * and the flows below need the simulator. The production IWA (`npm run build:iwa`) has no simulator;
 * production-build.e2e.ts proves that.
 *
 * The built demo app as an Isolated Web App in headless Linux Chromium, by the recipe
 * in docs/architecture.md "Test tiers": a dev-proxy IWA installed with CDP `PWA.install`
 * over the pipe (Playwright's launch transport), launched with `PWA.launch`. Asserts the isolated
 * context (`isolated-app:`, cross-origin isolated, `navigator.smartCard` present — never calling
 * `establishContext`, which kills the renderer on Linux), zero CSP and Trusted Types violations under
 * the IWA's enforced policy, and the demo's enroll + server-proposed PIN flow on the simulator.
 *
 * An isolated-app:// origin may only GET its own resources (the dev proxy answers other methods
 * with 405), so the CM emulator runs on its own https origin (self-signed, CORS for the app) and
 * the proxy serves a /config.json pointing there — as a real deployment would configure the IWA.
 * Nothing may hang: every CDP call is bounded, and a renderer crash fails the test at once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { findChrome } from '../../scripts/find-chrome.mjs';
import { iwaManifest } from '../../build/iwa-manifest';
import { createEmulator } from '../../emulator/core';
import { emulatorMiddleware } from '../../emulator/node';
import { selfSignedLocalhost } from './self-signed';

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
function devProxyId(): string {
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

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

/** Bounds a promise; a renderer crash (if `crashed` is given) fails it at once. */
function bounded<T>(p: Promise<T>, ms: number, what: string, crashed?: Promise<never>): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>(
    (_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms)),
  );
  return Promise.race([p, timeout, ...(crashed ? [crashed] : [])]).finally(() => clearTimeout(t));
}

describe('the DEMO build (with simulator) as an Isolated Web App (dev proxy, headless Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iwa-e2e-'));
  const id = devProxyId();
  let cm: Server, proxy: Server, context: BrowserContext, cdp: CDPSession, page: Page;
  let crashed: Promise<never>;
  const violations: string[] = [];

  before(async () => {
    // A throw-away certificate for the CM origin; Chromium is told to accept it (test only).
    const tls = await selfSignedLocalhost();
    const emu = createEmulator({ cors: 'full', corsOrigins: [`isolated-app://${id}`], log: () => undefined });
    cm = createHttps({ key: tls.key, cert: tls.cert }, emulatorMiddleware(emu));
    const cmPort = await listen(cm);
    const manifest = JSON.stringify(iwaManifest('0.1.0'));
    const config = JSON.stringify({
      cmBaseUrl: `https://127.0.0.1:${cmPort}/CertificateManagement/api/v1.0`,
    });
    proxy = createHttp((req, res) => {
      let path = (req.url ?? '/').split('?')[0]!;
      if (path === '/.well-known/manifest.webmanifest' || path === '/manifest.webmanifest')
        return void res.writeHead(200, { 'Content-Type': TYPES['.webmanifest'] }).end(manifest);
      if (path === '/config.json')
        return void res.writeHead(200, { 'Content-Type': TYPES['.json'] }).end(config);
      if (path === '/') path = '/index.html';
      const file = join('dist', path);
      if (path.includes('..') || !existsSync(file) || statSync(file).isDirectory())
        return void res.writeHead(404).end();
      res
        .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file));
    });
    const proxyPort = await listen(proxy);

    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: findChrome(),
      headless: true,
      ignoreHTTPSErrors: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--ignore-certificate-errors',
        '--enable-features=IsolatedWebApps,IsolatedWebAppDevMode,SmartCard',
      ],
      timeout: 60_000, // why: a cold Chromium on a loaded 2-core CI machine can take several seconds
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`[csp-violation] ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      );
    });
    cdp = await context.browser()!.newBrowserCDPSession();
    const manifestId = `isolated-app://${id}/`;
    // Why 45 s / 5 s: install fetches manifest + icons through the proxy (0.5–1 s measured idle, over
    // 20 s seen with a load average of 19 on 2 cores); launch is ~0.1 s.
    await bounded(
      cdp.send('PWA.install', { manifestId, installUrlOrBundleUrl: `http://127.0.0.1:${proxyPort}/` }),
      45_000,
      'PWA.install',
    );
    const opened = context.waitForEvent('page', { timeout: 10_000 });
    await bounded(cdp.send('PWA.launch', { manifestId }), 5000, 'PWA.launch');
    page = await opened;
    page.setDefaultTimeout(15_000);
    crashed = new Promise<never>((_, reject) =>
      page.on('crash', () => reject(new Error('the app renderer crashed'))),
    );
    crashed.catch(() => undefined);
    page.on('console', (m) => {
      if (
        /csp-violation|Content Security Policy|Trusted ?Type|TrustedHTML|TrustedScript|Refused to/i.test(
          m.text(),
        )
      )
        violations.push(m.text());
    });
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    await new Promise((r) => proxy?.close(r));
    cm?.closeAllConnections?.();
    await new Promise((r) => cm?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs isolated: isolated-app origin, cross-origin isolated, navigator.smartCard present (not called)', async () => {
    await bounded(page.waitForLoadState('load'), 15_000, 'app load', crashed);
    const env = await bounded(
      page.evaluate(() => ({
        protocol: location.protocol,
        host: location.host,
        coi: crossOriginIsolated,
        smartCard: 'smartCard' in navigator,
        establish: typeof (navigator as Navigator & { smartCard?: { establishContext?: unknown } }).smartCard
          ?.establishContext,
        tt: typeof (globalThis as { trustedTypes?: unknown }).trustedTypes,
      })),
      5000,
      'evaluate',
      crashed,
    );
    assert.deepEqual(env, {
      protocol: 'isolated-app:',
      host: id,
      coi: true,
      smartCard: true,
      establish: 'function',
      tt: 'object',
    });
  });

  it('offers Web Smart Card first in the chooser, enabled (the simulator last: demo build)', async () => {
    const chooser = page.locator('scss-reader-chooser input[type=radio]');
    await bounded(chooser.first().waitFor(), 15_000, 'chooser', crashed);
    assert.deepEqual(
      await chooser.evaluateAll((els) =>
        els.map((e) => `${(e as HTMLInputElement).value}:${(e as HTMLInputElement).disabled}`),
      ),
      ['web-smart-card:false', 'card-bridge:false', 'webusb:false', 'simulator:false'],
    );
  });

  it('enrolls the demo card and gets the server-proposed PIN there, with the simulator', async () => {
    // On failure, say where the UI stood (the aria tree pierces the shadow roots).
    const step = <T>(p: Promise<T>, what: string) =>
      bounded(p, 20_000, what, crashed).catch(async (e: unknown) => {
        const tree = await page
          .locator('main')
          .ariaSnapshot({ timeout: 2000 })
          .catch(() => '(no snapshot)');
        throw new Error(`${what}: ${String(e)}\n${tree}`);
      });
    await step(page.getByText('GIDS (Windows-Smartcard)').waitFor(), 'simulator card');
    await step(page.getByRole('link', { name: 'Karte registrieren' }).click(), 'enroll link');
    await step(page.getByRole('button', { name: 'Registrierung beginnen' }).click(), 'enroll start');
    await step(page.getByLabel('FIM CM Sample Smart Card Logon Profile Template').check(), 'template');
    await step(page.getByRole('button', { name: 'Weiter' }).click(), 'next 1');
    await step(page.getByRole('button', { name: 'Weiter' }).click(), 'next 2');
    await step(page.getByRole('button', { name: 'Registrierung starten' }).click(), 'enroll go');
    await step(
      page.getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' }).click(),
      'confirm',
    );
    // Either ending of the enroll view: certificates pending, or already issued and on the card.
    await step(
      page
        .getByRole('heading', { name: /PIN gesetzt – Zertifikate folgen|Registrierung abgeschlossen/ })
        .waitFor(),
      'enrolled',
    );
    await step(page.getByRole('link', { name: 'Start', exact: true }).click(), 'home');
    await step(page.getByRole('link', { name: 'Vorgeschlagene PIN abrufen' }).click(), 'pin link');
    await step(page.getByRole('button', { name: 'Meine PIN abholen' }).click(), 'fetch pin');
    await step(page.getByRole('button', { name: 'PIN anzeigen' }).click(), 'show pin');
    const shown = (await step(page.locator('scss-pin-display .pin').textContent(), 'pin text'))!.replace(
      /\s+/g,
      '',
    );
    assert.match(shown, /^\d{8}$/);
    await step(page.getByRole('button', { name: 'PIN auf die Karte schreiben' }).click(), 'write pin');
    await step(page.getByRole('heading', { name: 'Fertig' }).waitFor(), 'done');
  });

  it('saw no CSP or Trusted Types violation (the service worker URL goes through the scss-sw-url policy)', () => {
    assert.deepEqual(violations, []);
  });
});
