/**
 * Renew and online update of an in-service card (MIM CM request types Renew / OnlineUpdate,
 * create-request.md; cm-rest-api "Managing an existing card": a request with `smartcard`, then the
 * enrollment's certificate stage): request on the card → approval when the policy asks → generation
 * options → keys generated on the card → CSRs signed by the card → `certificatedata` → certificates
 * installed → Completed. The certificate stage is enrollment's own (enroll-certs.ts), with its
 * journal facts, so a resume never generates a second key for a slot nor posts the CSRs twice.
 *
 * The card PIN is checked first (VERIFY), so a typo leaves no request behind. New keys go to free
 * key slots (the card layer's allocator); whether CM's template replaces or keeps the old
 * certificates is not exposed by the REST API, so the old ones stay on the card (docs/operations.md).
 * Offered by the renew view (ui/views/renew-view.ts) where CM lists the operation.
 */
import { REQUEST_STATUSES, REQUEST_TYPES, isNoContent } from '../cm';
import { readCard } from './card-ops';
import { COMPLETING, certificateStage } from './enroll-certs';
import type { InstalledCertificate } from './pkcs7';
import { FlowRun } from './run';
import { findRegisteredCard, myRequests, obtainRequest, waitForApproval, type RequestInput } from './server';
import type { RenewType } from './renew-offer';
import type { FlowDeps, FlowStep, ResumeOption, Target } from './types';

export const RENEW_STEPS: readonly FlowStep[] = [
  'read-card',
  'find-card',
  'find-request',
  'create-request',
  'wait-approval',
  'get-cert-options',
  'generate-keys',
  'request-certificates',
  'install-certificates',
  'complete-request',
];

export interface RenewInput extends ResumeOption, RequestInput {
  /** Renew (new certificates for the template's certificates) or OnlineUpdate (bring the card to the template's current version). */
  type: RenewType;
  /** The card's PIN: key generation and signing need it. Kept in memory only. */
  cardPin: string;
}

export interface RenewResult {
  requestId: string;
  cmCardUuid: string;
  /** Certificates written by this run (empty when a resume found the request already completed). */
  certificates: InstalledCertificate[];
}

/** Runs a renew / online update to Completed (or resumes one). */
export async function renewCertificates(deps: FlowDeps, input: RenewInput): Promise<RenewResult> {
  const run = new FlowRun(deps, 'renew', RENEW_STEPS, input.resume);
  return run.guard(() => renewRun(run, deps, input));
}

/**
 * The steps in the order of their data dependencies (docs/flow-timing.md "Renew"): the request
 * list while the card is read; VERIFY while the card is looked up; the smart card configuration
 * while the request is created; the generation options once it is approved.
 */
async function renewRun(run: FlowRun, deps: FlowDeps, input: RenewInput): Promise<RenewResult> {
  const { cm, card, signal } = deps;
  const listing = run.resumedRequestId === undefined ? run.early(myRequests(run)) : undefined;
  const facts = await run.step('read-card', () => readCard(run));
  run.begin(facts.cardId, 'started');
  const journaled = run.journal.requestId;
  const completing = run.journal.stage === COMPLETING && journaled !== undefined;
  // The PIN is checked before any request exists, so a typo leaves none behind; it needs only the
  // card, so it runs while CM looks the card up (a run cut after completing needs no PIN).
  const [sc] = await run.all(
    () => run.step('find-card', () => findRegisteredCard(run, facts.cardId)),
    async () => {
      if (!completing) await run.step('read-card', () => card.verifyPin(input.cardPin, { signal }));
    },
  );
  // A cut after the completing PUT reached the server: nothing left to do but forget the run.
  if (completing) {
    const r = await run.step('find-request', () => cm.getRequest(journaled, signal));
    if (!isNoContent(r) && r.Status === REQUEST_STATUSES.Completed) {
      await run.finish();
      return { requestId: journaled, cmCardUuid: sc.Uuid, certificates: [] };
    }
    await run.step('read-card', () => card.verifyPin(input.cardPin, { signal }));
  }
  // Needs only the card's template: asked while the request is created and approved.
  const config = run.early(() => cm.getSmartcardConfig(sc.ProfileTemplateUuid, signal));
  let request = await obtainRequest(run, sc, input.type, [REQUEST_TYPES[input.type]], input, listing);
  request = await run.step('wait-approval', () => waitForApproval(run, request));
  const approved = request;
  const options = run.early(() => cm.getCertificateRequestGenerationOptions(approved.Uuid, signal));
  const cfg = await run.step('get-cert-options', config);
  // The card is in service: its admin key is the diversified one when the template diversifies.
  if (run.facts.adminKeyDiversified === undefined)
    await run.save({ facts: { adminKeyDiversified: !isNoContent(cfg) && cfg.DiversifyAdminKey } });
  const t: Target = { ...facts, requestId: request.Uuid, cmCardUuid: sc.Uuid };
  const certificates = await certificateStage(run, t, input.cardPin, { inServiceCard: true, options });
  return { requestId: t.requestId, cmCardUuid: t.cmCardUuid, certificates };
}
