/**
 * Flows layer: the four user operations, combining a `ManagedCard`, a `CmClient` and an `AppStore`
 * (docs/architecture.md "Layers"). No DOM, no UI text. Every flow:
 * - takes {@link FlowDeps} (`card`, `cm`, `store`, optional `signal`, `onProgress`, `now`,
 *   `pollIntervalMs`, `approvalTimeoutMs`, `cardIdByteOrder`);
 * - emits {@link FlowProgress} `{ flow, step, index, total, attempt? }` with stable step ids from its
 *   `*_STEPS` list (a step may be skipped, e.g. `create-request` when a request is reused);
 * - throws {@link FlowError} (`code`, `data.nextStep`, `data.flow`, `data.step`, `cause`) or
 *   `AbortedError` (code `aborted`) when the signal fires;
 * - journals ids and stage names (never a secret) and accepts `{ resume: JournalEntry }` from
 *   {@link resumableFlows} to continue from the server's and the card's actual state.
 *
 * API:
 * ```ts
 * startServerProposedPin(deps, { resume? }): Promise<ProposedPinResult>
 *   // { kind: 'proposed', pin, policy, apply(), discard() }
 *   // | { kind: 'user-chosen', policy, apply(pin), discard() }   (204: user picks the PIN)
 *   // | { kind: 'completed' }                                   (resume found the PIN already set)
 *   // discard() returns a Promise: it cancels the request the run created (PUT Canceled).
 * prepareUnblock(deps, { resume?, dataCollection?, comment? }): Promise<UnblockSession>
 *   // { policy, pendingApproval, requestId, completed, run(newPin, confirmation?), cancel() }
 * unblockPin(deps, { newPin, confirmation?, resume? }): Promise<void>   // prepare + run in one call
 * listEnrollTemplates(cm, signal?): Promise<EnrollTemplate[]>
 * getEnrollPolicy(cm, templateUuid, signal?): Promise<EnrollPolicy>   // fields, pinPolicy, approvals…
 * missingFields(fields, values): string[]
 * enrollCard(deps, { profileTemplateUuid, dataCollection, fields?, comment?, userPin?,
 *                    confirmProposedPin?, cardPin?, resume? }): Promise<EnrollResult>   // to Completed; certificates read back
 * retireCard(deps, { confirm: true, resume?, dataCollection?, comment? }): Promise<RetireResult>
 * resumableFlows(store, cardId): Promise<JournalEntry[]>
 * certificatesPending(store, cardId): Promise<JournalEntry[]>
 * validatePin(pin, policy, confirmation?): PinCheck   // { ok: true } | { ok: false, reason, … }
 * ```
 *
 * Error codes and their `data.nextStep`: see errors.ts (`flow/card-not-registered` → `enroll-card`,
 * `flow/no-permission` (403) → `contact-admin-permission`, `flow/server-error` (500, keeps
 * `correlationId`) → `contact-admin-with-correlation-id`, `flow/approval-timeout` → `wait-and-resume`,
 * `flow/approval-denied`, `flow/pin-policy` (`reason`), `flow/card-removed`, `flow/admin-auth-failed`, …).
 */
export {
  FlowError,
  noCardError,
  toFlowError,
  type FlowErrorCode,
  type FlowErrorData,
  type NextStep,
} from './errors';
export { CERTIFICATES_PENDING, certificatesPending, resumableFlows, resumesWithoutPin } from './journal';
export {
  CARD_PIN_MAX,
  CARD_PIN_MIN,
  cardOnlyPinPolicy,
  pinPolicyFromConfig,
  validatePin,
  type PinCharset,
  type PinCheck,
  type PinPolicy,
  type PinRejectReason,
} from './pin-policy';
export {
  SERVER_PROPOSED_PIN_STEPS,
  startServerProposedPin,
  type ProposedPinResult,
} from './server-proposed-pin';
export { UNBLOCK_STEPS, prepareUnblock, unblockPin, type UnblockSession } from './unblock';
export { CARD_PIN_REQUIRED, ENROLL_STEPS, enrollCard, type EnrollInput, type EnrollResult } from './enroll';
export { KEY_GENERATION_TIMEOUT_MS } from './enroll-certs';
export type { InstalledCertificate } from './pkcs7';
export {
  getEnrollPolicy,
  listEnrollTemplates,
  missingFields,
  type DataField,
  type EnrollPolicy,
  type EnrollTemplate,
} from './enroll-policy';
export { CHANGE_PIN_STEPS, changePin, prepareChangePin, type ChangePinSession } from './change-pin';
export { cardPinLimits, narrowToCard, userPinPolicy, type PolicySource } from './card-pin-policy';
export {
  OFFLINE_UNBLOCK_STEPS,
  groupedHex,
  parseResponseCode,
  prepareOfflineUnblock,
  type OfflineUnblockSession,
} from './offline-unblock';
export {
  DEFAULT_EXPIRY_WARNING_DAYS,
  certificateExpiry,
  certificatesNeedingRenewal,
  notAfterMs,
  supersededSerials,
  type CertificateExpiry,
  type ExpiryState,
} from './expiry';
export {
  everydayActions,
  everydayByCardType,
  type EverydayAction,
  type EverydayReason,
  type EverydayVerdict,
} from './everyday-actions';
export { RETIRE_STEPS, retireCard, type RetireResult } from './retire';
export {
  CARD_ACTIONS,
  actionsByCardType,
  cardActions,
  type ActionReason,
  type ActionVerdict,
  type CardAction,
} from './card-actions';
export { DEFAULT_APPROVAL_TIMEOUT_MS, DEFAULT_POLL_INTERVAL_MS } from './run';
export type { RequestInput } from './server';
export type { FlowDeps, FlowName, FlowProgress, FlowStep, JournalEntry, ResumeOption } from './types';
export { RENEW_STEPS, renewCertificates, type RenewInput, type RenewResult } from './renew';
export {
  getRenewOffer,
  journaledRenewType,
  type RenewChoice,
  type RenewOffer,
  type RenewType,
} from './renew-offer';
export {
  diagnosticsFacts,
  supportBundle,
  type DiagnosticsFacts,
  type SupportBundleInput,
} from './support-bundle';
