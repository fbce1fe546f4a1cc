/**
 * Server-proposed PIN, the seed operation (MIM doc page "Get smartcard proposed PIN";
 * docs/mim-cm-api.md "Enrollment"): read card → find the CM card (`GET /smartcards?cardid=`) → its template's
 * PIN policy → a request on the card → fresh challenge → `serverproposedpin` → the user sees and
 * confirms the PIN → fresh challenge → `authenticationresponse` → admin auth → set PIN → complete.
 *
 * Two-phase: {@link startServerProposedPin} stops before the card is changed and hands back the PIN
 * (200) or the policy for a user-chosen PIN (204: the template does not let the server choose).
 *
 * Decision (docs silent): `authenticationresponse` needs a request id, and a card in service has no
 * open request. The flow reuses an open Unblock/Enroll request on the card (an operator-started
 * enrollment, or an earlier cut-off run) and otherwise creates an Unblock request — MIM's request
 * type for "set a new user PIN by admin key" (docs/mim-cm-api.md "Managing an existing card"). An Enroll request is never
 * completed here (its certificates come later); an Unblock request is completed after the PIN is set.
 */
import { REQUEST_TYPES, SMARTCARD_STATUSES, isNoContent } from '../cm';
import type { CmNoContent, CmRequest, Smartcard, SmartcardConfig } from '../cm';
import { readCard, requirePinByAdminKey, setPinWithAdminKey } from './card-ops';
import { CERTIFICATES_PENDING } from './journal';
import { cardOnlyPinPolicy, pinPolicyFromConfig, type PinPolicy } from './pin-policy';
import { finishPinRun, requireValidPin } from './pin-run';
import { FlowRun } from './run';
import { findRegisteredCard, myRequests, obtainRequest, waitForApproval } from './server';
import type { FlowDeps, FlowStep, ResumeOption, Target } from './types';

export const SERVER_PROPOSED_PIN_STEPS: readonly FlowStep[] = [
  'read-card',
  'find-card',
  'get-policy',
  'find-request',
  'create-request',
  'wait-approval',
  'get-pin',
  'apply-pin',
  'complete-request',
];

export type ProposedPinResult =
  /** 200: show `pin`; `apply()` on the user's confirmation, `discard()` when they leave. */
  | { kind: 'proposed'; pin: string; policy: PinPolicy; apply(): Promise<void>; discard(): Promise<void> }
  /** 204: ask the user for a PIN within `policy` (check it with `validatePin`), then `apply(pin)`. */
  | { kind: 'user-chosen'; policy: PinPolicy; apply(pin: string): Promise<void>; discard(): Promise<void> }
  /** Resumed run whose PIN was already on the card: the request has now been closed; nothing to show. */
  | { kind: 'completed' };

/** Default admin-key belief for a card in service: diversified when the template diversifies, unless still just bound. */
export function diversifiedBelief(run: FlowRun, sc: Smartcard, cfg: SmartcardConfig | undefined): boolean {
  const fact = run.facts.adminKeyDiversified;
  if (typeof fact === 'boolean') return fact;
  return (cfg?.DiversifyAdminKey ?? false) && sc.Status !== SMARTCARD_STATUSES.Assigned;
}

/**
 * Phase 1 of the server-proposed PIN (see module note). Emits `read-card` … `get-pin`; throws
 * `FlowError` (`flow/card-not-registered`, `flow/no-permission` on 403, `flow/server-error` on 500
 * with `correlationId`, `flow/approval-*`, `flow/card-removed`, …).
 */
export async function startServerProposedPin(
  deps: FlowDeps,
  opts: ResumeOption = {},
): Promise<ProposedPinResult> {
  const run = new FlowRun(deps, 'server-proposed-pin', SERVER_PROPOSED_PIN_STEPS, opts.resume);
  return run.guard(() => phase1(run, deps));
}

async function phase1(run: FlowRun, deps: FlowDeps): Promise<ProposedPinResult> {
  const { card, cm, signal } = deps;
  // Depends on nothing the flow learns: asked while the card is read (docs/flow-timing.md).
  const listing = run.resumedRequestId === undefined ? run.early(myRequests(run)) : undefined;
  const facts = await run.step('read-card', () => readCard(run));
  run.begin(facts.cardId, 'started');
  requirePinByAdminKey(run, 'read-card');
  // The challenge `serverproposedpin` carries is only sent, never answered (the card is not
  // authenticated with it), so it is read while the server works instead of after it.
  const challenge =
    run.journal.stage === 'pin-set' ? undefined : run.early(() => card.getAdminChallenge({ signal }));
  try {
    const sc = await run.step('find-card', () => findRegisteredCard(run, facts.cardId));
    const [cfgAnswer, found] = await run.all(
      () => run.step('get-policy', () => cm.getSmartcardConfig(sc.ProfileTemplateUuid, signal)),
      () => obtainRequest(run, sc, 'Unblock', [REQUEST_TYPES.Unblock, REQUEST_TYPES.Enroll], {}, listing),
    );
    const cfg = isNoContent(cfgAnswer) ? undefined : cfgAnswer;
    const policy = cfg ? pinPolicyFromConfig(cfg) : cardOnlyPinPolicy();
    let request: CmRequest = found;
    const t: Target = { ...facts, requestId: request.Uuid, cmCardUuid: sc.Uuid };
    if (run.journal.stage === 'pin-set') {
      await finishPinRun(run, t, request);
      return { kind: 'completed' };
    }
    request = await run.step('wait-approval', () => waitForApproval(run, request));

    const proposed = await run.step('get-pin', async () => {
      const bytes = await challenge!();
      // The page never says why a challenge is needed; it is documented, so a fresh one is sent (§3).
      return cm.getServerProposedPin(
        t.requestId,
        t.cmCardUuid,
        { cardId: t.cardId, atr: t.atr, challenge: bytes },
        signal,
      );
    });
    await run.save({
      stage: isNoContent(proposed) ? 'awaiting-user-pin' : 'pin-proposed',
      requestId: t.requestId,
      cmCardUuid: t.cmCardUuid,
    });
    return offer(run, sc, cfg, policy, t, request, proposed);
  } finally {
    // Zero-filled once the flow no longer needs it, whether it was sent or not.
    void challenge?.().then(
      (b) => b.fill(0),
      () => undefined,
    );
  }
}

/** Phase 2 handles: apply the PIN (proposed or the user's), or discard the run. */
function offer(
  run: FlowRun,
  sc: Smartcard,
  cfg: SmartcardConfig | undefined,
  policy: PinPolicy,
  t: Target,
  request: CmRequest,
  proposed: string | CmNoContent,
): ProposedPinResult {
  let busy = false;
  const apply = async (pin: string) => {
    if (busy) run.fail('apply-pin', 'flow/request-closed', 'apply() is already running or done');
    busy = true;
    try {
      const belief = diversifiedBelief(run, sc, cfg);
      const used = await run.step('apply-pin', () => setPinWithAdminKey(run, t, pin, belief));
      await run.save({ stage: 'pin-set', facts: { adminKeyDiversified: used } });
      await finishPinRun(run, t, request);
    } catch (e) {
      busy = false; // a failed apply may be retried (after re-inserting the card, use resume instead)
      throw e;
    }
  };
  const discard = () => discardRun(run, t);
  if (isNoContent(proposed)) {
    const userPolicy: PinPolicy = { ...policy, source: 'user' };
    return {
      kind: 'user-chosen',
      policy: userPolicy,
      apply: async (pin: string) => {
        requireValidPin(run, pin, userPolicy);
        await apply(pin);
      },
      discard,
    };
  }
  return {
    kind: 'proposed',
    pin: proposed,
    policy: { ...policy, source: 'server' },
    apply: () => apply(proposed),
    discard,
  };
}

/** The user left without applying: cancel the request this run created, forget the run. */
async function discardRun(run: FlowRun, t: Target): Promise<void> {
  await run.step('complete-request', async () => {
    if (run.facts.requestCreatedByFlow === true)
      await run.deps.cm.updateRequestStatus(t.requestId, 'Canceled', run.signal);
    await run.finish();
  });
}

export { CERTIFICATES_PENDING };
