/**
 * GIDS command APDUs (Windows "inbox smart card minidriver" GIDS electrical profile; GidsApplet;
 * docs/gids.md). Builders only — no I/O. Secrets placed in a command's data are the
 * caller's to zero after sending.
 */
import type { CommandApdu } from '../../iso7816/apdu';
import { concatBytes } from '@noble/ciphers/utils.js';
import { encodeTlv } from '../../iso7816/tlv';

/** GIDS AID prefix: RID A0 00 00 03 97 + "BTFY"; full AID adds version and vendor bytes. */
export const GIDS_AID_PREFIX = Uint8Array.of(0xa0, 0x00, 0x00, 0x03, 0x97, 0x42, 0x54, 0x46, 0x59);

/** The application DF file id (`00 A4 00 0C 02 3F FF`) and the EF holding PIN status DOs. */
export const GIDS_APP_DF = 0x3fff;
/** Standard profile: masterfile in EF A000 / DO DF1F, `cardid` in EF A012 / DO DF20. */
export const MASTERFILE = { efId: 0xa000, doId: 0xdf1f } as const;
export const STANDARD_CARDID = { efId: 0xa012, doId: 0xdf20 } as const;
/** Admin (card management) key reference in the Microsoft profile (key EF B080). */
export const ADMIN_KEY_REF = 0x80;
/** User PIN reference (P2 of VERIFY / CHANGE / RESET RETRY COUNTER) and its status DO. */
export const PIN_REF = 0x80;
export const PIN_STATUS_DO = 0x7f71;

/** SELECT by partial DF name (ISO 7816-4 §7.1.1, P1=04), answer = FCI. */
export function selectGids(): CommandApdu {
  return { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: GIDS_AID_PREFIX.slice(), le: 256 };
}

/** GET DATA of a BER-TLV DO in an EF (ISO 7816-4 §7.4.1, INS CB, tag list 5C). */
export function getData(efId: number, doId: number): CommandApdu {
  return {
    cla: 0x00,
    ins: 0xcb,
    p1: efId >> 8,
    p2: efId & 0xff,
    data: Uint8Array.of(0x5c, 0x02, doId >> 8, doId & 0xff),
    le: 256,
  };
}

/** GET DATA of EF.ATR/INFO (ISO 7816-4 §12.2.2) as GIDS cards answer it: `00 CB 2F 01 02 5C 00 00`. */
export function getEfAtr(): CommandApdu {
  return { cla: 0x00, ins: 0xcb, p1: 0x2f, p2: 0x01, data: Uint8Array.of(0x5c, 0x00), le: 256 };
}

/** MANAGE SECURITY ENVIRONMENT SET AT (ISO 7816-4 §7.5.11) selecting the admin key (83 01 80). */
export function mseSetAdminKey(p1: 0x81 | 0xc1 = 0x81): CommandApdu {
  return { cla: 0x00, ins: 0x22, p1, p2: 0xa4, data: Uint8Array.of(0x83, 0x01, ADMIN_KEY_REF) };
}

/** GENERAL AUTHENTICATE asking for a challenge: `7C 02 81 00` (ISO 7816-4 §7.5.2, external auth). */
export function gaRequestChallenge(): CommandApdu {
  return { cla: 0x00, ins: 0x87, p1: 0x00, p2: 0x00, data: Uint8Array.of(0x7c, 0x02, 0x81, 0x00), le: 256 };
}

/** GENERAL AUTHENTICATE with the response: `7C 0A 82 08 <response>`. */
export function gaSendResponse(response: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x87, p1: 0x00, p2: 0x00, data: encodeTlv(0x7c, [encodeTlv(0x82, response)]) };
}

/** VERIFY (ISO 7816-4 §7.5.6); empty data asks for the status, P2=82 deauthenticates everything. */
export function verify(pin?: Uint8Array, p2 = PIN_REF): CommandApdu {
  return pin ? { cla: 0x00, ins: 0x20, p1: 0x00, p2, data: pin } : { cla: 0x00, ins: 0x20, p1: 0x00, p2 };
}

/** CHANGE REFERENCE DATA P1=00: old PIN immediately followed by the new one (ISO 7816-4 §7.5.7). */
export function changeReferenceData(oldPin: Uint8Array, newPin: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x24, p1: 0x00, p2: PIN_REF, data: concatBytes(oldPin, newPin) };
}

/** RESET RETRY COUNTER P1=02 "new reference data only" (ISO 7816-4 §7.5.10), after admin auth. */
export function resetRetryCounter(newPin: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x2c, p1: 0x02, p2: PIN_REF, data: newPin };
}

/**
 * PUT DATA of a new 24-byte 3DES admin key into the key template of key 80
 * (`70 24 84 01 80 A5 1F 87 18 <key> 88 03 B0 73 DC`, verified against GidsApplet).
 */
export function putAdminKey(key: Uint8Array): CommandApdu {
  const tpl = encodeTlv(0x70, [
    encodeTlv(0x84, Uint8Array.of(ADMIN_KEY_REF)),
    encodeTlv(0xa5, [encodeTlv(0x87, key), encodeTlv(0x88, Uint8Array.of(0xb0, 0x73, 0xdc))]),
  ]);
  return { cla: 0x00, ins: 0xdb, p1: GIDS_APP_DF >> 8, p2: GIDS_APP_DF & 0xff, data: tpl };
}
