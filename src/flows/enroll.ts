/**
 * Enrollment (sample-enrollment-walkthrough.md; docs/mim-cm-api.md "Enrollment"; docs/gids.md
 * §3): create the Enroll request → wait for approval → smart card configuration → bind the card
 * (`POST /smartcards`) → diversify the admin key when configured → set the PIN (user or server
 * proposed) → on-card keys, certificate requests and certificates (enroll-certs.ts) → request
 * Completed, card Active.
 *
 * PIV cards cannot set a PIN from an admin-key response (managed.ts capabilities; SP 800-73-4 has
 * only the PUK for that), so a PIV enrollment keeps the card's PIN: the caller passes it as
 * `cardPin`, the steps get-pin/apply-pin are skipped, and the admin key (9B) authorizes key
 * generation and certificate writes while the PIN authorizes signing.
 *
 * Resumption follows the server and the card, not only the journal: the request's
 * `NewSmartcardUuid` says whether the card is bound; the card's answer to the default vs the
 * diversified key says whether the key was already changed (card-ops.ts `adminAuth`).
 */
import { REQUEST_STATUSES, isNoContent } from '../cm';
import { installDiversifiedKey, readCard, setPinWithAdminKey } from './card-ops';
import { COMPLETING, certificateStage } from './enroll-certs';
import type { DataField, EnrollPolicy } from './enroll-policy';
import type { InstalledCertificate } from './pkcs7';
import { CERTIFICATES_PENDING, PIN_SET_STAGES } from './journal';
import { pinPolicyFromConfig } from './pin-policy';
import { CARD_PIN_REQUIRED, pinFor, pinOnCard, precheck, precheckForm } from './enroll-pin';
import { enrollRequest } from './enroll-request';
import { FlowRun } from './run';
import { forgetLookup } from './recent-lookup';
import { boundCard, must, myRequests, waitForApproval } from './server';
import type { FlowDeps, FlowStep, ResumeOption, Target } from './types';

export { CARD_PIN_REQUIRED };

export const ENROLL_STEPS: readonly FlowStep[] = [
  'read-card',
  'get-policy',
  'check-card',
  'create-request',
  'wait-approval',
  'bind-card',
  'get-pin',
  'diversify-key',
  'apply-pin',
  'get-cert-options',
  'generate-keys',
  'request-certificates',
  'install-certificates',
  'complete-request',
];

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
  /**
   * The PIN already on the card: always needed for PIV (its PIN is kept), and for GIDS when a run
   * resumes after its PIN was set (for a user-chosen PIN `userPin` serves). Never journaled.
   * Missing where needed → `flow/confirmation-required` with `data.reason` {@link CARD_PIN_REQUIRED}
   * (nothing is created when it is found missing up front).
   */
  cardPin?: string;
  /**
   * The template's policy as the enroll view fetched it (`getEnrollPolicy`); when it is for this
   * template the flow does not ask `…/configuration/smartcards` again.
   */
  policy?: EnrollPolicy;
}

export interface EnrollResult {
  requestId: string;
  cmCardUuid: string;
  pinSource: 'user' | 'server' | 'card';
  adminKeyDiversified: boolean;
  stage: 'completed';
  /** Certificates read back from the card after installation (empty when a resume found the request already completed). */
  certificates: InstalledCertificate[];
}

/** Runs (or resumes) an enrollment to "Completed": PIN, keys and certificates on the card, card Active. */
export async function enrollCard(deps: FlowDeps, input: EnrollInput): Promise<EnrollResult> {
  const run = new FlowRun(deps, 'enroll', ENROLL_STEPS, input.resume);
  return run.guard(() => enrollRun(run, deps, input));
}

async function enrollRun(run: FlowRun, deps: FlowDeps, input: EnrollInput): Promise<EnrollResult> {
  const { cm, signal, card } = deps;
  const wanted = String(input.resume?.facts.templateUuid ?? input.profileTemplateUuid).toLowerCase();
  // The enroll view has the template's policy already (getEnrollPolicy): not asked again. Without
  // it, the configuration and the request list depend on nothing: asked while the card is read.
  const given = input.policy?.templateUuid.toLowerCase() === wanted ? input.policy : undefined;
  const config = given ? undefined : run.early(() => cm.getSmartcardConfig(wanted, signal));
  const listing = run.resumedRequestId === undefined ? run.early(myRequests(run)) : undefined;
  const facts = await run.step('read-card', () => readCard(run));
  run.begin(facts.cardId, 'started');
  const templateUuid = String(run.facts.templateUuid ?? input.profileTemplateUuid).toLowerCase();
  const keepsPin = !card.capabilities.setPinWithAdminKey;
  if (keepsPin && !input.cardPin)
    run.fail('read-card', 'flow/confirmation-required', 'This card keeps its own PIN: enter it to enroll', {
      reason: CARD_PIN_REQUIRED,
      cardType: card.type,
    });

  const { policy, diversify } = given
    ? { policy: given.pinPolicy, diversify: given.diversifyAdminKey }
    : await run.step('get-policy', async () => {
        const cfg = must(run, 'get-policy', await config!(), 'the smart card configuration');
        return { policy: pinPolicyFromConfig(cfg), diversify: cfg.DiversifyAdminKey };
      });
  const pinSet = PIN_SET_STAGES.has(run.journal.stage);
  if (!keepsPin && !pinSet) precheck(run, input, policy);
  else precheckForm(run, input);

  let request = await enrollRequest(run, input, facts, {
    templateUuid,
    keepsPin,
    doneStages: [COMPLETING],
    listing,
  });
  if (request.Status === REQUEST_STATUSES.Completed) {
    await run.finish(); // the completing PUT reached the server; only its answer was lost
    return result(run, keepsPin ? 'card' : policy.source, []);
  }
  forgetLookup(cm); // the card's record changes from here on
  request = await run.step('wait-approval', () => waitForApproval(run, request));
  // The generation options need only the approved request: asked while the card is bound.
  const approved = request;
  const options = run.early(() => cm.getCertificateRequestGenerationOptions(approved.Uuid, signal));
  // The challenge `serverproposedpin` carries is only sent, never answered: read while binding.
  const serverPin = !keepsPin && !pinSet && policy.source === 'server';
  const challenge = serverPin ? run.early(() => card.getAdminChallenge({ signal })) : undefined;

  const cmCardUuid = await run.step('bind-card', async () => {
    const bound = boundCard(request) ?? run.journal.cmCardUuid;
    if (bound !== undefined) return bound;
    return cm.assignSmartcard({ requestId: request.Uuid, cardId: facts.cardId, atr: facts.atr }, signal);
  });
  // A resumed run past the PIN keeps its later stage: going back to 'card-bound' would make the next
  // resume believe no PIN is set, ask for a new one and write a PIN a second time.
  await run.save({ cmCardUuid, ...(!pinSet && { stage: 'card-bound' }) });
  const t: Target = { ...facts, requestId: request.Uuid, cmCardUuid };

  const installKey = run.facts.adminKeyDiversified !== true && diversify;
  // The new admin key needs only the bound card: fetched while the PIN is fetched and confirmed.
  const key = installKey
    ? run.early(() =>
        cm.getDiversifiedKey(t.requestId, t.cmCardUuid, { cardId: t.cardId, atr: t.atr }, signal),
      )
    : undefined;
  try {
    const newPin =
      keepsPin || pinSet
        ? undefined
        : await run.step('get-pin', () => pinFor(run, t, input, policy, challenge));
    let pinDone = false;
    // The card keeps the admin-key authentication of the key change (docs/piv.md): PIV key
    // generation goes on with it instead of a second challenge and authenticationresponse.
    let adminHeld = false;
    if (run.facts.adminKeyDiversified !== true) {
      // Key and PIN in one admin authentication where the card keeps it (card-ops.ts).
      const r = key
        ? await run.step('diversify-key', () =>
            installDiversifiedKey(run, t, { key, ...(newPin !== undefined && { pin: newPin }) }),
          )
        : { diversified: false, pinSet: false };
      pinDone = r.pinSet;
      adminHeld = key !== undefined;
      if (pinDone)
        await run.save({
          stage: CERTIFICATES_PENDING,
          facts: { adminKeyDiversified: r.diversified, serverProposed: policy.source === 'server' },
        });
      else
        await run.save({
          ...(!pinSet && { stage: 'key-ready' }),
          facts: { adminKeyDiversified: r.diversified },
        });
    }

    let keyPin: string;
    if (keepsPin) keyPin = input.cardPin!;
    else if (pinSet) keyPin = await pinOnCard(run, t, input);
    else {
      keyPin = newPin!;
      if (!pinDone) {
        const used = await run.step('apply-pin', () =>
          setPinWithAdminKey(run, t, keyPin, run.facts.adminKeyDiversified === true),
        );
        await run.save({
          stage: CERTIFICATES_PENDING,
          facts: { adminKeyDiversified: used, serverProposed: policy.source === 'server' },
        });
      }
    }
    const certificates = await certificateStage(run, t, keyPin, { options, adminHeld });
    return result(run, keepsPin ? 'card' : policy.source, certificates);
  } finally {
    void challenge?.().then(
      (c) => c.fill(0),
      () => undefined,
    );
    void key?.().then(
      (k) => isNoContent(k) || k.fill(0),
      () => undefined,
    );
  }
}

function result(
  run: FlowRun,
  source: EnrollResult['pinSource'],
  certificates: InstalledCertificate[],
): EnrollResult {
  const e = run.journal;
  const pinSource =
    typeof e.facts.serverProposed === 'boolean' ? (e.facts.serverProposed ? 'server' : 'user') : source;
  return {
    requestId: e.requestId!,
    cmCardUuid: e.cmCardUuid!,
    pinSource,
    adminKeyDiversified: e.facts.adminKeyDiversified === true,
    stage: 'completed',
    certificates,
  };
}
