/**
 * The PIN rules for a PIN the user sets on a card that is already in service (change PIN, offline
 * unblock): the template's `SmartcardConfig.UserPinPolicy` (get-smartcard-policy; docs/mim-cm-api.md
 * "SmartcardConfig") narrowed to what the card application accepts — GIDS 4–16 printable ASCII bytes, PIV 6–8
 * digits (NIST SP 800-73-4 Part 2 §2.4.3) — so the card never refuses a PIN the app let through.
 *
 * Neither operation needs CM, so the policy must also be known offline: the last policy read from
 * CM is kept in the card's cache record (public data), and without one the card's own limits apply
 * (`from: 'card'`, which the UI says).
 */
import { SMARTCARD_STATUSES, isNoContent } from '../cm';
import { cardProfile, type CardType } from '../card';
import { isAppError } from '../errors';
import {
  CARD_PIN_MAX,
  CARD_PIN_MIN,
  cardOnlyPinPolicy,
  pinPolicyFromConfig,
  type PinPolicy,
} from './pin-policy';
import type { FlowRun } from './run';

/** Where the rules came from: CM just now, the cache of an earlier CM answer, or the card alone. */
export type PolicySource = 'template' | 'cached' | 'card';

/** CM codes after which the card-local operation goes on without CM (no answer reached us). */
const OFFLINE = new Set(['cm/network', 'cm/cors', 'cm/timeout']);

/**
 * The card application's PIN limits, from the card registry (pin-format.ts encodes by the same
 * rules); without a card type, the widest any card accepts (4–16, any characters).
 */
export function cardPinLimits(type?: CardType): Pick<PinPolicy, 'minLength' | 'maxLength' | 'charset'> {
  return type
    ? cardProfile(type).pinLimits
    : { minLength: CARD_PIN_MIN, maxLength: CARD_PIN_MAX, charset: 'any' };
}

/**
 * `policy` within the card's limits. An empty intersection (template asks 10 digits, PIV allows 8)
 * keeps the card's maximum: the card cannot hold a longer PIN whatever the template says.
 */
export function narrowToCard(policy: PinPolicy, type: CardType): PinPolicy {
  const lim = cardPinLimits(type);
  const max = Math.min(policy.maxLength, lim.maxLength);
  const min = Math.min(max, Math.max(policy.minLength, lim.minLength));
  const charset = lim.charset === 'numeric' ? 'numeric' : policy.charset;
  return { ...policy, minLength: min, maxLength: max, charset, source: 'user' };
}

/**
 * Online: `GET /smartcards?cardid=` → template → `GET …/configuration/smartcards` (the result is
 * cached on the card record). CM unreachable, card unknown to CM or no configuration (204): the
 * cached rules, else the card's own. Any other CM error (403, 500) is thrown: the server answered,
 * and the user must hear what it said.
 */
export async function userPinPolicy(
  run: FlowRun,
  cardId: string,
): Promise<{ policy: PinPolicy; from: PolicySource }> {
  const { cm, store, card, signal } = run.deps;
  const cached = await store.cards.get(cardId);
  const fallback = (): { policy: PinPolicy; from: PolicySource } =>
    cached?.pinPolicy
      ? { policy: narrowToCard({ ...cardOnlyPinPolicy(), ...cached.pinPolicy }, card.type), from: 'cached' }
      : { policy: narrowToCard(cardOnlyPinPolicy(), card.type), from: 'card' };
  try {
    const live = (await cm.findSmartcards({ cardId, signal })).find(
      (c) => c.Status !== SMARTCARD_STATUSES.Retired,
    );
    if (!live) return fallback();
    const cfg = await cm.getSmartcardConfig(live.ProfileTemplateUuid, signal);
    if (isNoContent(cfg)) return fallback();
    const policy = narrowToCard(pinPolicyFromConfig(cfg), card.type);
    if (cached) {
      await store.cards.put({
        ...cached,
        pinPolicy: { minLength: policy.minLength, maxLength: policy.maxLength, charset: policy.charset },
      });
    }
    return { policy, from: 'template' };
  } catch (e) {
    if (isAppError(e) && OFFLINE.has(e.code)) return fallback();
    throw e;
  }
}
