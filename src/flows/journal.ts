/**
 * The flow journal ("a non-secret journal … lets an interrupted flow resume from the
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
 * - `slotN`, `spkiN`, `certN`, `issuerN`, `installedN` — enroll's certificate stage (enroll-certs.ts).
 */
import type { AppStore, JournalEntry } from '../store';
import type { FlowName } from './types';

/**
 * Stage an enrollment reaches once the PIN is set and the certificate stage (enroll-certs.ts) has
 * not finished; resumable like any other stage (earlier versions stopped here for good).
 */
export const CERTIFICATES_PENDING = 'pin-set-certificates-pending';

/** Enroll stages at which the PIN is on the card (enroll-certs.ts journals the later ones). */
export const PIN_SET_STAGES: ReadonlySet<string> = new Set([
  CERTIFICATES_PENDING,
  'keys',
  'certificates-issued',
  'completing',
]);

/**
 * An interrupted enrollment whose server-proposed PIN is on the card already: its resume needs no
 * PIN from the user (enroll.ts fetches the same proposed PIN again), so the UI continues at once.
 */
export function resumesWithoutPin(entry: JournalEntry | undefined): boolean {
  return entry?.flow === 'enroll' && PIN_SET_STAGES.has(entry.stage) && entry.facts.serverProposed === true;
}

/** Stages after which nothing is left to do (finished runs delete their entry instead). */
const TERMINAL = new Set<string>();

/** Journal entries the UI can offer to resume for the card with MIM `cardid` `cardId`, newest first. */
export async function resumableFlows(store: AppStore, cardId: string): Promise<JournalEntry[]> {
  const all = await store.journal.forCard(cardId.toLowerCase());
  return all.filter((e) => !TERMINAL.has(e.stage)).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Enrollments of this card that stopped after the PIN was set, before their certificates were installed. */
export async function certificatesPending(store: AppStore, cardId: string): Promise<JournalEntry[]> {
  const all = await store.journal.forCard(cardId.toLowerCase());
  return all.filter((e) => e.flow === 'enroll' && PIN_SET_STAGES.has(e.stage));
}

/** A random run id (RFC 4122 v4 via WebCrypto, present in browsers and Node 20). */
export function newRunId(): string {
  return globalThis.crypto.randomUUID();
}

/** A fresh entry for `flow` on `cardId`. */
export function newEntry(flow: FlowName, cardId: string, stage: string, now: number): JournalEntry {
  return { id: newRunId(), flow, cardId, stage, facts: {}, startedAt: now, updatedAt: now };
}
