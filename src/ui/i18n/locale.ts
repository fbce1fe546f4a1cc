/**
 * Localization with @lit/localize in runtime mode (switch without reload). German is the source
 * locale (MIM CM ships German; the seed documents are German); English is loaded lazily.
 * Message ids are explicit (`msg('…', { id })`) so translations survive wording changes.
 *
 * The chosen locale is a preference, not a secret; it is kept in localStorage so the first paint
 * is already in the right language (IndexedDB is async and would flash German first).
 */
import { configureLocalization } from '@lit/localize';

export const SOURCE_LOCALE = 'de';
export const TARGET_LOCALES = ['en'] as const;
export type AppLocale = 'de' | 'en';

const STORAGE_KEY = 'scss.locale';

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: () => import('./en'),
});

export { getLocale };

/** Switches the UI language; `<html lang>` follows so screen readers switch voice (WCAG 3.1.1). */
export async function setAppLocale(locale: AppLocale): Promise<void> {
  await setLocale(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be disabled by policy; the switch still works for this session.
  }
}

/** The stored choice, else German (the product default), never the browser guess. */
export function initialLocale(): AppLocale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'de' || stored === 'en') return stored;
  } catch {
    // Storage disabled: fall through to the default.
  }
  return 'de';
}
