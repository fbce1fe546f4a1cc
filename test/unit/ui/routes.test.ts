/**
 * Walks the route table (src/ui/routes.ts), the one place that says which views exist: every
 * entry loads a module that defines its custom element, has a German and an English title (and
 * menu label, where the menu lists it), and paths and tags are unique. Lit's Node build provides
 * `customElements` (its SSR DOM shim), so the views' modules load here as they do in the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_TABLE, ROUTES, documentTitle, type ViewRoute } from '../../../src/ui/routes';
import { templates } from '../../../src/ui/i18n/en';
import { setAppLocale } from '../../../src/ui/i18n/locale';

const table: readonly ViewRoute[] = ROUTE_TABLE;
const english = new Set(Object.values(templates).filter((t): t is string => typeof t === 'string'));

/** Title and menu label of every entry in the current language. */
const texts = () => table.map((r) => ({ path: r.path, title: r.title(), nav: r.nav?.() }));

describe('route table', () => {
  beforeAll(() => {
    // setAppLocale sets <html lang> and @lit/localize announces the switch on window; Node has
    // neither, these stand in for the root element and for window as an event target.
    const g = globalThis as { document?: unknown; window?: unknown };
    g.document ??= { documentElement: {} };
    g.window ??= new EventTarget();
  });
  afterAll(() => setAppLocale('de'));

  it('has unique paths and tags, each path below the base', () => {
    expect(new Set(ROUTES).size).toBe(table.length);
    expect(new Set(table.map((r) => r.tag)).size).toBe(table.length);
    for (const r of table) expect(r.path).toMatch(/^\/[a-z-]*$/);
  });

  it('loads, for every entry, a module that defines the entry’s custom element', async () => {
    const undefinedTags: string[] = [];
    for (const r of table) {
      await r.load();
      if (typeof customElements.get(r.tag) !== 'function') undefinedTags.push(`${r.path} → ${r.tag}`);
    }
    expect(undefinedTags).toEqual([]);
  });

  it('has a German and an English title and menu label for every entry', async () => {
    await setAppLocale('de');
    const de = texts();
    await setAppLocale('en');
    const en = texts();
    const missing: string[] = [];
    de.forEach((d, i) => {
      const e = en[i]!;
      if (d.title.trim() === '') missing.push(`${d.path}: German title`);
      // Without an English template msg() falls back to the German source text.
      if (e.title === d.title || !english.has(e.title)) missing.push(`${d.path}: English title`);
      if (d.nav !== undefined && (d.nav.trim() === '' || e.nav === d.nav || !english.has(e.nav!)))
        missing.push(`${d.path}: menu label`);
    });
    expect(missing).toEqual([]);
    expect(documentTitle('/settings')).toBe('Settings – Smartcard Self-Service');
  });

  it('lists home, cards, settings and diagnostics in the main menu, in this order', () => {
    expect(table.filter((r) => r.nav).map((r) => r.path)).toEqual([
      '/',
      '/cards',
      '/settings',
      '/diagnostics',
    ]);
  });
});
