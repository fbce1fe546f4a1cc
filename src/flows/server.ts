/**
 * Server-side building blocks shared by the flows: find the CM smart card of a hardware card id,
 * find or check a request, and wait for approval with bounded polling (docs/mim-cm-api.md "Enrollment":
 * "Continue only if Status is Approved … If it is Pending, approval is needed; wait and poll").
 */
import { REQUEST_STATUSES, REQUEST_TYPES, SMARTCARD_STATUSES, isEmptyGuid, isNoContent } from '../cm';
import type { CmNoContent, CmRequest, CreateRequestInput, Smartcard } from '../cm';
import { smartcardsOf } from './recent-lookup';
import { DEFAULT_APPROVAL_TIMEOUT_MS, DEFAULT_POLL_INTERVAL_MS, type FlowRun } from './run';
import type { FlowStep } from './types';

const OPEN = new Set<number>([
  REQUEST_STATUSES.Approved,
  REQUEST_STATUSES.Executing,
  REQUEST_STATUSES.Pending,
]);
const EXECUTABLE = new Set<number>([REQUEST_STATUSES.Approved, REQUEST_STATUSES.Executing]);
const REFUSED = new Set<number>([
  REQUEST_STATUSES.Denied,
  REQUEST_STATUSES.Canceled,
  REQUEST_STATUSES.Failed,
]);

/** A 204 where the flow needs data: the server knows no such object (service details "204"). */
export function must<T>(run: FlowRun, step: FlowStep, v: T | CmNoContent, what: string): T {
  if (isNoContent(v))
    run.fail(step, 'flow/server-unexpected', `CM answered 204 (no content) for ${what}`, { what });
  return v;
}

/**
 * (11) `GET /smartcards?cardid=` → the card's CM record (get-smartcard-data.md; `cardid` is the
 * hardware id, defect 12), or the home view's answer to it from a moment ago (recent-lookup.ts). Throws `flow/card-not-registered`, or `flow/card-retired` when the only
 * record is retired.
 */
export async function findRegisteredCard(run: FlowRun, cardId: string): Promise<Smartcard> {
  const list = await smartcardsOf(run.deps.cm, cardId, run.signal);
  const live = list.find((c) => c.Status !== SMARTCARD_STATUSES.Retired);
  if (live) return live;
  if (list.length > 0)
    run.fail('find-card', 'flow/card-retired', 'The card is retired in CM', { cmCardUuid: list[0]!.Uuid });
  return run.fail('find-card', 'flow/card-not-registered', 'CM has no smart card with this card id', {
    cardId,
  });
}

/**
 * `GET /requests?targetuser=current` (get-request.md), the listing {@link findOpenRequest} and
 * {@link findUnboundEnroll} search. It depends on nothing the flow learns, so flows start it with
 * `run.early(myRequests(run))` alongside the card read (docs/flow-timing.md).
 */
export function myRequests(run: FlowRun): () => Promise<CmRequest[]> {
  return () => run.deps.cm.listRequests({ targetUser: 'current', signal: run.signal });
}

/**
 * An open (Pending / Approved / Executing) request of one of `types` on CM card `cmCardUuid`, from
 * `GET /requests?targetuser=current` (get-request.md). Reusing it avoids a second request when an
 * earlier run was cut off between the server creating a request and the journal recording it.
 */
export async function findOpenRequest(
  run: FlowRun,
  cmCardUuid: string,
  types: readonly number[],
  listing?: () => Promise<CmRequest[]>,
): Promise<CmRequest | undefined> {
  const list = await (listing ?? myRequests(run))();
  const mine = list.filter(
    (r) =>
      OPEN.has(r.Status) &&
      types.includes(r.RequestType) &&
      (r.NewSmartcardUuid === cmCardUuid || r.OldSmartcardUuid === cmCardUuid),
  );
  return mine.sort((a, b) => b.Submitted.localeCompare(a.Submitted))[0];
}

/**
 * The request of a resumed run, which must still be open — or Completed when the journal stage is
 * one of `doneStages` (the completing PUT reached the server but its answer was lost). Otherwise
 * `flow/request-closed`, and the run is forgotten.
 */
export async function openRequest(
  run: FlowRun,
  step: FlowStep,
  requestId: string,
  doneStages: readonly string[] = [],
): Promise<CmRequest> {
  const answer = await run.deps.cm.getRequest(requestId, run.signal);
  if (isNoContent(answer)) {
    // The server no longer knows the journaled request (restored or reset database): retrying can
    // never succeed, so the run is dropped and the user is sent to start over.
    await run.finish();
    run.fail(step, 'flow/server-state-lost', 'CM no longer knows the request of the interrupted flow', {
      requestId,
    });
  }
  const r = answer;
  if (r.Status === REQUEST_STATUSES.Completed && doneStages.includes(run.journal.stage)) return r;
  if (!OPEN.has(r.Status)) {
    await run.finish(); // a closed request cannot be continued: do not offer this run again
    run.fail(step, 'flow/request-closed', 'The request of the interrupted flow is no longer open', {
      requestId,
      requestStatus: r.Status,
    });
  }
  return r;
}

/**
 * Polls `GET /requests/{id}` until the request is executable, every `pollIntervalMs`, for at most
 * `approvalTimeoutMs` (why bounded: an approver may never act; the journal keeps the request so a
 * later resume picks the wait up again). Denied / Canceled / Failed → `flow/approval-denied`.
 */
export async function waitForApproval(run: FlowRun, first: CmRequest): Promise<CmRequest> {
  const interval = run.deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const timeout = run.deps.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
  const deadline = run.now() + timeout;
  // Why a poll cap as well as the deadline: an injected clock that stands still must not loop forever.
  const maxPolls = Math.ceil(timeout / Math.max(1, interval)) + 1;
  let r = first;
  for (let attempt = 1; ; attempt++) {
    if (EXECUTABLE.has(r.Status)) return r;
    if (REFUSED.has(r.Status)) {
      await run.finish(); // nothing left to resume: the request will never run
      run.fail('wait-approval', 'flow/approval-denied', 'The request was not approved', {
        requestId: r.Uuid,
        requestStatus: r.Status,
      });
    }
    if (!OPEN.has(r.Status))
      run.fail('wait-approval', 'flow/request-closed', 'The request is closed', {
        requestId: r.Uuid,
        requestStatus: r.Status,
      });
    if (run.now() >= deadline || attempt > maxPolls) {
      run.fail('wait-approval', 'flow/approval-timeout', 'The request is still waiting for approval', {
        requestId: r.Uuid,
        polls: attempt - 1,
      });
    }
    run.progress('wait-approval', attempt);
    await run.sleep(Math.max(0, Math.min(interval, deadline - run.now())));
    r = must(run, 'wait-approval', await run.deps.cm.getRequest(r.Uuid, run.signal), 'the request');
  }
}

/** The CM card bound to an enroll request, if any (`NewSmartcardUuid`, empty GUID until bound). */
export function boundCard(r: CmRequest): string | undefined {
  return isEmptyGuid(r.NewSmartcardUuid) ? undefined : r.NewSmartcardUuid;
}

/** Journal stages after which the request may already be Completed on the server. */
export const DONE_STAGES = ['pin-set', 'card-retired'] as const;

/** What a flow may send with a new request (create-request.md body: `datacollection`, `comment`). */
export interface RequestInput {
  dataCollection?: CreateRequestInput['dataCollection'];
  comment?: string;
}

/**
 * The request a card flow works on: the journal's (resume), else an open one of `reuse` types on
 * the card, else a new one of `type` with the undocumented `smartcard` property (create-request.md
 * example 2). The request id is journaled before anything else happens on it.
 */
export async function obtainRequest(
  run: FlowRun,
  sc: Smartcard,
  type: 'Unblock' | 'Retire' | 'Renew' | 'OnlineUpdate',
  reuse: readonly number[],
  input: RequestInput = {},
  listing?: () => Promise<CmRequest[]>,
): Promise<CmRequest> {
  const { cm } = run.deps;
  const journaled = run.journal.requestId;
  if (journaled !== undefined)
    return run.step('find-request', () => openRequest(run, 'find-request', journaled, DONE_STAGES));
  const found = await run.step('find-request', () => findOpenRequest(run, sc.Uuid, reuse, listing));
  if (found) {
    await run.save({
      requestId: found.Uuid,
      cmCardUuid: sc.Uuid,
      stage: 'request-found',
      facts: { requestType: found.RequestType },
    });
    return found;
  }
  return run.step('create-request', async () => {
    const id = await cm.createRequest(
      {
        type,
        smartcardId: sc.Uuid,
        dataCollection: input.dataCollection ?? [],
        comment: input.comment ?? '',
      },
      run.signal,
    );
    await run.save({
      requestId: id,
      cmCardUuid: sc.Uuid,
      stage: 'request-created',
      facts: { requestCreatedByFlow: true, requestType: REQUEST_TYPES[type] },
    });
    return must(run, 'create-request', await cm.getRequest(id, run.signal), 'the new request');
  });
}

/**
 * An open Enroll request of the current user for `templateUuid` with no card bound yet — the
 * request an earlier run created when the network dropped before its answer (and the journal)
 * arrived. Reusing it keeps one enrollment = one request.
 */
export async function findUnboundEnroll(
  run: FlowRun,
  templateUuid: string,
  listing?: () => Promise<CmRequest[]>,
): Promise<CmRequest | undefined> {
  const list = await (listing ?? myRequests(run))();
  return list
    .filter(
      (r) =>
        r.RequestType === REQUEST_TYPES.Enroll &&
        OPEN.has(r.Status) &&
        r.ProfileTemplateUuid === templateUuid &&
        boundCard(r) === undefined,
    )
    .sort((a, b) => b.Submitted.localeCompare(a.Submitted))[0];
}
