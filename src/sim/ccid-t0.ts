/**
 * Card side of T=0 at TPDU level (ISO/IEC 7816-3 §10.3 and §12.2) in front of a
 * {@link VirtualCard}: the reader hands over `CLA INS P1 P2 P3 [data]`, the card answers with
 * data + SW or a procedure status — `61xx` (response waiting, fetch with GET RESPONSE),
 * `6Cxx` (wrong P3, re-send with P3 = xx) — exactly as a T=0 card's operating system does.
 * Extended commands arrive wrapped in ENVELOPE (INS C2): the card collects the pieces and runs
 * the command when a piece shorter than 255 bytes or an empty ENVELOPE ends it.
 */
import type { VirtualCard } from './ccid-card';

const sw = (sw1: number, sw2: number): Uint8Array => Uint8Array.of(sw1, sw2);

export class T0Card {
  private out: Uint8Array = new Uint8Array(0);
  private outSw = 0x9000;
  private envelope: number[] = [];

  constructor(private readonly card: VirtualCard) {}

  resetState(): void {
    this.out = new Uint8Array(0);
    this.envelope = [];
  }

  private pendingStatus(): Uint8Array {
    if (this.out.length === 0) return sw(this.outSw >> 8, this.outSw & 0xff);
    return sw(0x61, Math.min(this.out.length, 256) & 0xff);
  }

  private deliver(resp: Uint8Array): Uint8Array {
    this.out = resp.slice(0, resp.length - 2);
    this.outSw = (resp[resp.length - 2]! << 8) | resp[resp.length - 1]!;
    return this.pendingStatus();
  }

  /** Handles one TPDU and returns the card's answer (data and/or status bytes). */
  async handle(tpdu: Uint8Array): Promise<Uint8Array> {
    if (tpdu.length < 5) return sw(0x67, 0x00);
    const [cla, ins, p1, p2, p3] = [tpdu[0]!, tpdu[1]!, tpdu[2]!, tpdu[3]!, tpdu[4]!];
    const data = tpdu.subarray(5);
    if (data.length !== 0 && data.length !== p3) return sw(0x67, 0x00);
    if (ins === 0xc0 && data.length === 0 && this.out.length > 0) {
      const ne = p3 || 256;
      const avail = Math.min(this.out.length, 256);
      if (ne > avail) return sw(0x6c, avail & 0xff);
      const chunk = this.out.subarray(0, ne);
      this.out = this.out.slice(ne);
      return Uint8Array.of(...chunk, ...this.pendingStatus());
    }
    if (ins === 0xc2) {
      this.envelope.push(...data);
      if (data.length === 255) return sw(0x90, 0x00);
      const apdu = Uint8Array.from(this.envelope);
      this.envelope = [];
      return this.deliver(await this.card.process(apdu));
    }
    this.out = new Uint8Array(0);
    if (data.length > 0) {
      // Case 3 or 4: the card knows from INS whether data follows; it answers 61xx if so.
      return this.deliver(await this.card.process(Uint8Array.of(cla, ins, p1, p2, p3, ...data)));
    }
    // Case 1 or 2: P3 is Le (00 = 256).
    const ne = p3 || 256;
    const resp = await this.card.process(Uint8Array.of(cla, ins, p1, p2, p3));
    const n = resp.length - 2;
    if (n <= 0) return resp;
    if (n < ne) return sw(0x6c, n & 0xff); // §12.2.2: wrong Le, the reader re-sends with P3 = xx
    this.deliver(resp);
    const chunk = this.out.subarray(0, ne);
    this.out = this.out.slice(ne);
    return Uint8Array.of(...chunk, ...this.pendingStatus());
  }
}
