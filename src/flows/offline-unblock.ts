/**
 * Offline unblock: a blocked PIN reset without a connection to CM, through the help desk (MIM CM
 * request type OfflineUnblock; FIM CM SDK `ExecuteOperations.OfflineUnblock(requestUuid,
 * challenge)` "generates a response for the specified challenge … based on the key (potentially a
 * diversified key) that FIM CM has for the card"). The card issues an admin-key challenge (GIDS
 * GENERAL AUTHENTICATE, empty tag 81), the user reads it and the card id to the help desk, the help
 * desk reads back the response, the card checks it (GENERAL AUTHENTICATE tag 82) and then accepts
 * RESET RETRY COUNTER with the new PIN (Smart Card Minidriver Specification `CardGetChallenge`,
 * `CardAuthenticateChallenge`, `CardUnblockPin` with CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE).
 *
 * No CM call is needed (only the PIN rules are asked for, with an offline fallback), nothing is
 * journaled: the card forgets the challenge on any interruption (deselect, power loss), so the only
 * resume is a fresh challenge. The challenge and the response live only in this session object and
 * are zero-filled when it ends.
 */
import { CardError } from '../card';
import { isAppError } from '../errors';
import { readCard } from './card-ops';
import { userPinPolicy, type PolicySource } from './card-pin-policy';
import type { PinPolicy } from './pin-policy';
import { requireValidPin } from './pin-run';
import { FlowRun } from './run';
import type { FlowDeps, FlowStep } from './types';

export const OFFLINE_UNBLOCK_STEPS: readonly FlowStep[] = [
  'read-card',
  'get-policy',
  'read-challenge',
  'check-response',
  'apply-pin',
];

/** Hex digits per group when the challenge is read out (4 = one breath on the phone). */
const GROUP = 4;

/** `bytes` as upper-case hex in groups of four ("D611 43F9 CCFF D2CA"). */
export function groupedHex(bytes: Uint8Array): string[] {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
  return hex.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
}

/**
 * What the user typed → response bytes: hex digits, spaces, dashes and dots ignored, case ignored,
 * exactly `length` bytes. Returns undefined for anything else (the flow says "format").
 */
export function parseResponseCode(text: string, length: number): Uint8Array | undefined {
  const hex = text.replace(/[\s.\-–]/g, '');
  if (hex.length !== length * 2 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
}

export interface OfflineUnblockSession {
  /** MIM `cardid` (GUID) — the help desk finds the card by it. */
  cardId: string;
  /** The challenge in groups of four hex digits, to read out. */
  challengeGroups: string[];
  /** Hex digits the response has (16 for a 3DES admin key). */
  responseDigits: number;
  policy: PinPolicy;
  policyFrom: PolicySource;
  /**
   * Checks `responseText` on the card and sets `newPin`. A PIN that breaks the policy fails first,
   * without touching the challenge; a mistyped code (`flow/response-format`) too. A response the
   * card refuses fails with `flow/response-wrong`: the card has dropped the challenge, so a new
   * session (new challenge, new call to the help desk) is needed.
   */
  run(responseText: string, newPin: string, confirmation?: string): Promise<void>;
  /** Forgets the challenge (the view was left or the user gave up). */
  dispose(): void;
}

/** Phase 1: card id, rules, a fresh challenge. Emits `read-card`, `get-policy`, `read-challenge`. */
export async function prepareOfflineUnblock(deps: FlowDeps): Promise<OfflineUnblockSession> {
  const run = new FlowRun(deps, 'offline-unblock', OFFLINE_UNBLOCK_STEPS);
  const { card, signal } = deps;
  if (!card.capabilities.setPinWithAdminKey) {
    run.fail('read-card', 'flow/not-supported', 'This card cannot set its PIN from an admin-key response', {
      cardType: card.type,
    });
  }
  const facts = await run.step('read-card', () => readCard(run));
  const { policy, from } = await run.step('get-policy', () => userPinPolicy(run, facts.cardId));
  // Read last: nothing may be sent to the card between the challenge and the response.
  let challenge: Uint8Array | undefined = await run.step('read-challenge', async () => {
    const alg = await card.adminKeyAlgorithm({ signal });
    if (alg !== '3des')
      throw new CardError(
        'card/not-supported',
        `Offline unblock needs a 3DES admin key, the card has ${alg}`,
        {},
      );
    return card.getAdminChallenge({ signal });
  });
  const length = challenge.length;
  const groups = groupedHex(challenge);
  challenge.fill(0);
  challenge = undefined;
  let used = false;
  return {
    cardId: facts.cardId,
    challengeGroups: groups,
    responseDigits: length * 2,
    policy,
    policyFrom: from,
    async run(responseText: string, newPin: string, confirmation?: string) {
      requireValidPin(run, newPin, policy, confirmation);
      const parsed = parseResponseCode(responseText, length);
      if (!parsed) {
        return run.fail(
          'check-response',
          'flow/response-format',
          'The response code is not the expected hex digits',
          { digits: length * 2 },
        );
      }
      if (used)
        run.fail('check-response', 'flow/response-wrong', 'This challenge was used already; read a new one', {
          reason: 'used',
        });
      used = true;
      const response: Uint8Array = parsed;
      try {
        await run.step('check-response', async () => {
          try {
            await card.authenticateAdmin(response, { signal });
          } catch (e) {
            if (isAppError(e, 'card/admin-auth-failed'))
              run.fail('check-response', 'flow/response-wrong', 'The card refused the response code', {
                sw: (e.data as { sw?: number }).sw ?? 0,
              });
            throw e;
          }
        });
      } finally {
        response.fill(0);
      }
      await run.step('apply-pin', () => card.setPin(newPin, { signal }));
    },
    dispose() {
      used = true;
      groups.fill('');
    },
  };
}
