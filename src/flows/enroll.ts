/**
 * Enrollment through PIN set (sample-enrollment-walkthrough.md; cm-rest-api.md §6.1 steps 4–12;
 * card-protocols.md §3): create the Enroll request → wait for approval → smart card configuration →
 * bind the card (`POST /smartcards`) → diversify the admin key when configured → set the PIN (user
 * or server proposed). The certificate stage is a later issue: the run stops at
 * {@link CERTIFICATES_PENDING} in the journal and never marks the request Completed.
 *
 * Resumption follows the server and the card, not only the journal: the request's
 * `NewSmartcardUuid` says whether the card is bound; the card's answer to the default vs the
 * diversified key says whether the key was already changed (card-ops.ts `adminAuth`).
 */
import { REQUEST_TYPES, SMARTCARD_STATUSES, isNoContent } from '../cm';
import type { CmRequest, SmartcardConfig } from '../cm';
import { installDiversifiedKey, readCard, requirePinByAdminKey, setPinWithAdminKey } from './card-ops';
import { missingFields, type DataField } from './enroll-policy';
import { CERTIFICATES_PENDING } from './journal';
import { pinPolicyFromConfig, type PinPolicy } from './pin-policy';
import { requireValidPin } from './pin-run';
import { FlowRun } from './run';
import { boundCard, findUnboundEnroll, must, openRequest, waitForApproval } from './server';
import type { FlowDeps, FlowStep, ResumeOption, Target } from './types';

export const ENROLL_STEPS: readonly FlowStep[] = ['read-card', 'get-policy', 'check-card', 'create-request', 'wait-approval', 'bind-card', 'diversify-key', 'get-pin', 'apply-pin', 'certificates-pending'];

export interface EnrollInput extends ResumeOption {
  profileTemplateUuid: string;
  /** Form values by data-collection item name (see `getEnrollPolicy(...).fields`). */
  dataCollection: Readonly<Record<string, string>>;
  /** Required fields of the form; when given, empty ones stop the flow before anything is created. */
  fields?: readonly DataField[];
  comment?: string;
  /** The user's PIN when the template lets the user choose (policy `source: 'user'`); needed again on resume (never journaled). */
  userPin?: string;
  /**
   * Shows a server-proposed PIN and resolves true once the user confirmed they noted it (policy
   * `source: 'server'`). Resolving false stops the run (journal kept) with `flow/confirmation-required`.
   */
  confirmProposedPin?: (pin: string) => Promise<boolean>;
}

export interface EnrollResult {
  requestId: string;
  cmCardUuid: string;
  pinSource: 'user' | 'server';
  adminKeyDiversified: boolean;
  stage: typeof CERTIFICATES_PENDING;
}

/** Runs (or resumes) an enrollment up to "PIN set — certificates pending". */
export async function enrollCard(deps: FlowDeps, input: EnrollInput): Promise<EnrollResult> {
  const run = new FlowRun(deps, 'enroll', ENROLL_STEPS, input.resume);
  const { cm, signal } = deps;
  const facts = await run.step('read-card', () => readCard(run));
  run.begin(facts.cardId, 'started');
  const templateUuid = String(run.facts.templateUuid ?? input.profileTemplateUuid).toLowerCase();
  if (run.journal.stage === CERTIFICATES_PENDING) return result(run, 'user');
  requirePinByAdminKey(run, 'read-card');

  const cfg: SmartcardConfig = await run.step('get-policy', async () => must(run, 'get-policy', await cm.getSmartcardConfig(templateUuid, signal), 'the smart card configuration'));
  const policy = pinPolicyFromConfig(cfg);
  precheck(run, input, policy);

  let request: CmRequest;
  const journaled = run.journal.requestId;
  if (journaled !== undefined) {
    request = await run.step('create-request', () => openRequest(run, 'create-request', journaled));
  } else {
    await run.step('check-card', async () => {
      const existing = (await cm.findSmartcards({ cardId: facts.cardId, signal })).find((c) => c.Status !== SMARTCARD_STATUSES.Retired);
      if (existing) run.fail('check-card', 'flow/card-already-registered', 'This card is already registered in CM', { cmCardUuid: existing.Uuid });
    });
    request = await run.step('create-request', () => createOrReuse(run, input, templateUuid));
  }
  request = await run.step('wait-approval', () => waitForApproval(run, request));

  const cmCardUuid = await run.step('bind-card', async () => {
    const bound = boundCard(request) ?? run.journal.cmCardUuid;
    if (bound !== undefined) return bound;
    return cm.assignSmartcard({ requestId: request.Uuid, cardId: facts.cardId, atr: facts.atr }, signal);
  });
  await run.save({ cmCardUuid, stage: 'card-bound' });
  const t: Target = { ...facts, requestId: request.Uuid, cmCardUuid };

  if (run.facts.adminKeyDiversified !== true) {
    const diversified = cfg.DiversifyAdminKey && (await run.step('diversify-key', () => installDiversifiedKey(run, t)));
    await run.save({ stage: 'key-ready', facts: { adminKeyDiversified: diversified } });
  }

  const pin = await run.step('get-pin', () => pinFor(run, t, input, policy));
  const used = await run.step('apply-pin', () => setPinWithAdminKey(run, t, pin, run.facts.adminKeyDiversified === true));
  run.progress('certificates-pending');
  await run.save({ stage: CERTIFICATES_PENDING, facts: { adminKeyDiversified: used, serverProposed: policy.source === 'server' } });
  return result(run, policy.source);
}

/** Refuses bad input before anything is created: missing form fields, a PIN outside the policy. */
function precheck(run: FlowRun, input: EnrollInput, policy: PinPolicy): void {
  const missing = missingFields(input.fields ?? [], input.dataCollection);
  if (missing.length > 0) run.fail('get-policy', 'flow/data-missing', 'Required form fields are empty', { fields: missing.join(',') });
  if (policy.source === 'user') requireValidPin(run, input.userPin ?? '', policy);
  else if (!input.confirmProposedPin) run.fail('get-policy', 'flow/confirmation-required', 'A server-proposed PIN needs confirmProposedPin');
}

/**
 * A new Enroll request, or the unbound one an earlier run created before the network dropped its
 * answer (`findUnboundEnroll`); its id is journaled before anything else happens on it.
 */
async function createOrReuse(run: FlowRun, input: EnrollInput, templateUuid: string): Promise<CmRequest> {
  const { cm, signal } = run.deps;
  const orphan = await findUnboundEnroll(run, templateUuid);
  if (orphan) {
    await run.save({ requestId: orphan.Uuid, stage: 'request-found', facts: { templateUuid, requestType: REQUEST_TYPES.Enroll } });
    return orphan;
  }
  const dataCollection = Object.entries(input.dataCollection).map(([name, value]) => ({ name, value }));
  const id = await cm.createRequest({ type: 'Enroll', profileTemplateId: templateUuid, dataCollection, comment: input.comment ?? '' }, signal);
  await run.save({ requestId: id, stage: 'request-created', facts: { templateUuid, requestCreatedByFlow: true, requestType: REQUEST_TYPES.Enroll } });
  return must(run, 'create-request', await cm.getRequest(id, signal), 'the new request');
}

/** The PIN to set: the user's, or the server's (`serverproposedpin` with a fresh challenge) once confirmed. */
async function pinFor(run: FlowRun, t: Target, input: EnrollInput, policy: PinPolicy): Promise<string> {
  if (policy.source === 'user') return input.userPin!;
  const { card, cm, signal } = run.deps;
  const challenge = await card.getAdminChallenge({ signal });
  let answer: Awaited<ReturnType<typeof cm.getServerProposedPin>>;
  try {
    answer = await cm.getServerProposedPin(t.requestId, t.cmCardUuid, { cardId: t.cardId, atr: t.atr, challenge }, signal);
  } finally {
    challenge.fill(0);
  }
  // 204 although the template says "server": fall back to the user's PIN when one was given.
  if (isNoContent(answer)) {
    requireValidPin(run, input.userPin ?? '', { ...policy, source: 'user' });
    return input.userPin!;
  }
  if (!(await input.confirmProposedPin!(answer))) run.fail('get-pin', 'flow/confirmation-required', 'The user did not confirm the proposed PIN');
  return answer;
}

function result(run: FlowRun, source: 'user' | 'server'): EnrollResult {
  const e = run.journal;
  const pinSource = typeof e.facts.serverProposed === 'boolean' ? (e.facts.serverProposed ? 'server' : 'user') : source;
  return { requestId: e.requestId!, cmCardUuid: e.cmCardUuid!, pinSource, adminKeyDiversified: e.facts.adminKeyDiversified === true, stage: CERTIFICATES_PENDING };
}
