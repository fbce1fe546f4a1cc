/**
 * The tail every PIN-setting flow shares: reject a PIN that breaks the policy before any APDU or
 * HTTP call (so bad input loses nothing and costs no retry), and close the request once the PIN is
 * on the card (cancel-abandon-complete-request.md: `PUT /requests/{id} {"status":"Completed"}`).
 */
import { REQUEST_STATUSES, REQUEST_TYPES } from '../cm';
import type { CmRequest } from '../cm';
import { CERTIFICATES_PENDING } from './journal';
import { validatePin, type PinPolicy } from './pin-policy';
import type { FlowRun } from './run';
import type { Target } from './types';

/** Throws `flow/pin-policy` with `data.reason` (a `PinRejectReason`) and the limits; never the PIN. */
export function requireValidPin(run: FlowRun, pin: string, policy: PinPolicy, confirmation?: string): void {
  const check = validatePin(pin, policy, confirmation);
  if (!check.ok) {
    run.fail('apply-pin', 'flow/pin-policy', `The PIN does not meet the policy (${check.reason})`, {
      reason: check.reason,
      minLength: check.minLength,
      maxLength: check.maxLength,
      charset: check.charset,
    });
  }
}

/**
 * After the PIN is set: an Enroll request stays open at {@link CERTIFICATES_PENDING} (the
 * certificate stage comes later, the request is never completed here); any other request is
 * completed (unless it already is) and the run's journal entry removed.
 */
export async function finishPinRun(run: FlowRun, t: Target, request: CmRequest): Promise<void> {
  await run.step('complete-request', async () => {
    if (request.RequestType === REQUEST_TYPES.Enroll) {
      await run.save({ stage: CERTIFICATES_PENDING, requestId: t.requestId, cmCardUuid: t.cmCardUuid });
      return;
    }
    // Already Completed: an earlier run's PUT reached the server, its answer did not.
    if (request.Status !== REQUEST_STATUSES.Completed)
      await run.deps.cm.updateRequestStatus(t.requestId, 'Completed', run.signal);
    await run.finish();
  });
}
