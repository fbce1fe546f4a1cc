/**
 * Bounds on one T=1 APDU's waiting (ISO/IEC 7816-3 §11.6.2.3): a card may answer any block with
 * S(WTX request), each grant making the next block waiting time multiplier × BWT, and CCID 1.1
 * §6.1.4 carries the multiplier to the reader as bBWI. Nothing in either standard stops a card
 * from asking forever, so the host counts the grants, sums their multipliers and keeps a
 * wall-clock deadline for the whole APDU.
 */
import { CcidError } from './errors';

/**
 * Default bounds on one APDU's waiting. Why these figures: with the default BWI 4 at 3.58 MHz,
 * BWT = 11 etu + 2^4 × 960 × 372 / f ≈ 1.6 s (ISO/IEC 7816-3 §11.4.3), and a card that needs long
 * (on-card RSA-2048 key generation, tens of seconds) asks S(WTX) about once per BWT, so a minute
 * of work is some 40 grants of multiplier 1–2. 120 grants and 255 BWT in sum (the most one
 * single S(WTX) INF byte can ask for) leave three times that room; 120 s of wall time matches the
 * CCID pipe's ceiling on one command with time extensions (reader.ts `maxTotalMs`), and also caps a
 * single granted block wait (3 s base × bBWI up to 255, slot.ts), which alone could reach 12 min.
 */
export const T1_LIMITS = { maxWtxGrants: 120, maxWtxTotal: 255, apduDeadlineMs: 120_000 } as const;

export interface T1Bounds {
  /** S(WTX) grants per APDU (default {@link T1_LIMITS}). */
  maxWtxGrants?: number;
  /** Sum of granted WTX multipliers per APDU, in BWT (default {@link T1_LIMITS}). */
  maxWtxTotal?: number;
  /** Wall time for one APDU, every block and grant included (default {@link T1_LIMITS}). */
  apduDeadlineMs?: number;
}

/** The S(WTX) grants of one APDU. */
export class WtxBudget {
  private grants = 0;
  private total = 0;

  constructor(private readonly bounds: T1Bounds) {}

  /** Counts one S(WTX) request (§11.6.2.3); throws `ccid/t1-wtx-limit` past either bound. */
  grant(multiplier: number): void {
    const maxGrants = this.bounds.maxWtxGrants ?? T1_LIMITS.maxWtxGrants;
    const maxTotal = this.bounds.maxWtxTotal ?? T1_LIMITS.maxWtxTotal;
    this.grants++;
    this.total += multiplier;
    if (this.grants > maxGrants || this.total > maxTotal)
      throw new CcidError(
        'ccid/t1-wtx-limit',
        'The card asked for more waiting time than one APDU may take',
        {
          grants: this.grants,
          total: this.total,
          maxGrants,
          maxTotal,
        },
      );
  }
}

/**
 * Runs `fn` with a signal that also fires after `ms`; when that deadline (not the caller's signal)
 * ended the run, rejects with `ccid/t1-deadline` whatever the abort turned into below.
 */
export async function withApduDeadline<T>(
  ms: number,
  signal: AbortSignal | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new CcidError('ccid/t1-deadline', `T=1 APDU exceeded ${ms} ms`, { ms })),
    ms,
  );
  try {
    return await fn(signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal);
  } catch (e) {
    if (deadline.signal.aborted && !signal?.aborted) throw deadline.signal.reason;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
