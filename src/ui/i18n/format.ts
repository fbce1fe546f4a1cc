/**
 * How the UI shows values from the CM server: smart card statuses in the user's language, and one
 * locale-aware date format for every date (Intl.DateTimeFormat, ECMA-402 §11), plus whether a
 * certificate has expired or expires soon. CM returns status names in English (`Active`,
 * `Retired`; MIM CM REST API "SmartcardStatus"); the stored value stays English, only the words
 * shown change, so a language switch re-renders them.
 */
import { msg, str } from '@lit/localize';
import { getLocale } from './locale';

/** The CM smart card status in words; an unknown name is shown as CM sent it. */
export function cardStatusText(status: string | undefined): string {
  switch (status) {
    case undefined:
    case '':
    case 'None':
      return msg('beim Server unbekannt', { id: 'cards.unknown' });
    case 'New':
      return msg('Neu', { id: 'status.new' });
    case 'Assigned':
      return msg('Zugewiesen (Registrierung nicht abgeschlossen)', { id: 'status.assigned' });
    case 'Active':
      return msg('Aktiv', { id: 'status.active' });
    case 'Disabled':
      return msg('Deaktiviert', { id: 'status.disabled' });
    case 'Suspended':
      return msg('Ausgesetzt', { id: 'status.suspended' });
    case 'Retired':
      return msg('Stillgelegt', { id: 'status.retired' });
    default:
      return status;
  }
}

const asDate = (v: string | number | undefined): Date | undefined => {
  if (v === undefined || v === '' || v === 0) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** A date in the current locale's medium style (de: "1. Dez. 2026", en: "1 Dec 2026"); "–" when absent. */
export function formatDate(v: string | number | undefined): string {
  const d = asDate(v);
  if (!d) return v === undefined || v === '' || v === 0 ? '–' : String(v);
  return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium' }).format(d);
}

/** A date with time, same style as {@link formatDate}. */
export function formatDateTime(v: string | number | undefined): string {
  const d = asDate(v);
  if (!d) return '–';
  return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

/** Why 30 days: the renewal window most CM templates use; a user then still has time to act. */
export const EXPIRING_DAYS = 30;

export type Validity = { kind: 'expired' } | { kind: 'expiring'; days: number } | { kind: 'valid' };

/** Whether a certificate valid until `notAfter` has expired or expires within {@link EXPIRING_DAYS}. */
export function certValidity(notAfter: string | undefined, now: number = Date.now()): Validity {
  const d = asDate(notAfter);
  if (!d) return { kind: 'valid' };
  const ms = d.getTime() - now;
  if (ms <= 0) return { kind: 'expired' };
  const days = Math.ceil(ms / 86_400_000);
  return days <= EXPIRING_DAYS ? { kind: 'expiring', days } : { kind: 'valid' };
}

/** The mark for an expired or expiring certificate, in words (never colour alone, WCAG 1.4.1). */
export function validityText(v: Validity): string | undefined {
  if (v.kind === 'expired') return msg('Abgelaufen', { id: 'cert.expired' });
  if (v.kind === 'expiring')
    return v.days === 1
      ? msg('Läuft morgen ab', { id: 'cert.expiring.1' })
      : msg(str`Läuft in ${v.days} Tagen ab`, { id: 'cert.expiring' });
  return undefined;
}
