#!/usr/bin/env node
// ChromeOS-only: drives the real Web Smart Card API of the app installed as an IWA through the CDP
// `SmartCardEmulation` domain (Chrome >= 146.0.7667.0), answering each request by the table in
// docs/architecture.md "Test tiers" with a virtual GIDS card behind it. Not part of
// `npm test`: on Linux/Windows/macOS Chromium the domain has no handler ("wasn't found") and
// establishContext() kills the renderer, so this script prints why and exits 0 (skipped).
//
// Usage on a ChromeOS test device (or a target_os="chromeos" build), from the repo root, after
// `npm run build:demo`:  node test/e2e/chromeos-smart-card-emulation.mjs
// Env: CHROME_PATH (browser binary), CHROME_ARGS (extra flags, e.g. the demo's
// "--enable-devtools-pwa-handler --system-developer-mode" which are ChromeOS switches).
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { register } from 'tsx/esm/api';
import { chromium } from 'playwright-core';
import { findChrome } from '../../scripts/find-chrome.mjs';

register();
const { iwaManifest } = await import('../../build/iwa-manifest.ts');
const { VirtualGidsCard } = await import('../../src/sim/gids-card.ts');

const bound = (p, ms, what) =>
  Promise.race([
    p,
    new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms`)), ms)),
  ]);
const b64 = (u8) => Buffer.from(u8).toString('base64');
class Skip extends Error {}

const id = (() => {
  const bytes = Buffer.concat([randomBytes(32), Buffer.from([0, 0, 2])]);
  const a = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0,
    v = 0,
    s = '';
  for (const x of bytes) {
    v = (v << 8) | x;
    bits += 8;
    while (bits >= 5) s += a[(v >>> (bits -= 5)) & 31];
  }
  return bits ? s + a[(v << (5 - bits)) & 31] : s;
})();
const manifest = JSON.stringify(iwaManifest('0.1.0'));
const server = createServer((req, res) => {
  let p = (req.url ?? '/').split('?')[0];
  if (p.endsWith('manifest.webmanifest'))
    return void res.writeHead(200, { 'Content-Type': 'application/manifest+json' }).end(manifest);
  if (p === '/') p = '/index.html';
  const f = join('dist', p);
  if (p.includes('..') || !existsSync(f) || statSync(f).isDirectory()) return void res.writeHead(404).end();
  const type =
    { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' }[extname(f)] ??
    'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type }).end(readFileSync(f));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cros-')), {
  executablePath: process.env.CHROME_PATH ?? findChrome(),
  headless: true,
  args: [
    '--no-sandbox',
    '--enable-features=IsolatedWebApps,IsolatedWebAppDevMode,SmartCard',
    ...(process.env.CHROME_ARGS ?? '').split(' ').filter(Boolean),
  ],
  timeout: 60_000,
});
try {
  const browserCdp = await context.browser().newBrowserCDPSession();
  const manifestId = `isolated-app://${id}/`;
  await bound(
    browserCdp.send('PWA.install', {
      manifestId,
      installUrlOrBundleUrl: `http://127.0.0.1:${server.address().port}/`,
    }),
    20_000,
    'PWA.install',
  );
  const opened = context.waitForEvent('page', { timeout: 10_000 });
  await bound(browserCdp.send('PWA.launch', { manifestId }), 5000, 'PWA.launch');
  const page = await opened;
  const cdp = await context.newCDPSession(page);
  try {
    await bound(cdp.send('SmartCardEmulation.enable'), 5000, 'SmartCardEmulation.enable');
  } catch (e) {
    throw new Skip(
      `this browser has no SmartCardEmulation handler (${e.message}); it exists on ChromeOS only`,
    );
  }
  // The virtual PC/SC world: one reader holding a GIDS card; APDUs go to the card itself.
  const card = new VirtualGidsCard({ pin: '1234' });
  const reader = 'Virtual Reader 0';
  const on = (event, handler) =>
    cdp.on(
      `SmartCardEmulation.${event}`,
      (p) => void Promise.resolve(handler(p)).catch((e) => console.error(event, e)),
    );
  const reply = (method, params) => bound(cdp.send(`SmartCardEmulation.${method}`, params), 5000, method);
  on('establishContextRequested', ({ requestId }) =>
    reply('reportEstablishContextResult', { requestId, contextId: 1 }),
  );
  on('releaseContextRequested', ({ requestId }) => reply('reportReleaseContextResult', { requestId }));
  on('listReadersRequested', ({ requestId }) =>
    reply('reportListReadersResult', { requestId, readers: [reader] }),
  );
  on('getStatusChangeRequested', ({ requestId, readerStates }) =>
    reply('reportGetStatusChangeResult', {
      requestId,
      readerStates: readerStates.map((s) => ({
        reader: s.reader,
        eventState: { present: true, changed: !s.currentState?.present },
        eventCount: 1,
        atr: b64(card.atr),
      })),
    }),
  );
  on('connectRequested', ({ requestId }) =>
    reply('reportConnectResult', { requestId, handle: 7, activeProtocol: 't1' }),
  );
  on('statusRequested', ({ requestId }) =>
    reply('reportStatusResult', {
      requestId,
      readerName: reader,
      state: 'specific',
      atr: b64(card.atr),
      protocol: 't1',
    }),
  );
  on('transmitRequested', async ({ requestId, data }) =>
    reply('reportDataResult', { requestId, data: b64(await card.process(Buffer.from(data, 'base64'))) }),
  );
  on('beginTransactionRequested', ({ requestId }) =>
    reply('reportBeginTransactionResult', { requestId, handle: 7 }),
  );
  for (const ev of [
    'disconnectRequested',
    'cancelRequested',
    'setAttribRequested',
    'endTransactionRequested',
  ])
    on(ev, ({ requestId }) => reply('reportPlainResult', { requestId }));
  for (const ev of ['controlRequested', 'getAttribRequested'])
    on(ev, ({ requestId }) => reply('reportError', { requestId, resultCode: 'unsupported-feature' }));

  // Choose the Web Smart Card route in the UI and wait for the card to be identified.
  const crashed = new Promise((_, rej) => page.on('crash', () => rej(new Error('the app renderer crashed'))));
  await Promise.race([
    crashed,
    page.getByRole('radio', { name: /Web Smart Card/ }).check({ timeout: 15_000 }),
  ]);
  // The demo starts on the simulator (also a GIDS card), so wait for the emulated reader's name first.
  await Promise.race([crashed, page.getByText(reader).first().waitFor({ timeout: 30_000 })]);
  await Promise.race([crashed, page.getByText('GIDS (Windows-Smartcard)').waitFor({ timeout: 30_000 })]);
  console.info(
    '[chromeos-emulation] OK: the app identified the emulated GIDS card through navigator.smartCard',
  );
} catch (e) {
  if (!(e instanceof Skip)) throw e;
  console.info(`[chromeos-emulation] SKIPPED: ${e.message}`);
} finally {
  await context.close();
  server.close();
}
