/**
 * Deployment as an administrator does it: a production build for `BASE_PATH=/selfservice/`, served
 * like IIS with the build's own web.config (test/e2e/iis-like-server.ts). A deep link opened on
 * the first visit loads the app (rewrite), assets and manifest come from below the base with the
 * right MIME types, the service worker's scope is the base and sw.js is never cached, in-app links
 * stay below the base, and a browser without a reader route says so in words.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
import { newTrackedPage, waitForController, type Harness } from './harness';
import { startIisLike, type IisLikeServer } from './iis-like-server';

const BASE = '/selfservice/';

describe('subdirectory deployment behind the shipped web.config', () => {
  let out: string;
  let server: IisLikeServer;
  let browser: Browser;
  let app: string;

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'scss-deploy-'));
    // vite.config.ts reads BASE_PATH when it is loaded, as `BASE_PATH=/selfservice/ npm run build` does.
    process.env.BASE_PATH = BASE;
    try {
      await build({ mode: 'production', logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    } finally {
      delete process.env.BASE_PATH;
    }
    server = await startIisLike(out, BASE);
    app = server.origin + BASE;
    // Why 60 s: a cold Chromium on a busy 2-core CI machine may take several seconds.
    browser = await chromium.launch({
      executablePath: findChrome(),
      args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')),
      headless: true,
      timeout: 60_000,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const harness = () => ({ browser, baseUrl: server.origin }) as unknown as Harness;

  it('opens a deep link on the first visit, with CSP, assets below the base and no 404', async () => {
    const { context, page, cspViolations } = await newTrackedPage(harness());
    const res = await page.goto(app + 'cards');
    assert.equal(res!.status(), 200);
    assert.match(res!.headers()['content-security-policy'] ?? '', /script-src 'self'(;|$)/);
    await page.getByRole('heading', { level: 1, name: 'Meine Karten und Zertifikate' }).waitFor();
    const missing = server.log.filter(
      (l) => l.startsWith('404') && !l.includes('/CertificateManagement/') && !l.endsWith('/config.json'),
    );
    assert.deepEqual(missing, []);
    assert.ok(
      server.log.some((l) => /^200 \/selfservice\/assets\/.+\.js$/.test(l)),
      'assets came from below the base',
    );
    assert.deepEqual(cspViolations, []);
    await context.close();
  });

  it('serves the manifest as application/manifest+json with start URL and scope at the base; web.config stays private', async () => {
    const { context, page } = await newTrackedPage(harness());
    await page.goto(app);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    assert.equal(href, BASE + 'manifest.webmanifest');
    const r = await page.request.get(server.origin + href);
    assert.equal(r.headers()['content-type'], 'application/manifest+json');
    const m = (await r.json()) as { start_url: string; scope: string; id: string };
    assert.deepEqual([m.start_url, m.scope, m.id], [BASE, BASE, BASE]);
    assert.equal((await page.request.get(app + 'web.config')).status(), 404);
    await context.close();
  });

  it('registers the service worker for the base, never cached, and serves deep links offline', async () => {
    const { context, page, cspViolations } = await newTrackedPage(harness());
    await page.goto(app);
    await waitForController(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
    assert.equal(scope, app);
    const sw = await page.request.get(app + 'sw.js');
    assert.equal(sw.headers()['cache-control'], 'no-cache');
    await context.setOffline(true);
    await page.goto(app + 'diagnostics');
    await page.getByRole('heading', { level: 1, name: 'Diagnose' }).waitFor();
    await context.setOffline(false);
    assert.deepEqual(cspViolations, []);
    await context.close();
  });

  it('keeps in-app links below the base, and says plainly that this browser has no reader route', async () => {
    const { context, page } = await newTrackedPage(harness());
    await page.goto(app);
    await page.getByText('Von diesem Computer aus kann die App Ihre Karte nicht lesen.').waitFor();
    await page.getByText('Kartenbrücke').first().waitFor();
    assert.equal(await page.getByText('Bitte stecken Sie Ihre Karte ein').count(), 0);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Einstellungen' }).waitFor();
    assert.equal(new URL(page.url()).pathname, BASE + 'settings');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Einstellungen' }).waitFor();
    await context.close();
  });
});
