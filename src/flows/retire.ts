/**
 * Retire (docs/mim-cm-api.md "Managing an existing card" "Retire"; update-smartcard-status.md): explicit confirmation → a
 * Retire request on the card → wait for approval → `PUT /requests/{r}/smartcards/{s}
 * {"status":"Retired"}` → complete the request.
 *
 * The card itself is only read (its id proves which card is retired): the card layer has no wipe
 * operation, and the SDK leaves "card reset and PIN blocking to the caller" (§6.2) — a later issue.
 */
import { REQUEST_STATUSES, REQUEST_TYPES, SMARTCARD_STATUSES } from '../cm';
import type { Smartcard } from '../cm';
import { readCard } from './card-ops';
import { FlowRun } from './run';
import { forgetLookup } from './recent-lookup';
import {
  findRegisteredCard,
  must,
  myRequests,
  obtainRequest,
  waitForApproval,
  type RequestInput,
} from './server';
import type { FlowDeps, FlowStep, ResumeOption } from './types';

export const RETIRE_STEPS: readonly FlowStep[] = [
  'read-card',
  'find-card',
  'find-request',
  'create-request',
  'wait-approval',
  'update-card-status',
  'complete-request',
];

export interface RetireResult {
  requestId: string;
  cmCardUuid: string;
}

/**
 * Retires the inserted card in CM. `confirm` must be literally `true` (WCAG 3.3.4: irreversible
 * actions need a confirmation step); otherwise `flow/confirmation-required` before anything happens.
 */
export async function retireCard(
  deps: FlowDeps,
  opts: { confirm: boolean } & ResumeOption & RequestInput,
): Promise<RetireResult> {
  const run = new FlowRun(deps, 'retire', RETIRE_STEPS, opts.resume);
  if (opts.confirm !== true)
    run.fail('read-card', 'flow/confirmation-required', 'Retiring a card needs an explicit confirmation');
  return run.guard(async () => {
    const { cm, signal } = deps;
    // Depends on nothing the flow learns: asked while the card is read (docs/flow-timing.md).
    const listing = run.resumedRequestId === undefined ? run.early(myRequests(run)) : undefined;
    const facts = await run.step('read-card', () => readCard(run));
    run.begin(facts.cardId, 'started');
    const known = run.journal.cmCardUuid;
    // On resume the card may already be Retired, which the cardid lookup would refuse; look it up by id.
    let sc: Smartcard = await run.step('find-card', async () =>
      known !== undefined
        ? must(run, 'find-card', await cm.getSmartcard(known, signal), 'the smart card')
        : findRegisteredCard(run, facts.cardId),
    );
    forgetLookup(cm); // the card's record changes now
    let request = await obtainRequest(run, sc, 'Retire', [REQUEST_TYPES.Retire], opts, listing);
    if (request.Status !== REQUEST_STATUSES.Completed)
      request = await run.step('wait-approval', () => waitForApproval(run, request));
    if (sc.Status !== SMARTCARD_STATUSES.Retired) {
      sc = await run.step('update-card-status', async () =>
        must(
          run,
          'update-card-status',
          await cm.updateSmartcardStatus(request.Uuid, sc.Uuid, 'Retired', signal),
          'the smart card',
        ),
      );
      await run.save({ stage: 'card-retired' });
    }
    await run.step('complete-request', async () => {
      // Already Completed on a resume: the earlier PUT reached the server, its answer did not.
      if (request.Status !== REQUEST_STATUSES.Completed)
        await cm.updateRequestStatus(request.Uuid, 'Completed', signal);
      await run.finish();
    });
    return { requestId: request.Uuid, cmCardUuid: sc.Uuid };
  });
}
