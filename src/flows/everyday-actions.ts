/**
 * Which of the everyday operations exist for the card in the reader, next to the four of
 * card-actions.ts (kept apart so each list has one reason to change):
 * - `change-pin`: card-local (CHANGE REFERENCE DATA), so always offered for a card in the reader —
 *   online or not; CM is not involved (docs/operations.md "Change PIN").
 * - `offline-unblock`: admin challenge read to the help desk, response typed in (MIM CM request
 *   type OfflineUnblock). Needs a card that sets its PIN from an admin-key response (GIDS). Online
 *   it is offered only where CM lists `unblock` for the card — the user then has the online unblock
 *   too, but a help desk may prefer the phone; offline there is nothing to ask, so it is offered.
 * - `renew`: request types Renew / OnlineUpdate, offered only when `GET /smartcards/{id}/operations`
 *   lists `renew` / `onlineupdate` (get-smartcard-operations.md); the view is `/renew`.
 */
import type { Smartcard } from '../cm';
import type { CardCapabilities } from '../card';
import { inService, operationsOf } from './card-actions';
import type { FlowDeps } from './types';

export type EverydayAction = 'change-pin' | 'offline-unblock' | 'renew';

export type EverydayReason = 'card-type' | 'not-registered' | 'not-allowed';

export type EverydayVerdict =
  | { action: EverydayAction; available: true }
  | { action: EverydayAction; available: false; reason: EverydayReason };

type Capabilities = Pick<CardCapabilities, 'setPinWithAdminKey'>;

/** Offline (or before CM answered): from the card type alone. Renew needs CM, so it is left out. */
export function everydayByCardType(capabilities: Capabilities): EverydayVerdict[] {
  return [
    { action: 'change-pin', available: true },
    capabilities.setPinWithAdminKey
      ? { action: 'offline-unblock', available: true }
      : { action: 'offline-unblock', available: false, reason: 'card-type' },
  ];
}

/**
 * Online verdicts from the card's CM record and operations. Throws what the CM client throws; the
 * caller keeps {@link everydayByCardType}.
 */
export async function everydayActions(
  cm: FlowDeps['cm'],
  capabilities: Capabilities,
  cardId: string,
  signal?: AbortSignal,
): Promise<EverydayVerdict[]> {
  const list = await cm.findSmartcards({ cardId, signal });
  return everydayFrom(capabilities, list, await operationsOf(cm, list, signal));
}

/** Verdicts from the card type, its CM records and the operations CM lists for it (card-actions.ts). */
export function everydayFrom(
  capabilities: Capabilities,
  list: readonly Smartcard[],
  ops: readonly string[],
): EverydayVerdict[] {
  const live = inService(list);
  const out: EverydayVerdict[] = everydayByCardType(capabilities).map((v): EverydayVerdict => {
    if (v.action !== 'offline-unblock' || !v.available) return v;
    if (!live) return { action: v.action, available: false, reason: 'not-registered' };
    return ops.includes('unblock') ? v : { action: v.action, available: false, reason: 'not-allowed' };
  });
  if (live && (ops.includes('renew') || ops.includes('onlineupdate')))
    out.push({ action: 'renew', available: true });
  return out;
}
