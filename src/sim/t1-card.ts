/**
 * Card side of the T=1 block protocol (ISO/IEC 7816-3 §11.4–11.6) in front of a
 * {@link VirtualCard}: receives I-blocks (with chaining), acknowledges with R-blocks, sends the
 * response chained to the host's IFSD, answers S(IFS), S(RESYNCH), S(ABORT), can ask for waiting
 * time with S(WTX), retransmits on R-block requests, and answers broken blocks with R(error).
 */
import { concatBytes } from '@noble/ciphers/utils.js';
import { frame, unframe, type Edc } from './t1-frame';
import type { VirtualCard } from './ccid-card';

interface T1CardOptions {
  edc: Edc;
  /** Card's information field size (TA of the first T=1 group); what the host may send at most. */
  ifsc: number;
  /** S(WTX) requests the card sends before each response (simulates slow commands). */
  wtxPerCommand?: number;
}

export class T1Card {
  private ifsd = 32; // ISO/IEC 7816-3 §11.4.2: default IFSD until S(IFS) says otherwise
  private expectHostNs = 0;
  private ns = 0;
  private rx: Uint8Array[] = [];
  private tx: Uint8Array = new Uint8Array(0);
  private txOff = 0;
  private lastSent: Uint8Array | undefined;
  private wtxLeft = 0;
  private pendingAfterWtx: (() => Uint8Array) | undefined;
  /** Number of next outgoing blocks whose EDC is corrupted (fault injection). */
  corruptNext = 0;
  /** Blocks seen, for tests. */
  blocksIn = 0;
  lastIfsdRequest: number | undefined;

  constructor(
    private readonly card: VirtualCard,
    private readonly opt: T1CardOptions,
  ) {}

  /** Power-on / RESYNCH state (§11.6.2: both sequence numbers 0). */
  resetState(): void {
    this.expectHostNs = 0;
    this.ns = 0;
    this.rx = [];
    this.tx = new Uint8Array(0);
    this.txOff = 0;
    this.lastSent = undefined;
    this.pendingAfterWtx = undefined;
  }

  private send(pcb: number, inf: Uint8Array = new Uint8Array(0)): Uint8Array {
    this.lastSent = frame(pcb, inf, this.opt.edc);
    return this.emit(this.lastSent);
  }

  /** Puts a block on the line, corrupting its EDC while `corruptNext` > 0. */
  private emit(b: Uint8Array): Uint8Array {
    if (this.corruptNext > 0) {
      this.corruptNext--;
      const bad = b.slice();
      bad[bad.length - 1]! ^= 0x5a;
      return bad;
    }
    return b;
  }

  private rBlock(error: number): Uint8Array {
    return this.send(0x80 | (this.expectHostNs << 4) | error);
  }

  private nextChunk(): Uint8Array {
    const end = Math.min(this.tx.length, this.txOff + this.ifsd);
    const more = end < this.tx.length;
    const chunk = this.tx.subarray(this.txOff, end);
    this.txOff = end;
    const b = this.send((this.ns << 6) | (more ? 0x20 : 0), chunk);
    this.ns ^= 1;
    return b;
  }

  /** Handles one block from the host and returns the card's block. */
  async handle(bytes: Uint8Array): Promise<Uint8Array> {
    this.blocksIn++;
    const f = unframe(bytes, this.opt.edc);
    if (f === 'edc') return this.rBlock(1);
    if (f === 'format') return this.rBlock(2);
    const pcb = f.pcb;
    if ((pcb & 0x80) === 0) {
      const ns = (pcb >> 6) & 1;
      if (ns !== this.expectHostNs || f.inf.length > this.opt.ifsc) return this.rBlock(2);
      this.expectHostNs ^= 1;
      this.rx.push(f.inf);
      if (pcb & 0x20) return this.rBlock(0); // chaining: acknowledge, ask for the next block
      const apdu = concatBytes(...this.rx);
      this.rx = [];
      this.tx = await this.card.process(apdu);
      this.txOff = 0;
      this.wtxLeft = this.opt.wtxPerCommand ?? 0;
      if (this.wtxLeft > 0) {
        this.pendingAfterWtx = () => this.nextChunk();
        this.wtxLeft--;
        return this.send(0xc3, Uint8Array.of(2));
      }
      return this.nextChunk();
    }
    if ((pcb & 0xc0) === 0x80) {
      const nr = (pcb >> 4) & 1;
      // §11.6.3.2 rule 2.2: R(N(R) ≠ N(S) of last I-block sent) during our chaining = "send next".
      if (this.txOff < this.tx.length && nr === this.ns) return this.nextChunk();
      return this.lastSent ? this.emit(this.lastSent) : this.rBlock(0);
    }
    switch (pcb) {
      case 0xc1: // S(IFS request) from the host: new IFSD
        this.ifsd = f.inf[0] ?? 32;
        this.lastIfsdRequest = this.ifsd;
        return this.send(0xe1, f.inf);
      case 0xc0: // S(RESYNCH request)
        this.resetState();
        return this.send(0xe0);
      case 0xc2: // S(ABORT request): drop the chain in progress
        this.rx = [];
        this.tx = new Uint8Array(0);
        this.txOff = 0;
        return this.send(0xe2);
      case 0xe3: {
        // S(WTX response): more waiting time granted; continue or deliver the response.
        if (this.wtxLeft > 0) {
          this.wtxLeft--;
          return this.send(0xc3, Uint8Array.of(2));
        }
        const next = this.pendingAfterWtx;
        this.pendingAfterWtx = undefined;
        return next ? next() : this.rBlock(2);
      }
      default:
        return this.rBlock(2);
    }
  }
}
