/**
 * The on-card key of each generation option in the certificate stage (sample-enrollment-walkthrough.md
 * steps 24–26; docs/mim-cm-api.md "Enrollment" step 13): a key slot reserved and journaled before
 * GENERATE, the key generated (or, on resume, read back), and the PKCS#10 signed by the card.
 *
 * Journal facts: `slotN` before GENERATE, `oldN` (renewal: the public key the slot held before),
 * `spkiN` after GENERATE. A resume reads the key back instead of generating a second one.
 */
import type { CardPublicKey } from '../card';
import { bytesToBase64 } from '../common/base64';
import { base64ToBytes } from '../cm';
import { isAppError, throwIfAborted } from '../errors';
import type { AdminGate } from './card-ops';
import { buildCsr, spkiOf, type CsrPlan } from './csr';
import type { FlowRun } from './run';

/**
 * Bound on one GENERATE ASYMMETRIC KEY PAIR. Why 120 s: RSA-2048 generation takes 10–60 s on
 * real chips; the reader keeps the exchange alive with time extensions (CCID WTX), so this is the
 * outer limit beyond which the card is taken to be hung.
 */
export const KEY_GENERATION_TIMEOUT_MS = 120_000;

export interface KeyState {
  plan: CsrPlan;
  slot: string;
  spki: Uint8Array;
}

/**
 * The key of option `i`: the journaled one (read back from the card) or a newly generated one.
 * GENERATE goes through `admin` (PIV: the 9B authentication it needs, SP 800-73-4 Part 2 §3.3.2).
 */
export async function keyFor(
  run: FlowRun,
  i: number,
  plan: CsrPlan,
  done: readonly KeyState[],
  inServiceCard: boolean,
  admin: AdminGate,
): Promise<KeyState> {
  const { card, signal } = run.deps;
  const known = run.facts[`spki${i}`];
  let slot = run.facts[`slot${i}`] as string | undefined;
  if (slot !== undefined && typeof known === 'string')
    return { plan, slot, spki: base64ToBytes(known, 'journaled public key') };
  let pub: CardPublicKey | undefined;
  if (slot === undefined) {
    slot = await card.keys.allocateKeySlot(
      plan.usage,
      plan.spec,
      done.map((k) => k.slot),
      { signal },
    );
    // Renewal: the slot may hold the key being replaced (PIV 9A). Its public key is journaled so a
    // resume can tell "generated before the cut" from "the old key" (which must not be reused).
    const old = inServiceCard ? await card.keys.readPublicKey(slot, plan.spec, { signal }) : undefined;
    await run.save({
      stage: 'keys',
      facts: { [`slot${i}`]: slot, ...(old && { [`old${i}`]: bytesToBase64(await spkiOf(old, plan.spec)) }) },
    });
  } else {
    // Resumed after the slot was reserved: a key generated before the cut is used, not replaced.
    pub = await card.keys.readPublicKey(slot, plan.spec, { signal });
    const old = run.facts[`old${i}`];
    if (pub && typeof old === 'string' && bytesToBase64(await spkiOf(pub, plan.spec)) === old)
      pub = undefined;
  }
  if (!pub) {
    run.progress('generate-keys', i + 1);
    const s = slot;
    pub = await admin.privileged('generate-keys', () => generateBounded(run, s, plan));
  }
  const spki = await spkiOf(pub, plan.spec);
  await run.save({ facts: { [`spki${i}`]: bytesToBase64(spki) } });
  return { plan, slot, spki };
}

async function generateBounded(run: FlowRun, slot: string, plan: CsrPlan): Promise<CardPublicKey> {
  const timeout = AbortSignal.timeout(KEY_GENERATION_TIMEOUT_MS);
  const signal = run.signal ? AbortSignal.any([run.signal, timeout]) : timeout;
  try {
    return await run.deps.card.keys.generateKey(slot, plan.spec, { signal });
  } catch (e) {
    throwIfAborted(run.signal); // the user's cancel stays a cancel
    if (timeout.aborted)
      run.fail('generate-keys', 'flow/card-error', 'The card did not finish generating the key in time', {
        reason: 'key-generation-timeout',
      });
    throw e;
  }
}

/**
 * The PKCS#10 of key `k`, signed on the card inside the generation transaction (the PIN verified
 * there still holds). A "PIN Always" key — PIV 9C, SP 800-73-4 Part 1 §3.5 table 4b — needs a
 * VERIFY right before each signature: the card says so with 6982 (`card/security-status`,
 * `needs: 'pin'`), and the PIN is verified and the signature made once more.
 */
export async function signedRequest(run: FlowRun, k: KeyState, keyPin: string): Promise<string> {
  const { card, signal } = run.deps;
  try {
    return await buildCsr(card.keys, k.slot, k.plan, k.spki, signal);
  } catch (e) {
    if (!isAppError(e, 'card/security-status') || e.data.needs !== 'pin') throw e;
    await card.verifyPin(keyPin, { signal });
    return buildCsr(card.keys, k.slot, k.plan, k.spki, signal);
  }
}
