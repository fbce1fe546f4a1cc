/**
 * Card-layer errors (docs/architecture.md "Error model", family `card/`).
 *
 * Codes (stable; the UI localises by code and `data`):
 * - `card/pin-wrong` — the card refused the PIN/PUK; `data.retries` = tries left (ISO 7816-4 §5.1.3, 63Cx)
 * - `card/pin-blocked` — no tries left (63C0) or "authentication method blocked" (6983)
 * - `card/admin-auth-failed` — the card rejected the admin-key response (GIDS 6982, PIV 6982/6A80)
 *   or had no outstanding challenge (6985)
 * - `card/security-status` — a privileged command without the authentication it needs (6982)
 * - `card/not-supported` — the application is absent (SELECT 6A82) or the card cannot do the operation
 * - `card/removed` — the card left the reader mid-operation (transport `transport/card-removed`)
 * - `card/invalid-pin`, `card/invalid-key`, `card/invalid-response` — input refused before any APDU
 * - `card/bad-data` — the card answered with data this layer cannot read (malformed CHUID, FCI, …)
 * Any other unexpected status word is thrown as `SwError` from `iso7816/sw` (codes `sw/…`).
 */
import { AppError } from '../errors';
import type { CardErrorCode } from '../error-codes';

export class CardError extends AppError<CardErrorCode> {}

/** `card/pin-wrong` with the tries left, or `card/pin-blocked` when none are left. */
export function pinError(retries: number, which: 'PIN' | 'PUK' = 'PIN'): CardError {
  if (retries === 0) return new CardError('card/pin-blocked', `${which} blocked`, { which, retries: 0 });
  return new CardError('card/pin-wrong', `Wrong ${which}, ${retries} tries left`, { which, retries });
}

/** `card/pin-blocked` for status 6983 (ISO 7816-4 §5.1.3 "authentication method blocked"). */
export function blockedError(which: 'PIN' | 'PUK' = 'PIN'): CardError {
  return new CardError('card/pin-blocked', `${which} blocked`, { which, retries: 0 });
}
