/**
 * Phone layout: no view may scroll sideways at 320 or 390 CSS px (WCAG 1.4.10 Reflow asks for
 * 320). Every route is opened in the demo (German at both widths, English at 320), then an
 * enrollment is run to its done screen and My cards is measured with a registered card and its
 * certificate. The measure is the page's own: document.scrollingElement.scrollWidth <= innerWidth.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ROUTES } from '../../src/ui/router';
import { newTrackedPage, startHarness, waitForController, type Harness, type TrackedPage } from './harness';

const WIDTHS = [320, 390] as const;

/** The widest element box and the page's scroll width, for a useful failure message. */
async function overflow(page: Page) {
  // No named inner functions here: tsx would wrap them in a `__name` helper the page lacks.
  return page.evaluate(() => {
    const sw = document.scrollingElement!.scrollWidth;
    let widest = '';
    let max = 0;
    const roots: (Document | ShadowRoot)[] = [document];
    while (roots.length) {
      for (const el of roots.pop()!.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > max) {
          max = r.right;
          widest = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${String(el.className || '')} ${Math.round(r.right)}px`;
        }
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return { scrollWidth: sw, innerWidth: window.innerWidth, widest };
  });
}

async function measure(page: Page, where: string, problems: string[]) {
  // Fonts and lazy views settle within a frame or two after the heading appears.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const o = await overflow(page);
  if (o.scrollWidth > o.innerWidth)
    problems.push(`${where}: ${o.scrollWidth} > ${o.innerWidth} (widest: ${o.widest})`);
}

describe('no sideways scrolling on phones', () => {
  let h: Harness;
  let t: TrackedPage;
  before(async () => {
    h = await startHarness();
    t = await newTrackedPage(h);
  });
  after(async () => {
    await t?.context.close();
    await h?.close();
  });

  it('every route, DE at 320 and 390 px, EN at 320 px', async () => {
    const { page } = t;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(h.baseUrl + '/');
    await waitForController(page);
    const problems: string[] = [];
    for (const [locale, widths] of [
      ['de', WIDTHS],
      ['en', [320]],
    ] as const) {
      await page.evaluate((l) => localStorage.setItem('scss.locale', l), locale);
      for (const width of widths) {
        await page.setViewportSize({ width, height: 800 });
        for (const route of ROUTES) {
          await page.goto(h.baseUrl + route);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          if (route === '/') await page.locator('scss-card-panel dd').first().waitFor();
          await measure(page, `${locale} ${width}px ${route}`, problems);
          // Header links may wrap as a whole, never inside a label ("Meine / Karten").
          const split = await page.evaluate(() =>
            [...document.querySelector('scss-app')!.shadowRoot!.querySelectorAll('nav.main a')]
              .filter((a) => {
                const r = document.createRange();
                r.selectNodeContents(a);
                return r.getClientRects().length > 1;
              })
              .map((a) => a.textContent),
          );
          if (split.length)
            problems.push(`${locale} ${width}px ${route}: header labels split: ${split.join(', ')}`);
        }
      }
    }
    await page.evaluate(() => localStorage.setItem('scss.locale', 'de'));
    assert.deepEqual(problems, []);
  });

  it('the enrollment done screen and My cards with a registered card, at 320 and 390 px', async () => {
    const { page } = t;
    const problems: string[] = [];
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(h.baseUrl + '/');
    await page.getByText('nicht registriert').waitFor();
    await page.getByRole('link', { name: 'Karte registrieren' }).click();
    await page.getByRole('button', { name: 'Registrierung beginnen' }).click();
    await page.getByLabel('FIM CM Sample Smart Card Logon Profile Template').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click(); // this template collects no data
    await page.getByRole('button', { name: 'Registrierung starten' }).click();
    await page.getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' }).click();
    await page.getByRole('heading', { name: 'Registrierung abgeschlossen' }).waitFor({ timeout: 60_000 });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await measure(page, `done ${width}px`, problems);
    }
    await page.getByRole('link', { name: 'Meine Karten' }).click();
    await page.getByText('Gültig bis').first().waitFor({ timeout: 20_000 });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await measure(page, `my cards ${width}px`, problems);
    }
    assert.deepEqual(problems, []);
  });
});
