/**
 * Host side of the T=1 block protocol for TPDU-level readers (ISO/IEC 7816-3 §11; libccid uses
 * openct `proto-t1.c`): I-blocks with N(S) and chaining to IFSC, R-block acknowledgement of the
 * card's chained response, S(IFS) both ways, S(WTX) granted and passed to the reader as bBWI,
 * S(ABORT) from the card, retransmission after a broken or lost block (3 tries) and then
 * S(RESYNCH) (3 tries) before giving up; S(WTX) grants and wall time bounded per APDU (t1-limits.ts).
 */
import { AbortedError, isAppError } from '../errors';
import { concatBytes } from '@noble/ciphers/utils.js';
import { CcidError } from './errors';
import { decodeBlock, encodeBlock, type EdcKind, type T1Block } from './t1-block';
import { T1_LIMITS, WtxBudget, withApduDeadline, type T1Bounds } from './t1-limits';
export { T1_LIMITS } from './t1-limits';

/** Sends one block in an XfrBlock (with bBWI = WTX multiplier or 0) and returns the card's block. */
export type BlockIo = (block: Uint8Array, bwi: number, signal?: AbortSignal) => Promise<Uint8Array>;

interface T1Options extends T1Bounds {
  ifsc: number;
  edc: EdcKind;
  nad?: number;
  /** Why 3 and 3: ISO/IEC 7816-3 §11.6.3 leaves the count open; libccid/openct use 3 each. */
  maxRetries?: number;
  maxResyncs?: number;
}

export class T1Host {
  private ns = 0;
  private nr = 0;
  ifsc: number;
  ifsd = 32;
  private readonly nad: number;
  /** Counters for diagnostics and tests. */
  stats = { retransmissions: 0, resyncs: 0, wtx: 0 };
  /** Set when an exchange failed half-way; the next APDU resynchronises first. */
  private dirty = false;
  /** S(WTX) granted for the APDU in progress. */
  private wtx = new WtxBudget({});

  constructor(
    private readonly io: BlockIo,
    private readonly opt: T1Options,
  ) {
    this.ifsc = opt.ifsc || 32;
    this.nad = opt.nad ?? 0;
  }

  private enc(b: T1Block): Uint8Array {
    return encodeBlock(b, this.opt.edc);
  }

  /** Exchanges one block; decode failures come back as the error kind for an R-block. */
  private async exchange(
    block: Uint8Array,
    bwi: number,
    signal?: AbortSignal,
  ): Promise<T1Block | 'edc' | 'other'> {
    try {
      return decodeBlock(await this.io(block, bwi, signal), this.opt.edc);
    } catch (e) {
      if (isAppError(e, 'ccid/t1-block')) return e.data.reason === 'edc' ? 'edc' : 'other';
      // The reader reports a mute card or a parity error when the card's block was lost or broken.
      if (isAppError(e, 'ccid/icc-mute') || (isAppError(e, 'ccid/slot-error') && e.data.bError === 0xfd))
        return 'other';
      throw e;
    }
  }

  /** S(IFS request) with our IFSD (ISO/IEC 7816-3 §11.4.2); the card must echo it. */
  async negotiateIfsd(ifsd: number, signal?: AbortSignal): Promise<void> {
    const req = this.enc({
      kind: 'S',
      nad: this.nad,
      response: false,
      type: 'IFS',
      inf: Uint8Array.of(ifsd),
    });
    for (let i = 0; i <= (this.opt.maxRetries ?? 3); i++) {
      const r = await this.exchange(req, 0, signal);
      if (typeof r !== 'string' && r.kind === 'S' && r.type === 'IFS' && r.response && r.inf[0] === ifsd) {
        this.ifsd = ifsd;
        return;
      }
    }
    throw new CcidError('ccid/t1', 'The card did not confirm S(IFS request)', { ifsd });
  }

  /** S(RESYNCH request) until answered (§11.6.3.3); resets both sequence numbers. */
  private async resync(signal?: AbortSignal): Promise<void> {
    const req = this.enc({
      kind: 'S',
      nad: this.nad,
      response: false,
      type: 'RESYNCH',
      inf: new Uint8Array(0),
    });
    for (let i = 0; i < (this.opt.maxResyncs ?? 3); i++) {
      this.stats.resyncs++;
      const r = await this.exchange(req, 0, signal);
      if (typeof r !== 'string' && r.kind === 'S' && r.type === 'RESYNCH' && r.response) {
        this.ns = 0;
        this.nr = 0;
        return;
      }
    }
    throw new CcidError('ccid/t1', 'T=1 resynchronisation failed; the card must be reset');
  }

  /**
   * Sends one APDU and returns the response APDU. After any failure — a timeout, a cancelled
   * exchange, a chain the caller aborted — the two sides may disagree on N(S)/N(R), so the next
   * APDU starts with S(RESYNCH) (§11.6.3.3).
   */
  async transceive(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    this.wtx = new WtxBudget(this.opt);
    return withApduDeadline(this.opt.apduDeadlineMs ?? T1_LIMITS.apduDeadlineMs, signal, (s) =>
      this.transceiveWithin(apdu, s),
    );
  }

  private async transceiveWithin(apdu: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    if (this.dirty) {
      await this.resync(signal);
      this.dirty = false;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(apdu, signal);
      } catch (e) {
        if (!(e instanceof ResyncNeeded) || attempt >= 1) {
          this.dirty = true;
          throw e instanceof ResyncNeeded ? new CcidError('ccid/t1', e.message) : e;
        }
        await this.resync(signal);
      }
    }
  }

  /** Caller cancelled between blocks: S(ABORT request) ends the chain on the card (§11.6.2.3). */
  private async abortChain(): Promise<void> {
    const req = this.enc({
      kind: 'S',
      nad: this.nad,
      response: false,
      type: 'ABORT',
      inf: new Uint8Array(0),
    });
    await this.exchange(req, 0).catch(() => undefined);
  }

  private async once(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const sentI: Uint8Array[] = [];
    try {
      return await this.blocks(apdu, sentI, signal);
    } finally {
      // I-blocks carry pieces of the APDU (a PIN, a key); a retransmission rebuilds from `apdu`.
      for (const b of sentI) b.fill(0);
    }
  }

  private async blocks(apdu: Uint8Array, sentI: Uint8Array[], signal?: AbortSignal): Promise<Uint8Array> {
    const maxRetries = this.opt.maxRetries ?? 3;
    let off = 0;
    const nextI = (): Uint8Array => {
      const end = Math.min(apdu.length, off + this.ifsc);
      const more = end < apdu.length;
      const b = this.enc({ kind: 'I', nad: this.nad, ns: this.ns, more, inf: apdu.subarray(off, end) });
      sentI.push(b);
      sendingMore = more;
      sentEnd = end;
      return b;
    };
    let [sendingMore, sentEnd] = [false, 0];
    let last = nextI();
    let bwi = 0;
    let errors = 0;
    const parts: Uint8Array[] = [];
    // Why a step cap: every legitimate exchange needs < (65538 / 1 + WTX) blocks; a card that
    // loops on S-blocks or R-blocks must not keep the host busy forever.
    for (let step = 0; step < 200000; step++) {
      if (signal?.aborted) {
        await this.abortChain();
        throw new AbortedError(signal.reason);
      }
      const r = await this.exchange(last, bwi, signal);
      bwi = 0;
      if (
        typeof r === 'string' ||
        (r.kind === 'S' && r.response) ||
        (r.kind === 'S' && r.type === 'RESYNCH')
      ) {
        if (++errors > maxRetries) throw new ResyncNeeded('T=1 block errors persisted');
        this.stats.retransmissions++;
        // §11.6.3.2: signal the error with an R-block asking for the block we expect next.
        last = this.enc({ kind: 'R', nad: this.nad, nr: this.nr, error: r === 'edc' ? 1 : 2 });
        continue;
      }
      if (r.kind === 'S') {
        if (r.type === 'WTX') {
          this.wtx.grant(r.inf[0] ?? 1);
          this.stats.wtx++;
          bwi = r.inf[0]!;
          last = this.enc({ kind: 'S', nad: this.nad, response: true, type: 'WTX', inf: r.inf });
        } else if (r.type === 'IFS') {
          this.ifsc = r.inf[0]! || this.ifsc;
          last = this.enc({ kind: 'S', nad: this.nad, response: true, type: 'IFS', inf: r.inf });
        } else {
          // §11.6.2.3: acknowledge the card's S(ABORT request), then report the aborted chain.
          await this.io(
            this.enc({ kind: 'S', nad: this.nad, response: true, type: 'ABORT', inf: new Uint8Array(0) }),
            0,
            signal,
          );
          throw new CcidError('ccid/t1', 'The card aborted the T=1 chain (S(ABORT request))');
        }
        continue;
      }
      if (r.kind === 'R') {
        if (sendingMore && r.nr !== this.ns) {
          // Our chained I-block was acknowledged: next piece.
          this.ns ^= 1;
          off = sentEnd;
          errors = 0;
          last = nextI();
          continue;
        }
        if (++errors > maxRetries) throw new ResyncNeeded('card keeps asking for retransmission');
        this.stats.retransmissions++;
        // The card asks for our last block again (§11.6.3.2 rule 6); rebuild it if it was an I-block.
        if (parts.length === 0 && off < apdu.length) last = nextI();
        continue;
      }
      // I-block from the card.
      if (sendingMore || r.ns !== this.nr) {
        if (++errors > maxRetries) throw new ResyncNeeded('unexpected I-block');
        last = this.enc({ kind: 'R', nad: this.nad, nr: this.nr, error: 2 });
        continue;
      }
      if (parts.length === 0) this.ns ^= 1; // the card's first I-block acknowledges our last one
      this.nr ^= 1;
      errors = 0;
      parts.push(r.inf);
      if (!r.more) return parts.length === 1 ? parts[0]! : concatBytes(...parts);
      last = this.enc({ kind: 'R', nad: this.nad, nr: this.nr, error: 0 });
    }
    throw new CcidError('ccid/t1', 'T=1 exchange did not terminate');
  }
}

class ResyncNeeded extends Error {}
