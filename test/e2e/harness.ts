/**
 * E2E harness: serves the built app with `vite preview` (same plugins as `npm start`, so the CSP
 * headers and, once mounted, the CM emulator are there) and drives the system Chromium through
 * playwright-core. Every page records CSP violations, which tests assert to be zero.
 */
import { preview, type PreviewServer } from 'vite';

import '../../scripts/vite-env.mjs'; // Vite's warning switch, set in one place
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

export interface Harness {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  // localhost (not 127.0.0.1) is a secure context name Chromium treats as potentially trustworthy
  // for service workers either way; we keep the IP the server bound to.
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: findChrome(),
    args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')),
    headless: true,
    // Why: a cold Chromium on a busy 2-core CI machine may take several seconds.
    timeout: 60_000,
  });
  return {
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface TrackedPage {
  context: BrowserContext;
  page: Page;
  /** CSP violations seen so far: securitypolicyviolation events and console reports. */
  cspViolations: string[];
}

/** A fresh context (own service workers, caches, storage) with CSP violation tracking. */
export async function newTrackedPage(h: Harness): Promise<TrackedPage> {
  const context = await h.browser.newContext();
  const cspViolations: string[] = [];
  await context.exposeBinding('__reportCsp', (_src, text: string) => void cspViolations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text()))
      cspViolations.push(m.text());
  });
  return { context, page, cspViolations };
}

/** Waits until a service worker controls the page (first visit installs it; a reload makes it control). */
export async function waitForController(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  }
}
