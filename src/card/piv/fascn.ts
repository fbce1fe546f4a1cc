/**
 * The FASC-N in a PIV CHUID (tag 30, 25 bytes; TIG SCEPACS v2.3 §6.1 "FASC-N", SP 800-73-4 Part 1
 * §3.1.2): 40 characters of 5 bits each, read most significant bit first from the byte stream; a
 * character is 4 data bits, least significant first, then an odd parity bit. Layout:
 * SS · agency code (4) · FS · system code (4) · FS · credential number (6) · FS · CS · FS · ICI · FS ·
 * person identifier (10) · organizational category · organizational identifier (4) · person/
 * organization association · ES · LRC. SS = 11, FS = 13, ES = 15, digits 0–9.
 *
 * Agency code, system code and credential number together identify the credential (TIG SCEPACS
 * §6.1). Agency code 9999 marks a non-federal issuer, whose CHUID identifies the card by its GUID
 * (SP 800-73-4 Part 1 §3.1.2; OpenSC `card-piv.c` uses the GUID then).
 */

export interface Fascn {
  agency: string;
  system: string;
  credential: string;
}

const SS = 11;
const FS = 13;
const ES = 15;

/** The 40 characters, or undefined when a parity bit is wrong or the length is not 25 bytes. */
function characters(bytes: Uint8Array): number[] | undefined {
  if (bytes.length !== 25) return undefined;
  const out: number[] = [];
  for (let c = 0; c < 40; c++) {
    let value = 0;
    let ones = 0;
    for (let b = 0; b < 5; b++) {
      const bit = c * 5 + b;
      const v = (bytes[bit >> 3]! >> (7 - (bit & 7))) & 1;
      ones += v;
      if (b < 4) value |= v << b;
    }
    if (ones % 2 !== 1) return undefined; // odd parity over the 5 bits
    out.push(value);
  }
  return out;
}

/** Decodes the identifying fields; undefined when the bytes are not a well-formed FASC-N. */
export function parseFascn(bytes: Uint8Array): Fascn | undefined {
  const ch = characters(bytes);
  if (!ch || ch[0] !== SS || ch[5] !== FS || ch[10] !== FS || ch[17] !== FS || ch[38] !== ES)
    return undefined;
  const digits = (from: number, n: number) => {
    const part = ch.slice(from, from + n);
    return part.every((d) => d <= 9) ? part.join('') : undefined;
  };
  const agency = digits(1, 4);
  const system = digits(6, 4);
  const credential = digits(11, 6);
  return agency && system && credential ? { agency, system, credential } : undefined;
}

/** What a FASC-N says about the card's identity. */
export type FascnIdentity = 'federal' | 'non-federal' | 'none';

/**
 * `federal` = a well-formed FASC-N with a non-zero agency/system/credential number; `non-federal` =
 * agency code 9999 (identity in the GUID); `none` = absent, malformed (e.g. all zero bytes) or all
 * identifying digits zero — a factory placeholder that carries no identity.
 */
export function fascnIdentity(bytes: Uint8Array | undefined): FascnIdentity {
  const f = bytes && parseFascn(bytes);
  if (!f) return 'none';
  if (f.agency === '9999') return 'non-federal';
  return /[1-9]/.test(f.agency + f.system + f.credential) ? 'federal' : 'none';
}
