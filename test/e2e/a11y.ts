/**
 * axe-core in the real built app. The source is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, so the strict policy stays on and the violation count stays honest.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA rule violations on the current page (ids with their first target), [] when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id} @ ${JSON.stringify(v.nodes[0]?.target)}`);
}

/** The focused element through shadow roots: its tag and trimmed text. */
export async function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${(el.textContent ?? '').replace(/\s+/g, ' ').trim()}` : '';
  });
}

/** Presses Tab until the focused element's text equals `label` (keyboard-only navigation). */
export async function tabTo(page: Page, label: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await deepFocus(page)).endsWith(`:${label}`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${label}" was not reached with ${max} Tab presses (focus: ${await deepFocus(page)})`);
}

/** Waits until the focused element (through shadow roots) matches `pattern`; the UI moves focus after rendering. */
export async function waitForFocus(page: Page, pattern: RegExp, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < end) {
    seen = await deepFocus(page);
    if (pattern.test(seen)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`focus never matched ${pattern} (last: "${seen}")`);
}
