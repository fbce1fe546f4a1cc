/**
 * Data objects the virtual PIV card serves: the Application Property Template answered to SELECT
 * (SP 800-73-4 Part 2 §3.1.1 table 3) and the CHUID container 5FC102 (Part 1 §3.1.2 table 9).
 */
import { concatBytes } from '@noble/ciphers/utils.js';
import { fromHex } from '../iso7816/hex';
import { encodeTlv } from '../iso7816/tlv';

export const PIV_AID = fromHex('A0 00 00 03 08 00 00 10 00 01 00');
/** YubiKey 5 NFC ATR (docs/piv.md "ATRs"). */
export const YUBIKEY5_ATR = fromHex('3B FD 13 00 00 81 31 FE 15 80 73 C0 21 C0 57 59 75 62 69 4B 65 79 40');
/** FASC-N of agency 9999 as YubiKey tools write it (SP 800-73-4 Part 1 §3.1.2; OpenSC's "9999" test). */
export const DEFAULT_FASCN = fromHex('D4E739DA739CED39CE739D836858210842108421C84210C3EB');

/** APT: PIX of the AID, coexistent tag allocation authority, label, supported algorithms. */
export function applicationPropertyTemplate(): Uint8Array {
  const algs = [0x03, 0x08, 0x0a, 0x0c, 0x07, 0x11, 0x14].map((a) => encodeTlv(0x80, Uint8Array.of(a)));
  return encodeTlv(0x61, [
    encodeTlv(0x4f, PIV_AID.subarray(5)),
    encodeTlv(0x79, [encodeTlv(0x4f, PIV_AID.subarray(0, 5))]),
    encodeTlv(
      0x50,
      Uint8Array.from('Virtual PIV', (c) => c.charCodeAt(0)),
    ),
    encodeTlv(0xac, [...algs, encodeTlv(0x06, new Uint8Array(0))]),
  ]);
}

interface ChuidFields {
  fascn?: Uint8Array;
  guid?: Uint8Array;
  /** "YYYYMMDD". */
  expiry?: string;
}

/** CHUID container value (tag 53) with an empty issuer signature, as unsigned test cards carry. */
export function buildChuid(f: ChuidFields): Uint8Array {
  const parts: Uint8Array[] = [];
  if (f.fascn) parts.push(encodeTlv(0x30, f.fascn));
  if (f.guid) parts.push(encodeTlv(0x34, f.guid));
  parts.push(
    encodeTlv(
      0x35,
      Uint8Array.from(f.expiry ?? '20301231', (c) => c.charCodeAt(0)),
    ),
  );
  parts.push(encodeTlv(0x3e, new Uint8Array(0)));
  parts.push(Uint8Array.of(0xfe, 0x00));
  return encodeTlv(0x53, concatBytes(...parts));
}

/**
 * Discovery Object (tag 7E, SP 800-73-4 Part 1 §3.3.2 table 18): the PIV AID and the PIN usage policy
 * `5F2F 40 00` (PIV Card Application PIN only, no global PIN), as a YubiKey answers it.
 */
export function discoveryObject(): Uint8Array {
  return encodeTlv(0x7e, [encodeTlv(0x4f, PIV_AID), encodeTlv(0x5f2f, Uint8Array.of(0x40, 0x00))]);
}
