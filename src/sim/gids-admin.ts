/**
 * Admin-key authentication commands of the virtual GIDS card as GidsApplet answers them
 * (`GidsApplet.processManageSecurityEnvironment`, `GidsPINManager.processGeneralAuthenticate`):
 * MSE SET (P1 81 or C1, CRT A4) selects the admin key 80; GENERAL AUTHENTICATE `7C { 81 … }` asks
 * for a challenge (empty: external, 16 bytes: mutual), `7C { 82 … }` answers it (gids-security.ts).
 */
import type { CommandApdu } from '../iso7816/apdu';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { sw } from './gids-piv-base';
import type { GidsSecurity } from './gids-security';

function tlvOr(data: Uint8Array, code: number): Tlv[] {
  try {
    return parseTlv(data);
  } catch {
    throw sw(code);
  }
}

/** MSE SET for the admin key; 6984 for any other key or when the admin key file does not exist yet. */
export function mseAdminKey(
  sec: GidsSecurity,
  cmd: CommandApdu,
  data: Uint8Array,
  adminKeyFile: boolean,
): Uint8Array {
  if (cmd.p1 !== 0x81 && cmd.p1 !== 0xc1) throw sw(0x6a81);
  const ref = findTag(tlvOr(data, 0x6984), 0x83)?.value;
  // Only the admin key (B080, ref 80, CRT A4 with algorithm 02) can be selected this way.
  if (ref?.length !== 1 || ref[0] !== 0x80 || cmd.p2 !== 0xa4 || !adminKeyFile) throw sw(0x6984);
  sec.keySelected = true;
  return new Uint8Array(0);
}

/** GENERAL AUTHENTICATE (P1 P2 = 00 00) with a 7C dynamic authentication template. */
export function generalAuthenticate(sec: GidsSecurity, cmd: CommandApdu, data: Uint8Array): Uint8Array {
  if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) throw sw(0x6a86);
  if (data[0] !== 0x7c) throw sw(0x6984);
  const kids = findTag(tlvOr(data, 0x6984), 0x7c)?.children ?? [];
  const t81 = findTag(kids, 0x81);
  if (t81) return encodeTlv(0x7c, [encodeTlv(0x81, sec.issueChallenge(t81.value))]);
  const t82 = findTag(kids, 0x82);
  if (t82) return sec.checkResponse(t82.value);
  throw sw(0x6984);
}
