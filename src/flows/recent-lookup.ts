/**
 * The card the home view has just looked up (`GET /smartcards?cardid=`, get-smartcard-data.md),
 * handed to the flow the user starts from there so it does not ask the same question again
 * (docs/flow-timing.md "Drop repeats"). Public data only (CM ids and status).
 *
 * Why single-use and short-lived: a flow acts on the answer (creates a request on that card id), so
 * an answer is trusted once and only within {@link RECENT_LOOKUP_MAX_MS}; a retry, a resume or a
 * later flow asks the server again. Flows that change the card's record (enroll, retire) drop it.
 */
import type { CmClient, Smartcard } from '../cm';

/** Why 30 s: the time from the home view's answer to a click on an action, not a cache lifetime. */
export const RECENT_LOOKUP_MAX_MS = 30_000;

interface Lookup {
  cardId: string;
  list: Smartcard[];
  at: number;
}

/** One per CM client (one server, one signed-in user). */
const recent = new WeakMap<CmClient, Lookup>();

const norm = (id: string) => id.replace(/[{}]/g, '').toLowerCase();

/** Records the answer of `GET /smartcards?cardid=cardId` (all records, retired ones included). */
export function rememberLookup(
  cm: CmClient,
  cardId: string,
  list: readonly Smartcard[],
  now = Date.now(),
): void {
  recent.set(cm, { cardId: norm(cardId), list: [...list], at: now });
}

/** The recorded answer for `cardId` if fresh; it is used up by this call. */
export function takeLookup(cm: CmClient, cardId: string, now = Date.now()): Smartcard[] | undefined {
  const r = recent.get(cm);
  recent.delete(cm);
  if (!r || r.cardId !== norm(cardId) || now - r.at > RECENT_LOOKUP_MAX_MS || now < r.at) return undefined;
  return r.list;
}

/** Drops any recorded answer (the card's record is about to change). */
export function forgetLookup(cm: CmClient): void {
  recent.delete(cm);
}

/** `GET /smartcards?cardid=` unless the home view just asked it. */
export async function smartcardsOf(cm: CmClient, cardId: string, signal?: AbortSignal): Promise<Smartcard[]> {
  return takeLookup(cm, cardId) ?? cm.findSmartcards({ cardId, signal });
}
