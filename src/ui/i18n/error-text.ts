/**
 * What a user reads when something fails: one sentence saying what happened and one saying what
 * to do next (WCAG 3.3.3), chosen by the error's stable `code` (docs/architecture.md "Error model").
 * Unknown codes fall back to a generic text that still names the code for the help desk.
 */
import { msg, str } from '@lit/localize';
import { noteError } from '../last-error';
import { appErrorText } from './error-text-app';
import { bridgeErrorText } from './error-text-bridge';
import { cardErrorText } from './error-text-card';
import { serverErrorText } from './error-text-server';

export interface ErrorLike {
  code?: string;
  data?: Readonly<Record<string, unknown>>;
}

export interface ErrorText {
  what: string;
  next: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

let supportContact: string | undefined;

/**
 * Sets the help-desk contact an administrator configured (`supportContact` in managed
 * configuration or config.json); every message that sends the user to IT then names it.
 */
export function setSupportContact(contact: string | undefined): void {
  supportContact = contact?.trim() || undefined;
}

/** The configured help-desk contact, if any. */
export function getSupportContact(): string | undefined {
  return supportContact;
}

/** " IT-Support: <contact>" for a sentence that sends the user to IT, or "" without a contact. */
export function supportSuffix(): string {
  return supportContact ? ' ' + msg(str`IT-Support: ${supportContact}`, { id: 'err.support-contact' }) : '';
}

/** Matches the word "IT" as both languages use it ("Ihre IT", "Ihrer IT", "your IT"). */
const SENDS_TO_IT = /(^|[^\p{L}])IT([^\p{L}-]|$)/u;

/**
 * Localised text for an error; pass anything thrown (non-AppErrors get the generic text). When a
 * support contact is configured, every "next" sentence that sends the user to IT ends with it.
 * The error is also noted as the last one shown (for the support bundle).
 */
export function errorText(e: unknown): ErrorText {
  // Every error the user sees passes here, so this is where the support bundle learns the last one.
  noteError(e);
  const t = baseErrorText(e);
  return SENDS_TO_IT.test(t.next) ? { what: t.what, next: t.next + supportSuffix() } : t;
}

function baseErrorText(e: unknown): ErrorText {
  const err = (e ?? {}) as ErrorLike;
  const code = err.code ?? 'unknown';
  const retries = num(err.data?.retries);
  const family = code.split('/')[0];
  // Card bridge trouble, directly or as the cause of a failed flow step (flows/errors.ts causeCode).
  const bridgeCode = [code, err.data?.causeCode].find(
    (c): c is string => typeof c === 'string' && c.startsWith('transport/bridge-'),
  );
  if (bridgeCode) return bridgeErrorText(bridgeCode, err.data ?? {});
  const text = cardErrorText(code, err, retries) ?? serverErrorText(code, err) ?? appErrorText(code);
  if (text) return text;
  if (code === 'store/quota') {
    return {
      what: msg('Der Speicherplatz des Browsers für diese App ist voll; nichts wird lokal gespeichert.', {
        id: 'err.store.quota',
      }),
      next: msg(
        'Die App funktioniert weiter. Geben Sie in den Browser-Einstellungen Speicherplatz frei, dann wird wieder gespeichert.',
        { id: 'err.store.quota.next' },
      ),
    };
  }
  if (family === 'store') {
    return {
      what: msg('Der lokale Zwischenspeicher ist nicht verfügbar.', { id: 'err.store' }),
      next: msg('Die App funktioniert weiter, speichert aber nichts für die Offline-Ansicht.', {
        id: 'err.store.next',
      }),
    };
  }
  return {
    what: msg(str`Unerwarteter Fehler (${code}).`, { id: 'err.generic' }),
    next: msg(
      'Versuchen Sie es erneut. Bleibt der Fehler, exportieren Sie unter „Diagnose“ ein Support-Paket für Ihre IT.',
      { id: 'err.generic.next' },
    ),
  };
}
