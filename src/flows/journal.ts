/**
 * The flow journal (issue 7 "a non-secret journal … lets an interrupted flow resume from the
 * server's and the card's actual state"): one {@link JournalEntry} per flow run, written after each
 * step that changed something on the server or the card. It holds ids, stage names and boolean
 * facts only — the store's secrets guard refuses anything named like a PIN, key or response.
 *
 * Facts used by the flows (all non-secret):
 * - `adminKeyDiversified` — the card holds its diversified admin key (enroll step "diversify-key").
 * - `requestCreatedByFlow` — this run created the request (so cancelling the run cancels it).
 * - `requestType` — CM `RequestType` number of the request in use.
 * - `templateUuid` — the profile template (enroll).
 * - `serverProposed` — the PIN set by enroll came from `serverproposedpin`.
 */
import type { AppStore, JournalEntry } from '../store';
import type { FlowName } from './types';

/** Stage an enrollment stops at until the certificate stage exists (issue 7 "Enroll through PIN set"). */
export const CERTIFICATES_PENDING = 'pin-set-certificates-pending';

/** Stages after which nothing in this flows is left to do. */
const TERMINAL = new Set([CERTIFICATES_PENDING]);

/**
 * Journal entries the UI can offer to resume for the card with MIM `cardid` `cardId`, newest first.
 * Entries parked at {@link CERTIFICATES_PENDING} are not offered (see {@link certificatesPending}).
 */
export async function resumableFlows(store: AppStore, cardId: string): Promise<JournalEntry[]> {
  const all = await store.journal.forCard(cardId.toLowerCase());
  return all.filter((e) => !TERMINAL.has(e.stage)).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Enrollments of this card that stopped at "PIN set — certificates pending". */
export async function certificatesPending(store: AppStore, cardId: string): Promise<JournalEntry[]> {
  const all = await store.journal.forCard(cardId.toLowerCase());
  return all.filter((e) => e.flow === 'enroll' && e.stage === CERTIFICATES_PENDING);
}

/** A random run id (RFC 4122 v4 via WebCrypto, present in browsers and Node 20). */
export function newRunId(): string {
  return globalThis.crypto.randomUUID();
}

/** A fresh entry for `flow` on `cardId`. */
export function newEntry(flow: FlowName, cardId: string, stage: string, now: number): JournalEntry {
  return { id: newRunId(), flow, cardId, stage, facts: {}, startedAt: now, updatedAt: now };
}
