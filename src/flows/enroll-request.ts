/**
 * The Enroll request of one enrollment (create-request.md; sample-enrollment-walkthrough.md steps
 * 1–10): on a resume the journaled request, which must still be open; otherwise the card must not
 * be registered in CM yet, and then the request is a new one or the unbound one an earlier run
 * created before the network dropped its answer. Its id is journaled before anything else happens
 * on it, so one enrollment is one request.
 */
import { REQUEST_TYPES, SMARTCARD_STATUSES, type CmRequest } from '../cm';
import type { EnrollInput } from './enroll';
import { smartcardsOf } from './recent-lookup';
import type { FlowRun } from './run';
import { findUnboundEnroll, must, openRequest } from './server';
import type { CardFacts } from './types';

/**
 * The request to enroll on. `keepsPin` (PIV): the card PIN is proved before a CM request exists,
 * so a typo costs one try on the card (as it would anyway) but leaves no orphaned request; VERIFY
 * needs only the card, so it runs while CM looks the card up (docs/flow-timing.md). `doneStages`:
 * journal stages after which the resumed request may already be Completed.
 */
export async function enrollRequest(
  run: FlowRun,
  input: EnrollInput,
  facts: CardFacts,
  opts: {
    templateUuid: string;
    keepsPin: boolean;
    doneStages: readonly string[];
    listing?: () => Promise<CmRequest[]>;
  },
): Promise<CmRequest> {
  const { cm, card, signal } = run.deps;
  const journaled = run.journal.requestId;
  if (journaled !== undefined)
    return run.step('create-request', () => openRequest(run, 'create-request', journaled, opts.doneStages));
  await run.step('check-card', async () => {
    const [list] = await run.all(
      () => smartcardsOf(cm, facts.cardId, signal),
      async () => {
        if (opts.keepsPin) await card.verifyPin(input.cardPin!, { signal });
      },
    );
    const existing = list.find((c) => c.Status !== SMARTCARD_STATUSES.Retired);
    if (existing)
      run.fail('check-card', 'flow/card-already-registered', 'This card is already registered in CM', {
        cmCardUuid: existing.Uuid,
      });
  });
  return run.step('create-request', () => createOrReuse(run, input, opts.templateUuid, opts.listing));
}

/**
 * A new Enroll request, or the unbound one an earlier run created before the network dropped its
 * answer (`findUnboundEnroll`); its id is journaled before anything else happens on it.
 */
async function createOrReuse(
  run: FlowRun,
  input: EnrollInput,
  templateUuid: string,
  listing?: () => Promise<CmRequest[]>,
): Promise<CmRequest> {
  const { cm, signal } = run.deps;
  const orphan = await findUnboundEnroll(run, templateUuid, listing);
  if (orphan) {
    await run.save({
      requestId: orphan.Uuid,
      stage: 'request-found',
      facts: { templateUuid, requestType: REQUEST_TYPES.Enroll },
    });
    return orphan;
  }
  const dataCollection = Object.entries(input.dataCollection).map(([name, value]) => ({ name, value }));
  const id = await cm.createRequest(
    { type: 'Enroll', profileTemplateId: templateUuid, dataCollection, comment: input.comment ?? '' },
    signal,
  );
  await run.save({
    requestId: id,
    stage: 'request-created',
    facts: { templateUuid, requestCreatedByFlow: true, requestType: REQUEST_TYPES.Enroll },
  });
  return must(run, 'create-request', await cm.getRequest(id, signal), 'the new request');
}
