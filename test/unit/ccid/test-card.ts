/**
 * A small storage/echo card for the CCID tests, answering real ISO/IEC 7816-4 status words:
 * - `80 10 00 00` ECHO (case 4): returns the command data;
 * - `00 D6 P1P2` UPDATE BINARY: writes at offset P1P2 (15 bits);
 * - `00 B0 P1P2` READ BINARY: reads Ne bytes from offset P1P2 (up to 64 KiB with extended Le);
 * - `00 C0` GET RESPONSE: the rest of a response that did not fit Ne (announced by 61xx);
 * - command chaining (CLA bit 0x10, ISO/IEC 7816-4 §5.1.1.1) for every command.
 * Errors: 6700 wrong length, 6B00 wrong offset, 6D00 unknown INS, 6E00 unknown class,
 * 6985 GET RESPONSE without pending data, 6883 chain broken off.
 */
import { decodeCommand } from '../../../src/iso7816/apdu';
import { buildAtr, type VirtualCard } from '../../../src/sim/ccid-card';

function SW(sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export interface TestCardOptions {
  protocol: 'T0' | 'T1';
  crc?: boolean;
  /** IFSC announced in TA3 (T=1). */
  ifsc?: number;
  /** TA1; 0x11 = default speed. */
  ta1?: number;
}

export class TestCard implements VirtualCard {
  readonly atr: Uint8Array;
  readonly memory = new Uint8Array(0x10000);
  private rest: Uint8Array = new Uint8Array(0);
  private chain: number[] | undefined;
  processed = 0;

  constructor(readonly opts: TestCardOptions) {
    const historical = Uint8Array.from([0x80, 0x73, ...new TextEncoder().encode('TESTCARD')]);
    this.atr =
      opts.protocol === 'T1'
        ? buildAtr({
            ta1: opts.ta1 ?? 0x96,
            protocols: [1, 1],
            groups: [{}, { ta: opts.ifsc ?? 0xfe, tb: 0x45, tc: opts.crc ? 1 : undefined }],
            historical,
          })
        : buildAtr({ ta1: opts.ta1 ?? 0x95, protocols: [], historical });
  }

  reset(): void {
    this.rest = new Uint8Array(0);
    this.chain = undefined;
  }

  /** Response data that may exceed Ne: first Ne bytes + 61xx, the rest through GET RESPONSE. */
  private answer(data: Uint8Array, ne: number | undefined, extended: boolean): Uint8Array {
    const max = ne ?? (extended ? 65536 : 256);
    if (data.length <= max) return SW(0x9000, data);
    this.rest = data.slice(max);
    return SW(0x6100 | (Math.min(this.rest.length, 256) & 0xff), data.subarray(0, max));
  }

  process(apdu: Uint8Array): Uint8Array {
    this.processed++;
    let c;
    try {
      c = decodeCommand(apdu);
    } catch {
      return SW(0x6700);
    }
    if (c.cla !== 0x00 && c.cla !== 0x80 && c.cla !== 0x10 && c.cla !== 0x90) return SW(0x6e00);
    const chained = (c.cla & 0x10) !== 0;
    if (c.ins !== 0xc0) this.rest = new Uint8Array(0);
    if (chained) {
      this.chain = [...(this.chain ?? []), ...(c.data ?? [])];
      return SW(0x9000);
    }
    const data = this.chain
      ? Uint8Array.from([...this.chain, ...(c.data ?? [])])
      : (c.data ?? new Uint8Array(0));
    this.chain = undefined;
    const extended = c.extended === true;
    const offset = ((c.p1 & 0x7f) << 8) | c.p2;
    switch (c.ins) {
      case 0x10:
        if (c.cla !== 0x80) return SW(0x6e00);
        return this.answer(data, c.le, extended);
      case 0xd6:
        if (!data.length) return SW(0x6700);
        if (offset + data.length > this.memory.length) return SW(0x6b00);
        this.memory.set(data, offset);
        return SW(0x9000);
      case 0xb0: {
        if (c.le === undefined) return SW(0x6700);
        if (offset >= this.memory.length) return SW(0x6b00);
        return this.answer(
          this.memory.slice(offset, Math.min(this.memory.length, offset + c.le)),
          c.le,
          extended,
        );
      }
      case 0xc0: {
        if (!this.rest.length) return SW(0x6985);
        const out = this.rest;
        this.rest = new Uint8Array(0);
        return this.answer(out, c.le ?? 256, false);
      }
      default:
        return SW(0x6d00);
    }
  }
}
