/**
 * PIN encodings, validated before any APDU is sent so bad input never costs a retry.
 *
 * - GIDS: the PIN is raw bytes of the text, no padding, 4–16 bytes (GIDS VERIFY / CHANGE REFERENCE
 *   DATA, lengths as GidsApplet `PIN_MIN_LENGTH`/`PIN_MAX_LENGTH` enforce them; the Windows
 *   minidriver sends the ASCII PIN).
 *   Printable ASCII only, so every keyboard layout and the card agree on the bytes.
 * - PIV: 6–8 digits padded with FF to 8 bytes (SP 800-73-4 Part 2 §2.4.3 "PIN characters shall be
 *   the numeric digits 0–9", §3.2.1 VERIFY). The PUK: 6–8 printable ASCII characters, FF-padded
 *   (SP 800-73-4 allows any 8 bytes; YubiKey and PivApplet accept 6–8).
 */
import { CardError } from './errors';

function ascii(pin: string): Uint8Array {
  return Uint8Array.from(pin, (c) => c.charCodeAt(0));
}

function isPrintableAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

function invalid(reason: string, min: number, max: number): CardError {
  return new CardError('card/invalid-pin', reason, { min, max });
}

/** GIDS PIN bytes (VERIFY / CHANGE REFERENCE DATA / RESET RETRY COUNTER data). Throws `card/invalid-pin`. */
export function encodeGidsPin(pin: string): Uint8Array {
  if (!isPrintableAscii(pin)) throw invalid('A GIDS PIN uses printable ASCII characters only', 4, 16);
  if (pin.length < 4 || pin.length > 16) throw invalid('A GIDS PIN has 4 to 16 characters', 4, 16);
  return ascii(pin);
}

function pad8(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(8).fill(0xff);
  out.set(bytes);
  return out;
}

/** PIV PIN as 8 bytes, FF-padded (SP 800-73-4 Part 2 §3.2.1). Throws `card/invalid-pin`. */
export function encodePivPin(pin: string): Uint8Array {
  if (!/^[0-9]{6,8}$/.test(pin)) throw invalid('A PIV PIN has 6 to 8 digits', 6, 8);
  return pad8(ascii(pin));
}

/** PIV PUK as 8 bytes, FF-padded (SP 800-73-4 Part 2 §3.2.3). Throws `card/invalid-pin` with `data.which`. */
export function encodePivPuk(puk: string): Uint8Array {
  if (!isPrintableAscii(puk) || puk.length < 6 || puk.length > 8) {
    throw new CardError('card/invalid-pin', 'A PIV PUK has 6 to 8 characters', {
      which: 'PUK',
      min: 6,
      max: 8,
    });
  }
  return pad8(ascii(puk));
}
