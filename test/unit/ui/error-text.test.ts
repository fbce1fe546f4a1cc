import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText, setSupportContact } from '../../../src/ui/i18n/error-text';

/** Every `'<family>/…'` code a layer can throw, read from its sources. */
function codesIn(dir: string, family: string): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) continue;
    for (const m of readFileSync(p, 'utf8').matchAll(new RegExp(`'(${family}/[a-z-]+)'`, 'g')))
      out.add(m[1]!);
  }
  return out;
}
const flowCodes = () => codesIn('src/flows', 'flow');

describe('errorText', () => {
  it('has a specific text with a next step for every flow error code', () => {
    const codes = flowCodes();
    expect(codes.size).toBeGreaterThan(15);
    const generic = [...codes].filter((code) => errorText({ code }).what.startsWith('Unerwarteter Fehler'));
    expect(generic).toEqual([]);
  });

  it('has a specific text for every transport error code a user can meet', () => {
    const codes = codesIn('src/transport', 'transport');
    expect(codes.size).toBeGreaterThan(8);
    expect([...codes].filter((code) => errorText({ code }).what.startsWith('Unerwarteter Fehler'))).toEqual(
      [],
    );
  });

  it('has specific texts for the Web Smart Card transport codes and the enrollment reasons', () => {
    const codes = [
      'transport/pcsc-unavailable',
      'transport/permission-denied',
      'transport/sharing-violation',
      'transport/card-reset',
      'transport/unsupported-card',
      'transport/pcsc-error',
    ];
    expect(codes.filter((code) => errorText({ code }).what.startsWith('Unerwarteter Fehler'))).toEqual([]);
    expect(errorText({ code: 'flow/not-supported', data: { reason: 'pfx-result' } }).what).toContain(
      'Schlüssel zum Importieren',
    );
    expect(
      errorText({ code: 'flow/confirmation-required', data: { reason: 'card-pin-required' } }).what,
    ).toBe('Für diese Karte wird ihre aktuelle PIN gebraucht.');
  });

  it('names retries and correlation ids from the error data', () => {
    expect(errorText({ code: 'card/pin-wrong', data: { retries: 2 } }).what).toBe(
      'Die PIN ist falsch – noch zwei Versuche.',
    );
    expect(errorText({ code: 'flow/pin-wrong', data: { retries: 1, which: 'PIN' } }).what).toBe(
      'Die PIN ist falsch – noch ein Versuch.',
    );
    expect(errorText({ code: 'flow/pin-wrong', data: { retries: 3, which: 'PUK' } }).what).toBe(
      'Die PUK ist falsch – noch drei Versuche.',
    );
    expect(
      errorText({ code: 'flow/pin-blocked', data: { which: 'PIN', unblockable: false } }).next,
    ).toContain('Ihre IT');
    expect(errorText({ code: 'card/pin-blocked', data: { which: 'PUK' } }).what).toBe(
      'Die PUK ist gesperrt.',
    );
    expect(errorText({ code: 'cm/http-500', data: { correlationId: 'abc-123' } }).next).toContain('abc-123');
  });

  it('falls back to a generic text that names the code', () => {
    expect(errorText({ code: 'x/unknown-thing' }).what).toBe('Unerwarteter Fehler (x/unknown-thing).');
    expect(errorText(new Error('plain')).what).toBe('Unerwarteter Fehler (unknown).');
  });

  it('names the configured support contact in every message that sends the user to IT, and only there', () => {
    const codes = [
      ...flowCodes(),
      ...codesIn('src/transport', 'transport'),
      ...codesIn('src/cm', 'cm'),
      'unknown/x',
      'store/quota',
    ];
    const toIt = codes.filter((code) => /\bIT\b/.test(errorText({ code }).next));
    // The texts that send the user to IT: the generic fallback, admin key, 403, CORS, PFX, … (at least these).
    expect(toIt).toEqual(
      expect.arrayContaining([
        'flow/admin-auth-failed',
        'flow/no-permission',
        'transport/access-denied',
        'unknown/x',
      ]),
    );
    setSupportContact('Service Desk, Tel. 0800 123 456');
    try {
      for (const code of toIt)
        expect(errorText({ code }).next, code).toMatch(/IT-Support: Service Desk, Tel\. 0800 123 456$/);
      for (const code of codes.filter((c) => !toIt.includes(c)))
        expect(errorText({ code }).next, code).not.toContain('Service Desk');
    } finally {
      setSupportContact(undefined);
    }
    expect(errorText({ code: 'cm/http-403' }).next).not.toContain('IT-Support');
  });
});
