/**
 * Which of the four self-service actions exist for the card in the reader, and why the others do
 * not: what the card type can do (managed.ts capabilities — a PIV card cannot set its PIN from an
 * admin-key response, so neither a server-proposed PIN nor an online unblock) and what CM allows
 * for this card (`GET /smartcards/{id}/operations`, get-smartcard-operations.md: the operations
 * the current user may start on it, which depend on the card's status).
 *
 * The UI renders the verdicts; it decides nothing itself. Public data only.
 */
import { SMARTCARD_STATUSES, isNoContent } from '../cm';
import type { Smartcard } from '../cm';
import type { CardCapabilities } from '../card';
import type { FlowDeps } from './types';

export type CardAction = 'server-pin' | 'unblock' | 'enroll' | 'retire';

/** Stable reasons an action is not offered (the UI owns the words). */
export type ActionReason =
  /** The card type cannot do it (PIV: a new PIN needs the PUK). */
  | 'card-type'
  /** CM does not know this card (enroll it first). */
  | 'not-registered'
  /** The card is registered already (enroll is for new cards). */
  | 'already-registered'
  /** CM has the card only as retired. */
  | 'retired'
  /** The card's registration is not finished (status Assigned); continue the enrollment. */
  | 'not-active'
  /** CM does not offer this operation for this card to this user (template, status or permission). */
  | 'not-allowed';

export type ActionVerdict =
  { action: CardAction; available: true } | { action: CardAction; available: false; reason: ActionReason };

export const CARD_ACTIONS: readonly CardAction[] = ['server-pin', 'unblock', 'enroll', 'retire'];

/** The CM operation name each action needs on a registered card. */
const CM_OPERATION: Partial<Record<CardAction, string>> = {
  'server-pin': 'unblock',
  unblock: 'unblock',
  retire: 'retire',
};

type Capabilities = Pick<CardCapabilities, 'setPinWithAdminKey'>;

/** Verdicts from the card type alone (offline, or before the server answered). */
export function actionsByCardType(capabilities: Capabilities): ActionVerdict[] {
  return CARD_ACTIONS.map((action) =>
    (action === 'server-pin' || action === 'unblock') && !capabilities.setPinWithAdminKey
      ? { action, available: false, reason: 'card-type' }
      : { action, available: true },
  );
}

/**
 * Verdicts for the card `cardId` (MIM `cardid`) from card type, CM status and CM operations.
 * Throws what the CM client throws (network, 403, …); the caller then falls back to
 * {@link actionsByCardType}.
 */
export async function cardActions(
  cm: FlowDeps['cm'],
  capabilities: Capabilities,
  cardId: string,
  signal?: AbortSignal,
): Promise<ActionVerdict[]> {
  const list = await cm.findSmartcards({ cardId, signal });
  return verdictsFrom(capabilities, list, await operationsOf(cm, list, signal));
}

/** The card's record that CM operations apply to: not retired, past Assigned (else undefined). */
export function inService(list: readonly Smartcard[]): Smartcard | undefined {
  return list.find(
    (c) => c.Status !== SMARTCARD_STATUSES.Retired && c.Status !== SMARTCARD_STATUSES.Assigned,
  );
}

/**
 * `GET /smartcards/{id}/operations` (get-smartcard-operations.md) of the card in service, lower
 * case; `[]` without one (no call). Card actions and everyday actions share this one answer.
 */
export async function operationsOf(
  cm: FlowDeps['cm'],
  list: readonly Smartcard[],
  signal?: AbortSignal,
): Promise<string[]> {
  const live = inService(list);
  if (!live) return [];
  const answer = await cm.getSmartcardOperations(live.Uuid, signal);
  return isNoContent(answer) ? [] : answer.map((o) => o.toLowerCase());
}

/** Verdicts from the card type, its CM records (`GET /smartcards?cardid=`) and CM operations. */
export function verdictsFrom(
  capabilities: Capabilities,
  list: readonly Smartcard[],
  ops: readonly string[],
): ActionVerdict[] {
  const live = list.find((c) => c.Status !== SMARTCARD_STATUSES.Retired);
  return actionsByCardType(capabilities).map((v): ActionVerdict => {
    if (!v.available) return v;
    const action = v.action;
    if (action === 'enroll') {
      // An Assigned card is an enrollment in progress: "register" continues it.
      return live && live.Status !== SMARTCARD_STATUSES.Assigned
        ? { action, available: false, reason: 'already-registered' }
        : v;
    }
    if (!live) return { action, available: false, reason: list.length > 0 ? 'retired' : 'not-registered' };
    if (live.Status === SMARTCARD_STATUSES.Assigned)
      return { action, available: false, reason: 'not-active' };
    return ops.includes(CM_OPERATION[action]!) ? v : { action, available: false, reason: 'not-allowed' };
  });
}
