/**
 * Every stable error code in every table of src/error-codes/ has its own German text and its
 * English translation in src/ui/i18n/error-text*.ts: not the generic "unexpected error" text, and
 * in English not the German source left untranslated.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODE_TABLES } from '../../../src/error-codes';
import { errorText } from '../../../src/ui/i18n/error-text';
import { setAppLocale } from '../../../src/ui/i18n/locale';

// The app's own localisation setup (runtime mode): @lit/localize announces a switch with a window
// event, and the app sets <html lang>; a bare event target and element stand in for both here.
vi.stubGlobal('window', new EventTarget());
vi.stubGlobal('document', { documentElement: {} });
const setLocale = setAppLocale;

const ALL = Object.values(ERROR_CODE_TABLES).flat();
const textsIn = async (locale: 'de' | 'en') => {
  await setLocale(locale);
  return new Map(ALL.map((code) => [code, errorText({ code, data: {} })]));
};

describe('German and English text for every error code', () => {
  let de: Map<string, { what: string; next: string }>;
  let en: Map<string, { what: string; next: string }>;
  beforeAll(async () => {
    de = await textsIn('de');
    en = await textsIn('en');
  });

  it('walks every table (the walk itself works)', () => {
    expect(Object.keys(ERROR_CODE_TABLES).length).toBeGreaterThanOrEqual(15);
    expect(ALL.length).toBeGreaterThan(150);
    expect(new Set(ALL).size).toBe(ALL.length); // no code in two tables
    expect(errorText({ code: 'nonsense/never' }).what).toMatch(/^(Unerwarteter Fehler|Unexpected error)/);
  });

  it('German: no code falls back to the generic text', () => {
    expect(ALL.filter((c) => de.get(c)!.what.startsWith('Unerwarteter Fehler'))).toEqual([]);
  });

  it('English: no code falls back to the generic text, and every text is translated', () => {
    expect(ALL.filter((c) => en.get(c)!.what.startsWith('Unexpected error'))).toEqual([]);
    const untranslated = ALL.filter(
      (c) => en.get(c)!.what === de.get(c)!.what || en.get(c)!.next === de.get(c)!.next,
    );
    expect(untranslated).toEqual([]);
  });
});
