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
import { findRegisteredCard, obtainRequest, waitForApproval, type RequestInput } from './server';
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
  const facts = await run.step('read-card', () => readCard(run));
  run.begin(facts.cardId, 'started');
  const sc = await run.step('find-card', () => findRegisteredCard(run, facts.cardId));
  // A cut after the completing PUT reached the server: nothing left to do but forget the run.
  const journaled = run.journal.requestId;
  if (run.journal.stage === COMPLETING && journaled) {
    const r = await run.step('find-request', () => deps.cm.getRequest(journaled, deps.signal));
    if (!isNoContent(r) && r.Status === REQUEST_STATUSES.Completed) {
      await run.finish();
      return { requestId: journaled, cmCardUuid: sc.Uuid, certificates: [] };
    }
  }
  await run.step('read-card', () => deps.card.verifyPin(input.cardPin, { signal: deps.signal }));
  let request = await obtainRequest(run, sc, input.type, [REQUEST_TYPES[input.type]], input);
  request = await run.step('wait-approval', () => waitForApproval(run, request));
  const cfg = await run.step('get-cert-options', () =>
    deps.cm.getSmartcardConfig(sc.ProfileTemplateUuid, deps.signal),
  );
  // The card is in service: its admin key is the diversified one when the template diversifies.
  if (run.facts.adminKeyDiversified === undefined)
    await run.save({ facts: { adminKeyDiversified: !isNoContent(cfg) && cfg.DiversifyAdminKey } });
  const t: Target = { ...facts, requestId: request.Uuid, cmCardUuid: sc.Uuid };
  const certificates = await certificateStage(run, t, input.cardPin, { inServiceCard: true });
  return { requestId: t.requestId, cmCardUuid: t.cmCardUuid, certificates };
}
