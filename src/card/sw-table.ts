/**
 * Per-card status-word tables with the ISO/IEC 7816-4 table as fallback — the OpenSC model, where a
 * card driver's `check_sw` looks in its own table and hands every status word it does not know to
 * `iso7816_check_sw` (ISO/IEC 7816-4:2005 §5.1.3, tables 5 and 6).
 *
 * A lookup answers with a {@link SwCondition}: what the status word means to the card layer, so a
 * call site asks "was it not found?" instead of listing `6A82 || 6A88`. The error CODES never come
 * from here: an unexpected status word is still an `SwError` whose code `iso7816/sw.ts` assigns
 * (stable, see src/error-codes/), and the card-layer translations (`card/pin-wrong`, …) are made by
 * `exchange.ts` from the condition.
 */
import type { SwErrorCode } from '../error-codes';
import { swCode, swMeaning } from '../iso7816/sw';

/** What a status word means to the card layer. */
export type SwCondition =
  | 'ok'
  /** 63Cx: verification failed, x tries left (ISO 7816-4 §5.1.3 "counter provided by x"). */
  | 'tries-left'
  | 'blocked'
  | 'security-status'
  | 'conditions-not-satisfied'
  | 'wrong-data'
  | 'wrong-p1p2'
  | 'not-found'
  | 'no-memory'
  /** The instruction, class or function is not there (6D00, 6E00, 6A81). */
  | 'not-supported'
  | 'other';

/** One entry of a card's table: `sw` after `mask` (default FFFF) means `condition`. */
export interface SwRule {
  readonly sw: number;
  readonly mask?: number;
  readonly condition: SwCondition;
  /** The card specification's wording, with its clause. */
  readonly meaning: string;
}

export interface CardSwTable {
  /** The specification the table comes from, e.g. "NIST SP 800-73-4". */
  readonly name: string;
  readonly rules: readonly SwRule[];
}

export interface SwLookup {
  readonly condition: SwCondition;
  readonly meaning: string;
  /** Which table answered: the card's `name`, or {@link ISO_TABLE_NAME}. */
  readonly source: string;
}

export const ISO_TABLE_NAME = 'ISO/IEC 7816-4';

/** The ISO fallback: the condition of each `sw/…` code of ISO/IEC 7816-4 tables 5 and 6. */
const ISO_CONDITIONS: Partial<Record<SwErrorCode, SwCondition>> = {
  'sw/ok': 'ok',
  'sw/pin-wrong': 'tries-left',
  'sw/auth-blocked': 'blocked',
  'sw/security-status': 'security-status',
  'sw/conditions-not-satisfied': 'conditions-not-satisfied',
  'sw/wrong-data': 'wrong-data',
  'sw/wrong-p1p2': 'wrong-p1p2',
  'sw/file-not-found': 'not-found',
  'sw/data-not-found': 'not-found',
  'sw/not-enough-memory': 'no-memory',
  'sw/ins-not-supported': 'not-supported',
  'sw/cla-not-supported': 'not-supported',
  'sw/function-not-supported': 'not-supported',
};

/** What ISO/IEC 7816-4 §5.1.3 (tables 5 and 6) says `sw` means. */
function isoSw(sw: number): SwLookup {
  return { condition: ISO_CONDITIONS[swCode(sw)] ?? 'other', meaning: swMeaning(sw), source: ISO_TABLE_NAME };
}

/** `sw` looked up in the card's table first, then in the ISO table (see module note). */
export function lookupSw(table: CardSwTable, sw: number): SwLookup {
  const rule = table.rules.find((r) => (sw & (r.mask ?? 0xffff)) === r.sw);
  return rule ? { condition: rule.condition, meaning: rule.meaning, source: table.name } : isoSw(sw);
}

/** True when `sw` means one of `conditions` on this card. */
export function swIs(table: CardSwTable, sw: number, ...conditions: SwCondition[]): boolean {
  return conditions.includes(lookupSw(table, sw).condition);
}
