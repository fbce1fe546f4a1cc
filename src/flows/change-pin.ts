/**
 * Change PIN: the user proves the current PIN and sets a new one in one command, CHANGE REFERENCE
 * DATA P1=00 with old || new (ISO/IEC 7816-4 §11.5.7; GIDS as the Windows inbox minidriver sends
 * it; PIV `00 24 00 80` with both PINs FF-padded to 8 bytes, NIST SP 800-73-4 Part 2 §3.2.2).
 *
 * Card-local: CM is not told (docs/operations.md "Change PIN": MIM CM keeps no user PIN and has no
 * request type for a PIN change; the minidriver's `CardChangeAuthenticator` never reaches CM), so
 * the flow writes no journal and creates no request. CM is only asked for the template's PIN rules,
 * and when it cannot be reached the cached or the card's own rules apply (card-pin-policy.ts).
 *
 * Two-phase so the UI shows the rules and the tries left before it asks for PINs:
 * {@link prepareChangePin} reads the card and the rules; `run(old, new, confirm)` changes the PIN.
 */
import { CardError } from '../card';
import { isAppError } from '../errors';
import { readCard } from './card-ops';
import { userPinPolicy, type PolicySource } from './card-pin-policy';
import type { PinPolicy } from './pin-policy';
import { requireValidPin } from './pin-run';
import { FlowRun } from './run';
import type { FlowDeps, FlowStep } from './types';

export const CHANGE_PIN_STEPS: readonly FlowStep[] = ['read-card', 'get-policy', 'change-pin'];

export interface ChangePinSession {
  /** Rules for the new PIN (template within the card's limits). */
  policy: PinPolicy;
  policyFrom: PolicySource;
  /** Tries left for the current PIN before it blocks, when the card tells it. */
  triesLeft: number | undefined;
  /**
   * Changes the PIN. A new PIN that breaks the policy (or its confirmation) fails before any APDU;
   * a wrong current PIN fails with `flow/pin-wrong` and `data.retries`, a blocked one with
   * `flow/pin-blocked` (`data.unblockable`: can this app unblock this card).
   */
  run(oldPin: string, newPin: string, confirmation?: string): Promise<void>;
}

/**
 * Phase 1: card id, PIN try counter (a blocked PIN is said before the user types anything), rules.
 * Emits `read-card`, `get-policy`.
 */
export async function prepareChangePin(deps: FlowDeps): Promise<ChangePinSession> {
  const run = new FlowRun(deps, 'change-pin', CHANGE_PIN_STEPS);
  const facts = await run.step('read-card', () => readCard(run));
  // The try counter is card work and the rules are CM work: the status is read while CM looks the
  // card up (docs/flow-timing.md "Change PIN"); run.all lets neither outlive a failure of the other.
  const [status, { policy, from }] = await run.all(
    () =>
      run.step('read-card', async () => {
        const read = await deps.card.pinStatus({ signal: deps.signal });
        // Said before the user types two PINs: a blocked PIN cannot be changed, only unblocked.
        if (read.triesLeft === 0)
          throw new CardError('card/pin-blocked', 'The PIN is blocked', { which: 'PIN', sw: 0x6983 });
        return read;
      }),
    () => run.step('get-policy', () => userPinPolicy(run, facts.cardId)),
  );
  let busy = false;
  return {
    policy,
    policyFrom: from,
    triesLeft: status.triesLeft,
    async run(oldPin: string, newPin: string, confirmation?: string) {
      requireValidPin(run, newPin, policy, confirmation);
      if (busy) run.fail('change-pin', 'flow/request-closed', 'run() is already running');
      busy = true;
      try {
        await run.step('change-pin', async () => {
          try {
            await deps.card.changePin(oldPin, newPin, { signal: deps.signal });
          } catch (e) {
            // The new PIN passed the (card-narrowed) policy, so a format refusal is the current PIN's:
            // it cannot be the PIN on the card. Nothing was sent, no try was used.
            if (isAppError(e, 'card/invalid-pin'))
              run.fail('change-pin', 'flow/pin-wrong', 'The current PIN cannot be the card PIN (format)', {
                notSent: true,
                ...(status.triesLeft !== undefined && { retries: status.triesLeft }),
              });
            throw e;
          }
        });
      } finally {
        busy = false;
      }
    },
  };
}

/** One-shot change for callers that hold both PINs: {@link prepareChangePin} then `run`. */
export async function changePin(
  deps: FlowDeps,
  opts: { oldPin: string; newPin: string; confirmation?: string },
): Promise<void> {
  const s = await prepareChangePin(deps);
  await s.run(opts.oldPin, opts.newPin, opts.confirmation);
}
