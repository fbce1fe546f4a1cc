/**
 * Card-side building blocks shared by the flows, each one the card half of a MIM CM exchange
 * (docs/gids.md "Admin authentication", "PIN and admin key"; docs/mim-cm-api.md "Enrollment"; sample-enrollment-walkthrough.md steps 16–23):
 * read the card id and ATR; admin authentication with a fresh challenge answered by
 * `authenticationresponse`; set the user PIN; install the diversified admin key.
 *
 * Secrets (challenge, response, diversified key, PIN) live only in locals of one function; byte
 * arrays are zero-filled in `finally`. Nothing here writes them anywhere else.
 */
import { cardIdToGuid } from '../card';
import { bytesToHex, isNoContent, type CmNoContent } from '../cm';
import { isAppError } from '../errors';
import type { FlowRun } from './run';
import { must } from './server';
import type { CardFacts, FlowStep, Target } from './types';

/** `cardid` (16 bytes → MIM GUID) and the ATR (lower-case hex, as received; docs/mim-cm-api.md "Card values"). */
export async function readCard(run: FlowRun): Promise<CardFacts> {
  const { card, signal, cardIdByteOrder } = run.deps;
  const bytes = await card.readCardId({ signal });
  return { cardId: cardIdToGuid(bytes, cardIdByteOrder ?? 'dotnet'), atr: bytesToHex(card.atr) };
}

/**
 * Admin authentication (docs/gids.md "Admin authentication" steps 1–3), to be called inside `card.transaction`
 * together with the privileged command it unlocks: fresh card challenge → CM
 * `authenticationresponse` (13) with `diversified` → GENERAL AUTHENTICATE with the response.
 *
 * `belief` is what the flow expects the card to hold (diversified key or the template default).
 * Why the one retry with the other key: an earlier run may have been cut off between writing the
 * diversified key and journaling it (or the journal was lost); the card's refusal tells us, and
 * a second fresh challenge costs 3 APDUs and one GET. Returns the `diversified` value that worked.
 */
export async function adminAuth(run: FlowRun, step: FlowStep, t: Target, belief: boolean): Promise<boolean> {
  const { card, cm, signal } = run.deps;
  for (const diversified of [belief, !belief]) {
    const challenge = await card.getAdminChallenge({ signal });
    let answer: Awaited<ReturnType<typeof cm.getAuthenticationResponse>>;
    try {
      answer = await cm.getAuthenticationResponse(
        t.requestId,
        t.cmCardUuid,
        { cardId: t.cardId, atr: t.atr, challenge, diversified },
        signal,
      );
    } finally {
      challenge.fill(0);
    }
    const response = must(run, step, answer, 'the admin-key response');
    try {
      await card.authenticateAdmin(response, { signal });
      return diversified;
    } catch (e) {
      if (!isAppError(e, 'card/admin-auth-failed') || diversified !== belief) throw e;
    } finally {
      response.fill(0);
    }
  }
  throw new Error('unreachable'); // the loop returns or throws on its second pass
}

/** Runs privileged key commands (GENERATE, certificate write) with the admin-key authentication they need. */
export interface AdminGate {
  privileged<T>(step: FlowStep, op: () => Promise<T>): Promise<T>;
}

/**
 * The admin-key authentication of a card whose key commands need it (`card.keys.authorization`
 * `'admin-key'`: PIV GENERATE and PUT DATA need 9B, SP 800-73-4 Part 2 §3.3; GIDS needs only the
 * PIN, and the gate passes its commands through). `held`: the card was authenticated just before
 * in this session — the card keeps the status until reset or deselect (PivApplet, YubiKey; docs/piv.md
 * "Management key authentication"), so the first command is sent without authenticating again.
 * Why the one retry: another application may reset or reselect the card between two of our
 * transactions; the card then answers 6982 (`needs: 'admin'`) and the command, which changed
 * nothing, is sent again after one authentication.
 */
export function adminGate(run: FlowRun, t: Target, held: boolean): AdminGate {
  const needed = run.deps.card.keys.authorization === 'admin-key';
  let authenticated = held;
  return {
    async privileged<T>(step: FlowStep, op: () => Promise<T>): Promise<T> {
      if (!needed) return op();
      const fresh = !authenticated;
      if (fresh) await adminAuth(run, step, t, run.facts.adminKeyDiversified === true);
      authenticated = true;
      try {
        return await op();
      } catch (e) {
        if (fresh || !isAppError(e, 'card/security-status') || e.data.needs !== 'admin') throw e;
        await adminAuth(run, step, t, run.facts.adminKeyDiversified === true);
        return op();
      }
    },
  };
}

/** Fails before any APDU when the card cannot set a PIN from an admin-key response (PIV, managed.ts). */
export function requirePinByAdminKey(run: FlowRun, step: FlowStep): void {
  if (!run.deps.card.capabilities.setPinWithAdminKey) {
    run.fail(step, 'flow/not-supported', 'This card cannot set the user PIN with an admin-key response', {
      cardType: run.deps.card.type,
    });
  }
}

/**
 * Sets the user PIN: admin authentication, then RESET RETRY COUNTER (docs/gids.md "PIN and admin key", "Set/
 * unblock the user PIN"). Returns the `diversified` value that authenticated.
 */
export async function setPinWithAdminKey(
  run: FlowRun,
  t: Target,
  pin: string,
  belief: boolean,
): Promise<boolean> {
  requirePinByAdminKey(run, 'apply-pin');
  // One card transaction from the challenge to RESET RETRY COUNTER: no other application may select
  // or reset the card (dropping the admin authentication) while CM computes the response.
  return run.deps.card.transaction(
    async () => {
      const used = await adminAuth(run, 'apply-pin', t, belief);
      await run.deps.card.setPin(pin, { signal: run.signal });
      return used;
    },
    { signal: run.signal },
  );
}

/** What {@link installDiversifiedKey} did. */
export interface KeyInstall {
  /** The card now answers to the diversified key (false: the template does not diversify, 204). */
  diversified: boolean;
  /** The user PIN was set in the same admin authentication (`pin` given and set). */
  pinSet: boolean;
}

/**
 * Installs the diversified admin key (walkthrough steps 16–20; docs/mim-cm-api.md "Enrollment"):
 * `diversifiedkey` (14) fetched while the card's challenge is answered by `authenticationresponse`
 * (`diversified=false`) — neither needs the other — then GENERAL AUTHENTICATE and PUT DATA. When the
 * card already answers to the diversified key (see {@link adminAuth}), the key is not written again.
 *
 * With `pin`, RESET RETRY COUNTER follows in the same transaction: GidsApplet keeps the admin
 * authentication across PUT DATA of the admin key (security status is per session, ISO/IEC 7816-4
 * §5.4; only deselect, reset, VERIFY P2=82 and RESET RETRY COUNTER end it), which saves a second
 * challenge, `authenticationresponse` and GENERAL AUTHENTICATE. A card that drops it answers 6982;
 * then the flow authenticates again with the new key (docs/flow-timing.md "Admin authentication").
 */
export async function installDiversifiedKey(
  run: FlowRun,
  t: Target,
  opts: { key?: () => Promise<Uint8Array | CmNoContent>; pin?: string } = {},
): Promise<KeyInstall> {
  const { card, cm, signal } = run.deps;
  if (!card.capabilities.changeAdminKey) {
    run.fail('diversify-key', 'flow/not-supported', 'This card cannot change its admin key', {
      cardType: card.type,
    });
  }
  const key =
    opts.key ??
    run.early(() =>
      cm.getDiversifiedKey(t.requestId, t.cmCardUuid, { cardId: t.cardId, atr: t.atr }, signal),
    );
  try {
    // Challenge → CM response → PUT DATA of the new key (→ PIN) inside one card transaction (see setPinWithAdminKey).
    return await card.transaction(
      async () => {
        const [used, answer] = await run.all(() => adminAuth(run, 'diversify-key', t, false), key);
        const diversified = !isNoContent(answer);
        if (diversified && !used) await card.changeAdminKey(answer, { signal });
        if (opts.pin === undefined) return { diversified: diversified || used, pinSet: false };
        run.progress('apply-pin');
        try {
          await card.setPin(opts.pin, { signal });
        } catch (e) {
          if (!isAppError(e, 'card/security-status')) throw e;
          await adminAuth(run, 'apply-pin', t, diversified || used);
          await card.setPin(opts.pin, { signal });
        }
        return { diversified: diversified || used, pinSet: true };
      },
      { signal },
    );
  } finally {
    void key().then(
      (k) => isNoContent(k) || k.fill(0),
      () => undefined,
    );
  }
}
