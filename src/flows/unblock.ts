/**
 * Unblock (online PIN reset; docs/mim-cm-api.md "Managing an existing card" "Unblock", create-request.md example 2): an
 * Unblock request on the card → wait for approval (bounded polling) → fresh challenge →
 * `authenticationresponse` with the card's (diversified) key → RESET RETRY COUNTER with a new
 * user-chosen PIN checked against the template's PIN policy → complete the request.
 *
 * Two-phase so the UI knows the policy and whether approval is pending before it asks for the PIN:
 * {@link prepareUnblock} creates (or finds, or resumes) the request; `run(newPin)` does the rest.
 */
import { REQUEST_STATUSES, REQUEST_TYPES, isNoContent } from '../cm';
import type { CmRequest } from '../cm';
import { readCard, requirePinByAdminKey, setPinWithAdminKey } from './card-ops';
import { FlowError } from './errors';
import { cardOnlyPinPolicy, pinPolicyFromConfig, type PinPolicy } from './pin-policy';
import { finishPinRun, requireValidPin } from './pin-run';
import { FlowRun } from './run';
import { diversifiedBelief } from './server-proposed-pin';
import { findRegisteredCard, myRequests, obtainRequest, waitForApproval, type RequestInput } from './server';
import type { FlowDeps, FlowStep, ResumeOption, Target } from './types';

export const UNBLOCK_STEPS: readonly FlowStep[] = [
  'read-card',
  'find-card',
  'get-policy',
  'find-request',
  'create-request',
  'wait-approval',
  'apply-pin',
  'complete-request',
];

export interface UnblockSession {
  /** PIN rules for the new PIN (always user-chosen here; `source` is 'user'). */
  policy: PinPolicy;
  /** The request still waits for an approver; `run` will poll (step `wait-approval`). */
  pendingApproval: boolean;
  requestId: string;
  /** A resumed run found the PIN already set and closed the request: nothing left to ask. */
  completed: boolean;
  /** Sets `newPin` (checked against `policy`, and against `confirmation` when given) and completes the request. */
  run(newPin: string, confirmation?: string): Promise<void>;
  /** The user gave up: cancel the request this flow created and forget the run. */
  cancel(): Promise<void>;
}

/**
 * Phase 1 of unblock. `input.dataCollection` / `comment` go into a new request (the Unblock policy
 * may list data items; get-workflow-policy.md). Emits `read-card` … `create-request`.
 */
export async function prepareUnblock(
  deps: FlowDeps,
  opts: ResumeOption & RequestInput = {},
): Promise<UnblockSession> {
  const run = new FlowRun(deps, 'unblock', UNBLOCK_STEPS, opts.resume);
  return run.guard(() => phase1(run, deps, opts));
}

async function phase1(run: FlowRun, deps: FlowDeps, opts: RequestInput): Promise<UnblockSession> {
  // Depends on nothing the flow learns: asked while the card is read (docs/flow-timing.md).
  const listing = run.resumedRequestId === undefined ? run.early(myRequests(run)) : undefined;
  const facts = await run.step('read-card', () => readCard(run));
  run.begin(facts.cardId, 'started');
  requirePinByAdminKey(run, 'read-card');
  const sc = await run.step('find-card', () => findRegisteredCard(run, facts.cardId));
  // The PIN policy and the request both need only the card's record: side by side.
  const [cfgAnswer, found] = await run.all(
    () => run.step('get-policy', () => deps.cm.getSmartcardConfig(sc.ProfileTemplateUuid, deps.signal)),
    () => obtainRequest(run, sc, 'Unblock', [REQUEST_TYPES.Unblock], opts, listing),
  );
  const cfg = isNoContent(cfgAnswer) ? undefined : cfgAnswer;
  const policy: PinPolicy = { ...(cfg ? pinPolicyFromConfig(cfg) : cardOnlyPinPolicy()), source: 'user' };
  let request: CmRequest = found;
  const t: Target = { ...facts, requestId: request.Uuid, cmCardUuid: sc.Uuid };
  let completed = false;
  if (run.journal.stage === 'pin-set') {
    await finishPinRun(run, t, request);
    completed = true;
  }

  let busy = false;
  return {
    policy,
    pendingApproval: request.Status === REQUEST_STATUSES.Pending,
    requestId: t.requestId,
    completed,
    async run(newPin: string, confirmation?: string) {
      if (completed) return;
      requireValidPin(run, newPin, policy, confirmation);
      if (busy) run.fail('apply-pin', 'flow/request-closed', 'run() is already running');
      busy = true;
      try {
        request = await run.step('wait-approval', () => waitForApproval(run, request));
        const used = await run.step('apply-pin', () =>
          setPinWithAdminKey(run, t, newPin, diversifiedBelief(run, sc, cfg)),
        );
        await run.save({ stage: 'pin-set', facts: { adminKeyDiversified: used } });
        await finishPinRun(run, t, request);
        completed = true;
      } finally {
        busy = false;
      }
    },
    async cancel() {
      await run.step('complete-request', async () => {
        if (run.facts.requestCreatedByFlow === true)
          await deps.cm.updateRequestStatus(t.requestId, 'Canceled', deps.signal);
        await run.finish();
      });
    },
  };
}

/**
 * One-shot unblock for callers that already hold the new PIN: {@link prepareUnblock} then `run`.
 * The policy is only known after `prepare`, so a PIN that breaks it cancels the request just
 * created (a caller without a session could not retry it) and rethrows `flow/pin-policy`.
 */
export async function unblockPin(
  deps: FlowDeps,
  opts: { newPin: string; confirmation?: string } & ResumeOption & RequestInput,
): Promise<void> {
  const session = await prepareUnblock(deps, opts);
  try {
    await session.run(opts.newPin, opts.confirmation);
  } catch (e) {
    if (e instanceof FlowError && e.code === 'flow/pin-policy') await session.cancel();
    throw e;
  }
}
