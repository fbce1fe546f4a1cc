/**
 * The app shell end to end: the installed shell works offline, deep links load offline, the CM API is
 * never served from the service worker's cache, and nothing violates the CSP.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTrackedPage, startHarness, waitForController, type Harness } from './harness';

const API = '/CertificateManagement/api/v1.0/profiletemplates';

describe('offline app shell', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('is controlled by the service worker, reloads offline and serves deep links offline, without CSP violations', async () => {
    const { context, page, cspViolations } = await newTrackedPage(h);
    const first = await page.goto(h.baseUrl + '/');
    // The zero-violation assertions below mean something only if the strict policy is in force.
    const csp = first!.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /base-uri 'none'/);
    await page.locator('scss-app').waitFor();
    await waitForController(page);

    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      return (await fetch(href)).json();
    });
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.id, '/');

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(
      await page.getByRole('heading', { level: 1 }).textContent(),
      'Ihre Smartcard selbst verwalten',
    );
    // Proof we are really offline: a network request fails.
    assert.equal(
      await page.evaluate(() =>
        fetch('/robots.txt?x=1').then(
          () => 'ok',
          () => 'failed',
        ),
      ),
      'failed',
    );
    // Quirk: Chromium's offline emulation does not carry navigator.onLine over to a new document
    // (the network stays blocked). Toggling again fires the real 'offline' event the indicator uses.
    await context.setOffline(false);
    await context.setOffline(true);
    await page.getByText('Offline – nur gespeicherte Daten').waitFor();

    await page.goto(h.baseUrl + '/cards/some-card-id?tab=certificates');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true);

    assert.deepEqual(cspViolations, []);
    await context.close();
  });

  it('never answers the CM API from the service worker or its caches', async () => {
    const { context, page, cspViolations } = await newTrackedPage(h);
    await page.goto(h.baseUrl + '/');
    await waitForController(page);

    const apiResponses: { url: string; fromSw: boolean }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/CertificateManagement/'))
        apiResponses.push({ url: r.url(), fromSw: r.fromServiceWorker() });
    });
    // Online: the request reaches the network (whatever the server answers), not the worker.
    await page.evaluate((u) => fetch(u).then((r) => r.status), API);
    // A navigation to the API must not get the shell's index.html from the precache either.
    await page.goto(h.baseUrl + API);
    assert.ok(apiResponses.length >= 2, 'API responses were observed');
    assert.deepEqual(
      apiResponses.filter((r) => r.fromSw),
      [],
    );

    // Offline: the worker has nothing to serve, so the request fails instead of returning stale data.
    await page.goto(h.baseUrl + '/');
    await context.setOffline(true);
    const offlineOutcome = await page.evaluate(
      (u) =>
        fetch(u).then(
          () => 'answered',
          () => 'network-error',
        ),
      API,
    );
    assert.equal(offlineOutcome, 'network-error');

    const cachedApiUrls = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
      }
      return urls.filter((u) => u.includes('/CertificateManagement/'));
    });
    assert.deepEqual(cachedApiUrls, []);
    assert.deepEqual(cspViolations, []);
    await context.close();
  });
});
