/**
 * Days left for each certificate and whether to warn (issue "expiry"): from `warnDays` before
 * NotAfter a certificate is "soon", after it "expired". MIM CM's REST API documents no renewal
 * window for a template (the Renew policy's properties are not published), so the threshold is the
 * app's configuration `expiryWarningDays`, default {@link DEFAULT_EXPIRY_WARNING_DAYS}.
 *
 * CM dates come without a zone ("2026-07-07T23:36:21", X509ClmCertificate NotAfter, cm-rest-api
 * "Get certificates"): they are UTC, as the server's own `Submitted` stamps are.
 */
import type { CardRecord, CertificateSummary } from '../store';

/** Default warning window, days (a user on holiday for two weeks still sees it in time). */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

export type ExpiryState = 'ok' | 'soon' | 'expired' | 'unknown';

export interface CertificateExpiry {
  serialNumber: string;
  template?: string;
  notAfter: string;
  /** Whole days until NotAfter (rounded down); negative once expired; undefined without a date. */
  daysLeft: number | undefined;
  state: ExpiryState;
}

/** NotAfter as ms since epoch, a zone-less CM date read as UTC; NaN when unreadable. */
export function notAfterMs(notAfter: string): number {
  const s = notAfter.trim();
  if (s === '' || s === '–') return NaN;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
}

/** One certificate's days left and state at `now` with the warning window `warnDays`. */
export function certificateExpiry(
  c: Pick<CertificateSummary, 'serialNumber' | 'template' | 'notAfter'>,
  now: number,
  warnDays = DEFAULT_EXPIRY_WARNING_DAYS,
): CertificateExpiry {
  const t = notAfterMs(c.notAfter);
  const base = {
    serialNumber: c.serialNumber,
    notAfter: c.notAfter,
    ...(c.template !== undefined && { template: c.template }),
  };
  if (!Number.isFinite(t)) return { ...base, daysLeft: undefined, state: 'unknown' };
  const daysLeft = Math.floor((t - now) / DAY_MS);
  const state: ExpiryState = t <= now ? 'expired' : daysLeft < warnDays ? 'soon' : 'ok';
  return { ...base, daysLeft, state };
}

/**
 * Serial numbers of the certificates a newer one of the same certificate template on the same card
 * outlives (a renewal issued it): they are not due for renewal any more. CM may keep listing them
 * for the card (GET /smartcards/{id}/certificates documents no "superseded" flag), and a GIDS card
 * keeps the old key and certificate next to the new ones (docs/operations.md "Renew").
 */
export function supersededSerials(
  certs: readonly Pick<CertificateSummary, 'serialNumber' | 'template' | 'notAfter'>[],
): Set<string> {
  const out = new Set<string>();
  for (const c of certs) {
    const t = notAfterMs(c.notAfter);
    if (!c.template || !Number.isFinite(t)) continue;
    if (certs.some((o) => o !== c && o.template === c.template && notAfterMs(o.notAfter) > t))
      out.add(c.serialNumber);
  }
  return out;
}

/** Every certificate of the cached cards that is expired or within the window (for the app badge). */
export function certificatesNeedingRenewal(
  cards: readonly CardRecord[],
  now: number,
  warnDays = DEFAULT_EXPIRY_WARNING_DAYS,
): CertificateExpiry[] {
  return cards.flatMap((card) => {
    if (card.status === 'Retired') return [];
    const superseded = supersededSerials(card.certificates);
    return card.certificates
      .filter((c) => !superseded.has(c.serialNumber))
      .map((c) => certificateExpiry(c, now, warnDays))
      .filter((e) => e.state === 'soon' || e.state === 'expired');
  });
}
