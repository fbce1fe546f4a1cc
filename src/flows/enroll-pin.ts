/**
 * The PIN half of enrollment (sample-enrollment-walkthrough.md steps 21–23): refuse bad input
 * before anything is created, get the PIN to set (the user's, or the server's from
 * `serverproposedpin` once the user confirmed it), and on a resume past the PIN fetch the
 * server's PIN again and prove it with VERIFY instead of showing it twice.
 */
import { isNoContent } from '../cm';
import { isAppError } from '../errors';
import type { EnrollInput } from './enroll';
import { missingFields } from './enroll-policy';
import type { PinPolicy } from './pin-policy';
import { requireValidPin } from './pin-run';
import type { FlowRun } from './run';
import type { Target } from './types';

/**
 * `data.reason` of the `flow/confirmation-required` an enrollment throws when it needs the card's
 * current PIN (`cardPin`): the UI asks for it and runs again with `resume`.
 */
export const CARD_PIN_REQUIRED = 'card-pin-required';

/** Missing required form fields stop the run before anything is created. */
export function precheckForm(run: FlowRun, input: EnrollInput): void {
  const missing = missingFields(input.fields ?? [], input.dataCollection);
  if (missing.length > 0)
    run.fail('get-policy', 'flow/data-missing', 'Required form fields are empty', {
      fields: missing.join(','),
    });
}

/** Refuses bad input before anything is created: missing form fields, a PIN outside the policy. */
export function precheck(run: FlowRun, input: EnrollInput, policy: PinPolicy): void {
  precheckForm(run, input);
  if (policy.source === 'user') requireValidPin(run, input.userPin ?? '', policy);
  else if (!input.confirmProposedPin)
    run.fail('get-policy', 'flow/confirmation-required', 'A server-proposed PIN needs confirmProposedPin');
}

/**
 * `GET …/serverproposedpin` with the card's admin challenge (get-smartcard-proposed-pin.md); the
 * challenge is zero-filled once CM has answered or failed, as every challenge the flows hold.
 */
async function proposedPin(run: FlowRun, t: Target, challenge: Uint8Array) {
  const { cm, signal } = run.deps;
  try {
    return await cm.getServerProposedPin(
      t.requestId,
      t.cmCardUuid,
      { cardId: t.cardId, atr: t.atr, challenge },
      signal,
    );
  } finally {
    challenge.fill(0);
  }
}

/** The PIN to set: the user's, or the server's (`serverproposedpin` with a fresh challenge) once confirmed. */
export async function pinFor(
  run: FlowRun,
  t: Target,
  input: EnrollInput,
  policy: PinPolicy,
  early?: () => Promise<Uint8Array>,
): Promise<string> {
  if (policy.source === 'user') return input.userPin!;
  const { card, signal } = run.deps;
  const answer = await proposedPin(run, t, early ? await early() : await card.getAdminChallenge({ signal }));
  // 204 although the template says "server": fall back to the user's PIN when one was given.
  if (isNoContent(answer)) {
    requireValidPin(run, input.userPin ?? '', { ...policy, source: 'user' });
    return input.userPin!;
  }
  if (!(await input.confirmProposedPin!(answer)))
    run.fail('get-pin', 'flow/confirmation-required', 'The user did not confirm the proposed PIN');
  return answer;
}

/**
 * A resumed server-proposed enrollment whose PIN is on the card already: the user was only shown
 * that PIN, so it is fetched again (`serverproposedpin` stays the same while its request is open,
 * get-smartcard-proposed-pin.md) and checked with VERIFY — never shown again, never written again.
 * Should the server hand out another PIN, the card refuses it (one try spent) and the user is asked
 * for the PIN they noted (`flow/confirmation-required`, {@link CARD_PIN_REQUIRED}).
 */
export async function proposedPinAgain(run: FlowRun, t: Target): Promise<string> {
  const { card, signal } = run.deps;
  const needPin = (extra: Record<string, unknown> = {}) =>
    run.fail('get-pin', 'flow/confirmation-required', 'The PIN is set and the server no longer proposes it', {
      reason: CARD_PIN_REQUIRED,
      cardType: card.type,
      ...extra,
    });
  const answer = await proposedPin(run, t, await card.getAdminChallenge({ signal }));
  if (isNoContent(answer)) return needPin();
  try {
    await card.verifyPin(answer, { signal });
  } catch (e) {
    if (isAppError(e, 'card/pin-wrong')) return needPin({ retries: e.data.retries });
    throw e;
  }
  return answer;
}

/**
 * The PIN already on the card when a resumed run is past setting it: the one given (`cardPin`),
 * the user's own (`userPin`, when the journal says the PIN was not the server's), or the server's
 * fetched again; otherwise `flow/confirmation-required` with {@link CARD_PIN_REQUIRED}.
 */
export async function pinOnCard(run: FlowRun, t: Target, input: EnrollInput): Promise<string> {
  const known = input.cardPin ?? (run.facts.serverProposed === false ? input.userPin : undefined);
  if (known !== undefined) return known;
  if (run.facts.serverProposed === true) return run.step('get-pin', () => proposedPinAgain(run, t));
  return run.fail(
    'generate-keys',
    'flow/confirmation-required',
    'The PIN is set: enter it to finish the enrollment',
    { reason: CARD_PIN_REQUIRED, cardType: run.deps.card.type },
  );
}
