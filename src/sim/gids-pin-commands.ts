/**
 * The virtual GIDS card's PIN commands, as the GidsApplet (the reference implementation of GIDS
 * 2.0) answers them: VERIFY (ISO 7816-4:2005 §7.5.6), CHANGE REFERENCE DATA (§7.5.7)
 * and RESET RETRY COUNTER (§7.5.10, the admin-key unblock that MIM CM's authentication response
 * enables). Status words are the applet's, since the driver routes on them.
 */
import type { CommandApdu } from '../iso7816/apdu';
import { sw } from './gids-piv-base';
import { type GidsSecurity, PIN_MAX, PIN_MIN } from './gids-security';

const OK = (): Uint8Array => new Uint8Array(0);

/**
 * VERIFY: P2 80 (or 00) checks the PIN; P2 82 with no data deauthenticates everything
 * (GidsApplet `DeauthenticateAllPin`). A wrong-length PIN counts as a wrong PIN (63Cx) like the
 * applet, so a host cannot probe the length for free; a blocked PIN answers 6983.
 */
export function verify(sec: GidsSecurity, cmd: CommandApdu, data: Uint8Array): Uint8Array {
  if (cmd.p1 !== 0x00) throw sw(0x6a86);
  if (cmd.p2 === 0x82) return (sec.deauthenticateAll(), OK());
  if (cmd.p2 !== 0x80 && cmd.p2 !== 0x00) throw sw(0x6a88);
  if (sec.triesLeft === 0) throw sw(0x6983);
  if (data.length < PIN_MIN || data.length > PIN_MAX) throw sw(0x63c0 | sec.triesLeft);
  sec.checkPin(data);
  return OK();
}

/**
 * CHANGE REFERENCE DATA: P1 00 carries old‖new PIN (the old one's length is the stored PIN's);
 * P1 01 carries only the new PIN and needs a verified PIN first.
 */
export function changeReferenceData(sec: GidsSecurity, cmd: CommandApdu, data: Uint8Array): Uint8Array {
  if (cmd.p2 !== 0x80 && cmd.p2 !== 0x00) throw sw(0x6a88);
  if (cmd.p1 === 0x01) {
    if (!sec.pinValidated) throw sw(0x6982);
    sec.setPin(data);
    return OK();
  }
  if (cmd.p1 !== 0x00) throw sw(0x6a86);
  if (data.length < 2 * PIN_MIN || data.length > 2 * PIN_MAX) throw sw(0x63c0 | sec.triesLeft);
  if (sec.triesLeft === 0) throw sw(0x6983);
  const oldLen = Math.min(sec.pin.length, data.length);
  sec.checkPin(data.subarray(0, oldLen));
  const next = data.subarray(oldLen);
  if (next.length < PIN_MIN || next.length > PIN_MAX) throw sw(0x6700);
  sec.setPin(next);
  return OK();
}

/**
 * RESET RETRY COUNTER, P1 02 P2 80: sets a new PIN and the full try counter, only after the admin
 * key authenticated (mutual 3DES challenge-response); the admin is deauthenticated afterwards
 * (GidsApplet: "admin is deauthenticated at the end of the process").
 */
export function resetRetryCounter(sec: GidsSecurity, cmd: CommandApdu, data: Uint8Array): Uint8Array {
  if (cmd.p1 !== 0x02) throw sw(0x6a86);
  if (cmd.p2 !== 0x80) throw sw(0x6a88);
  if (!sec.adminAuthenticated) throw sw(0x6982);
  sec.setPin(data);
  sec.triesLeft = sec.tryLimit;
  sec.deauthenticateAll();
  return OK();
}
