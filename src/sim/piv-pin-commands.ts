/**
 * The virtual PIV card's PIN state and PIN commands (NIST SP 800-73-4 Part 2): VERIFY (§3.2.1,
 * including P1=FF "reset the security status" and the empty VERIFY that answers the retry
 * counter), CHANGE REFERENCE DATA (§3.2.2, PIN or PUK) and RESET RETRY COUNTER with the PUK
 * (§3.2.3). PIN Always (key 9C, Part 1 §3.5 table 4b) is tracked here: a successful VERIFY is
 * "fresh" for the very next command only.
 */
import type { CommandApdu } from '../iso7816/apdu';
import { sw } from './gids-piv-base';
import type { PivCounter } from './piv-security';

const OK = (): Uint8Array => new Uint8Array(0);

/** SP 800-73-4 Part 2 §2.4.3: 6–8 ASCII digits then FF padding. */
function isValidPin(v: Uint8Array): boolean {
  const n = v.indexOf(0xff) < 0 ? 8 : v.indexOf(0xff);
  return (
    v.length === 8 &&
    n >= 6 &&
    v.subarray(0, n).every((b) => b >= 0x30 && b <= 0x39) &&
    v.subarray(n).every((b) => b === 0xff)
  );
}

export class PivPinState {
  /** The PIN is verified in this card session. */
  verified = false;
  /** Set by a successful VERIFY, for the next command only (see module note). */
  private fresh = false;
  /** Whether the command being processed follows a VERIFY directly (GET RESPONSE and chain links do not count). */
  private freshForThis = false;

  constructor(
    readonly pin: PivCounter,
    readonly puk: PivCounter,
  ) {}

  /** A card reset (or the first SELECT) clears the security status. */
  reset(): void {
    this.verified = false;
    this.fresh = false;
  }

  /** Called at each new command: the freshness of a VERIFY lasts one command. */
  nextCommand(): void {
    this.freshForThis = this.fresh;
    this.fresh = false;
  }

  /** May a key be used now: PIN verified and, for a PIN Always key, verified right before. */
  allowsKeyUse(pinAlways: boolean): boolean {
    return this.verified && (!pinAlways || this.freshForThis);
  }

  /** VERIFY (§3.2.1): P1=FF resets; no data answers the counter (63Cx / 6983) or 9000 when verified. */
  verify(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    if (cmd.p2 !== 0x80) throw sw(0x6a88);
    if (cmd.p1 === 0xff && data.length === 0) return (this.reset(), OK());
    if (cmd.p1 !== 0x00) throw sw(0x6a86);
    if (data.length === 0) {
      if (this.verified) return OK();
      throw sw(this.pin.left === 0 ? 0x6983 : 0x63c0 | this.pin.left);
    }
    if (data.length !== 8) throw sw(0x6a80);
    this.reset();
    this.verified = this.pin.check(data);
    this.fresh = this.verified;
    return OK();
  }

  /** CHANGE REFERENCE DATA (INS 24, PIN or PUK) and RESET RETRY COUNTER (INS 2C, PUK → new PIN). */
  changeOrReset(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    const reset = cmd.ins === 0x2c;
    if (cmd.p1 !== 0x00) throw sw(0x6a86);
    if (cmd.p2 !== 0x80 && !(cmd.p2 === 0x81 && !reset)) throw sw(0x6a88);
    if (data.length !== 16) throw sw(0x6a80);
    const target = cmd.p2 === 0x81 ? this.puk : this.pin;
    const checker = reset ? this.puk : target;
    const next = data.slice(8);
    if (target === this.pin && !isValidPin(next)) throw sw(0x6a80);
    checker.check(data.subarray(0, 8));
    target.value = next;
    target.left = target.limit;
    if (target === this.pin) this.verified = !reset;
    return OK();
  }
}
