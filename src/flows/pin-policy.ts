/**
 * The user-PIN policy a flow asks for, from the template's `SmartcardConfig.UserPinPolicy`
 * (docs/mim-cm-api.md "SmartcardConfig": `{MinLength, MaxLength, CharacterSet, …}`; the Spanish "Get Smartcard
 * Policy" page) narrowed to what the card accepts (GIDS: 4–16 printable ASCII bytes,
 * docs/gids.md "PIN and admin key"), and a validator with a typed reason so the UI can say what is wrong
 * before anything reaches the card.
 */
import { PIN_CHARACTER_SETS, USER_PIN_OPTIONS, isServerGeneratedPin } from '../cm';
import type { SmartcardConfig } from '../cm';

export type PinCharset = 'numeric' | 'alphanumeric' | 'any';

export interface PinPolicy {
  minLength: number;
  maxLength: number;
  charset: PinCharset;
  /** Who chooses the PIN: the user, or the CM server (`serverproposedpin`). */
  source: 'user' | 'server';
  /** `UserPinOption` number as the server sent it (for diagnostics). */
  userPinOption: number;
}

/** Minidriver / GidsApplet PIN length limits (docs/gids.md "PIN and admin key"). */
export const CARD_PIN_MIN = 4;
export const CARD_PIN_MAX = 16;

/**
 * `CharacterSet` numbers are undocumented (docs/mim-cm-api.md "SmartcardConfig"); 1 goes with the all-digit example
 * default. Unknown numbers are treated as "any printable ASCII" — the server never sees a
 * user-chosen PIN, so the card's own limit is the last word.
 */
function charsetOf(n: number): PinCharset {
  if (n === PIN_CHARACTER_SETS.Numeric) return 'numeric';
  if (n === PIN_CHARACTER_SETS.Alphanumeric) return 'alphanumeric';
  return 'any';
}

/** The effective policy of a template's smart card configuration (get-smartcard-policy, es). */
export function pinPolicyFromConfig(
  cfg: Pick<SmartcardConfig, 'UserPinOption' | 'UserPinPolicy'>,
): PinPolicy {
  const p = cfg.UserPinPolicy;
  const min = Math.min(
    CARD_PIN_MAX,
    Math.max(CARD_PIN_MIN, Number.isInteger(p.MinLength) ? p.MinLength : CARD_PIN_MIN),
  );
  const maxRaw = Number.isInteger(p.MaxLength) && p.MaxLength > 0 ? p.MaxLength : CARD_PIN_MAX;
  const max = Math.max(min, Math.min(CARD_PIN_MAX, maxRaw));
  return {
    minLength: min,
    maxLength: max,
    charset: charsetOf(p.CharacterSet),
    source: isServerGeneratedPin(cfg.UserPinOption) ? 'server' : 'user',
    userPinOption: cfg.UserPinOption,
  };
}

/** Policy used when the server says nothing (204 on the configuration): the card's own limits. */
export function cardOnlyPinPolicy(): PinPolicy {
  return {
    minLength: CARD_PIN_MIN,
    maxLength: CARD_PIN_MAX,
    charset: 'any',
    source: 'user',
    userPinOption: USER_PIN_OPTIONS.UserProvided,
  };
}

export type PinRejectReason =
  | 'empty'
  | 'too-short'
  | 'too-long'
  | 'not-numeric'
  | 'not-alphanumeric'
  | 'not-printable-ascii'
  | 'mismatch';

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: PinRejectReason; minLength: number; maxLength: number; charset: PinCharset };

/**
 * Checks a PIN against a policy (and, when given, its confirmation). Order of reasons: empty,
 * characters, length, confirmation — so a user sees the most basic problem first.
 */
export function validatePin(pin: string, policy: PinPolicy, confirmation?: string): PinCheck {
  const fail = (reason: PinRejectReason): PinCheck => ({
    ok: false,
    reason,
    minLength: policy.minLength,
    maxLength: policy.maxLength,
    charset: policy.charset,
  });
  if (pin.length === 0) return fail('empty');
  if (!/^[\x20-\x7e]+$/.test(pin)) return fail('not-printable-ascii');
  if (policy.charset === 'numeric' && !/^[0-9]+$/.test(pin)) return fail('not-numeric');
  if (policy.charset === 'alphanumeric' && !/^[A-Za-z0-9]+$/.test(pin)) return fail('not-alphanumeric');
  if (pin.length < policy.minLength) return fail('too-short');
  if (pin.length > policy.maxLength) return fail('too-long');
  if (confirmation !== undefined && confirmation !== pin) return fail('mismatch');
  return { ok: true };
}
