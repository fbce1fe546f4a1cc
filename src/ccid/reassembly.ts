/**
 * Cutting the bulk-IN byte stream into RDR_to_PC messages (CCID 1.1 §5.2.2, §6.2; USB 2.0 §5.8.3).
 *
 * One WebUSB transferIn returns packets until a short packet (or ZLP) or the requested length.
 * A transfer that ends short closes whatever message is in progress; messages are delimited by
 * their dwLength. Framing errors are reported, never guessed around:
 * - a header whose dwLength exceeds dwMaxCCIDMessageLength (a reader cannot send that);
 * - a transfer that ends short while a message is incomplete, or with bytes left after the last
 *   whole message (dwLength lies, or the reader stopped mid-message).
 * Empty transfers (spurious ZLPs) change nothing.
 */
import { HEADER_LENGTH, messageLength } from './messages';

type Assembled =
  | { messages: Uint8Array[] }
  /** `head` is the first header of the broken transfer when one was readable (for bSlot/bSeq). */
  | { error: string; head?: Uint8Array };

export class Reassembler {
  private buf: Uint8Array = new Uint8Array(0);

  constructor(private readonly maxMessage: number) {}

  /** Feeds one transfer's bytes; `ended` = the transfer ended with a short packet or ZLP. */
  push(chunk: Uint8Array, ended: boolean): Assembled {
    let b = chunk;
    if (this.buf.length) {
      b = new Uint8Array(this.buf.length + chunk.length);
      b.set(this.buf);
      b.set(chunk, this.buf.length);
    }
    const messages: Uint8Array[] = [];
    let off = 0;
    while (b.length - off >= HEADER_LENGTH) {
      const dw = messageLength(b, off);
      if (dw > this.maxMessage - HEADER_LENGTH) {
        this.buf = new Uint8Array(0);
        return {
          error: `dwLength ${dw} exceeds dwMaxCCIDMessageLength ${this.maxMessage}`,
          head: b.subarray(off, off + HEADER_LENGTH),
        };
      }
      const end = off + HEADER_LENGTH + dw;
      if (end > b.length) break;
      messages.push(b.subarray(off, end));
      off = end;
    }
    const rest = b.subarray(off);
    if (ended && rest.length > 0) {
      this.buf = new Uint8Array(0);
      const head = messages[0] ?? (rest.length >= 7 ? rest : undefined);
      return { error: `dwLength does not match the ${b.length} bytes received`, ...(head ? { head } : {}) };
    }
    this.buf = rest.length ? rest.slice() : new Uint8Array(0);
    return { messages };
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }
}
