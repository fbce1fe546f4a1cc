/**
 * What every virtual card shares (used by the virtual GIDS and PIV cards): command APDU decoding,
 * command chaining (ISO 7816-4 §5.1.1.1, CLA bit 0x10), response chaining with 61xx and GET
 * RESPONSE (§5.1.3, §7.6.1) when the answer exceeds Ne, and the class-byte checks a Java Card
 * applet makes before dispatching. Subclasses implement {@link VirtualCardBase.handle}.
 *
 * Cards satisfy the virtual CCID reader's `VirtualCard` (`{ atr, process(apdu), reset?() }`).
 */
import { AppError } from '../errors';
import { decodeCommand } from '../iso7816/apdu';
import type { CommandApdu } from '../iso7816/apdu';
import { concatBytes } from '@noble/ciphers/utils.js';
import type { VirtualCard } from './ccid-card';

export type { VirtualCard };

/** Thrown inside a handler to answer with a status word; never leaves `process`. */
class SwReply extends AppError<'sim/sw'> {
  constructor(readonly sw: number) {
    super('sim/sw', `Card answers ${sw.toString(16).padStart(4, '0')}`, { sw });
  }
}

/** Shorthand: `throw sw(0x6982)`. */
export function sw(code: number): SwReply {
  return new SwReply(code);
}

function withSw(data: Uint8Array, code: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = code >> 8;
  out[data.length + 1] = code & 0xff;
  return out;
}

/** Why 4096: above any DO these cards hold (a CHUID with signature is ~3 kB); bounds a hostile chain. */
const MAX_CHAIN = 4096;

export abstract class VirtualCardBase implements VirtualCard {
  private pending: Uint8Array | undefined;
  private chain: { head: string; parts: Uint8Array[]; size: number } | undefined;

  abstract readonly atr: Uint8Array;

  /**
   * Whether the card accepts extended-length APDUs (ISO 7816-4 §5.1). Default false: a card that
   * does not declare them in its card capabilities answers an extended APDU with 6700, as the Java
   * Card runtime of an applet without `ExtendedLength` does.
   */
  protected acceptsExtended(): boolean {
    return false;
  }

  /** Whether `ins` may be command-chained (ISO 7816-4 §5.1.1.1); others get 6884. Default: all. */
  protected chainable(_ins: number): boolean {
    return true;
  }

  /** Ne to use when the command carried no Le (default 256; GidsApplet answers GENERATE with 61xx). */
  protected defaultNe(_cmd: CommandApdu): number {
    return 256;
  }

  /** Handles one complete (de-chained) command; returns response data or throws {@link SwReply}. */
  protected abstract handle(cmd: CommandApdu): Uint8Array | Promise<Uint8Array>;

  /** Clears volatile state; subclasses add their own and call `super.reset()`. */
  reset(): void {
    this.pending = undefined;
    this.chain = undefined;
  }

  async process(apdu: Uint8Array): Promise<Uint8Array> {
    let cmd: CommandApdu;
    try {
      cmd = decodeCommand(apdu);
    } catch {
      return withSw(new Uint8Array(0), 0x6700); // not a valid APDU: wrong length, as a card says it
    }
    if (cmd.extended && !this.acceptsExtended()) {
      this.chain = undefined;
      return withSw(new Uint8Array(0), 0x6700);
    }
    try {
      return this.respond(await this.dispatch(cmd), cmd.le ?? this.defaultNe(cmd));
    } catch (e) {
      if (e instanceof SwReply) return withSw(new Uint8Array(0), e.sw);
      return withSw(new Uint8Array(0), 0x6f00); // unexpected fault inside the applet: "no precise diagnosis"
    }
  }

  private async dispatch(cmd: CommandApdu): Promise<Uint8Array> {
    if (cmd.ins === 0xc0 && (cmd.cla & 0x80) === 0) return this.getResponse(cmd);
    this.pending = undefined;
    if ((cmd.cla & 0x0c) !== 0) throw sw(0x6882); // secure messaging not supported
    if ((cmd.cla & 0x03) !== 0) throw sw(0x6881); // logical channels not supported
    if ((cmd.cla & 0xe0) !== 0) throw sw(0x6e00);
    const head = `${cmd.ins}/${cmd.p1}/${cmd.p2}`;
    if ((cmd.cla & 0x10) !== 0) {
      if (!this.chainable(cmd.ins)) throw ((this.chain = undefined), sw(0x6884));
      if (this.chain && this.chain.head !== head) throw ((this.chain = undefined), sw(0x6883));
      this.chain ??= { head, parts: [], size: 0 };
      this.chain.parts.push(cmd.data ?? new Uint8Array(0));
      this.chain.size += cmd.data?.length ?? 0;
      if (this.chain.size > MAX_CHAIN) throw ((this.chain = undefined), sw(0x6a84));
      return new Uint8Array(0);
    }
    if (this.chain) {
      const parts = this.chain.parts;
      const ok = this.chain.head === head;
      this.chain = undefined;
      if (!ok) throw sw(0x6883);
      cmd = { ...cmd, data: concatBytes(...parts, cmd.data ?? new Uint8Array(0)) };
    }
    return this.handle({ ...cmd, cla: cmd.cla & ~0x10 });
  }

  private getResponse(cmd: CommandApdu): Uint8Array {
    if (!this.pending) throw sw(0x6985);
    const rest = this.pending;
    this.pending = undefined;
    if (cmd.p1 !== 0 || cmd.p2 !== 0) throw sw(0x6a86);
    return rest;
  }

  /** Sends at most Ne bytes (no Le: up to 256) and keeps the rest for GET RESPONSE with 61xx. */
  private respond(data: Uint8Array, ne: number): Uint8Array {
    if (data.length <= ne) return withSw(data, 0x9000);
    this.pending = data.slice(ne);
    return withSw(data.subarray(0, ne), 0x6100 | (Math.min(this.pending.length, 256) % 256));
  }
}
