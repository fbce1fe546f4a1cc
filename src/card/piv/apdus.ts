/**
 * PIV command APDUs (NIST SP 800-73-4 Part 2 §3; algorithm ids SP 800-78-4 table 6-2) and the
 * Yubico extensions this layer uses (GET METADATA F7, SET MANAGEMENT KEY FF; Yubico YESDK docs).
 * Builders only — no I/O.
 */
import type { CommandApdu } from '../../iso7816/apdu';
import { concatBytes } from '@noble/ciphers/utils.js';
import { encodeTlv } from '../../iso7816/tlv';
import type { AdminKeyAlgorithm } from '../managed';

/** PIV AID without the version bytes (SP 800-73-4 Part 1 §2.2): `A0 00 00 03 08 00 00 10 00`. */
export const PIV_AID_PREFIX = Uint8Array.of(0xa0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00);
/** Card management key reference (SP 800-73-4 Part 1 §3.5.3 table 4b). */
export const MGMT_KEY_REF = 0x9b;
export const PIN_REF = 0x80;
export const CHUID_TAG = Uint8Array.of(0x5f, 0xc1, 0x02);

/** Algorithm id (P1 of GENERAL AUTHENTICATE), challenge and key lengths per algorithm. */
export const MGMT_ALGORITHMS: Readonly<
  Record<AdminKeyAlgorithm, { id: number; block: number; keyLength: number }>
> = {
  '3des': { id: 0x03, block: 8, keyLength: 24 },
  aes128: { id: 0x08, block: 16, keyLength: 16 },
  aes192: { id: 0x0a, block: 16, keyLength: 24 },
  aes256: { id: 0x0c, block: 16, keyLength: 32 },
};

/** Algorithm for an algorithm id; 00 is the SP 800-78 alias of 3DES. Undefined for others. */
export function algorithmFromId(id: number): AdminKeyAlgorithm | undefined {
  if (id === 0x00) return '3des';
  return (Object.keys(MGMT_ALGORITHMS) as AdminKeyAlgorithm[]).find((a) => MGMT_ALGORITHMS[a].id === id);
}

/** SELECT the PIV application by AID (SP 800-73-4 Part 2 §3.1.1). */
export function selectPiv(): CommandApdu {
  return { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: PIV_AID_PREFIX.slice(), le: 256 };
}

/** GET DATA of a PIV container by its tag (SP 800-73-4 Part 2 §3.1.2, `5C` tag list). */
export function getData(tag: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0xcb, p1: 0x3f, p2: 0xff, data: encodeTlv(0x5c, tag), le: 256 };
}

/** Yubico GET METADATA for a key or PIN reference (INS F7, firmware 5.3+). */
export function getMetadata(ref: number): CommandApdu {
  return { cla: 0x00, ins: 0xf7, p1: 0x00, p2: ref, le: 256 };
}

/** GENERAL AUTHENTICATE `7C 02 81 00` on key 9B: request a challenge (SP 800-73-4 Part 2 §3.2.4, A.1). */
export function gaRequestChallenge(alg: AdminKeyAlgorithm): CommandApdu {
  const d = Uint8Array.of(0x7c, 0x02, 0x81, 0x00);
  return { cla: 0x00, ins: 0x87, p1: MGMT_ALGORITHMS[alg].id, p2: MGMT_KEY_REF, data: d, le: 256 };
}

/** GENERAL AUTHENTICATE `7C LL 82 LL <response>` on key 9B. */
export function gaSendResponse(alg: AdminKeyAlgorithm, response: Uint8Array): CommandApdu {
  const d = encodeTlv(0x7c, [encodeTlv(0x82, response)]);
  return { cla: 0x00, ins: 0x87, p1: MGMT_ALGORITHMS[alg].id, p2: MGMT_KEY_REF, data: d };
}

/** VERIFY (§3.2.1): with data = check, without = status; P1=FF resets the verification. */
export function verify(ref: number, value?: Uint8Array, p1 = 0x00): CommandApdu {
  return value ? { cla: 0x00, ins: 0x20, p1, p2: ref, data: value } : { cla: 0x00, ins: 0x20, p1, p2: ref };
}

/** CHANGE REFERENCE DATA (§3.2.2): old 8 bytes || new 8 bytes. */
export function changeReferenceData(ref: number, oldValue: Uint8Array, newValue: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x24, p1: 0x00, p2: ref, data: concatBytes(oldValue, newValue) };
}

/** RESET RETRY COUNTER (§3.2.3): PUK 8 bytes || new PIN 8 bytes. */
export function resetRetryCounter(puk: Uint8Array, newPin: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x2c, p1: 0x00, p2: PIN_REF, data: concatBytes(puk, newPin) };
}

/** Yubico SET MANAGEMENT KEY: `00 FF FF FF <Lc> <alg> 9B <len> <key>` (P2 FF = no touch policy). */
export function setManagementKey(alg: AdminKeyAlgorithm, key: Uint8Array): CommandApdu {
  const head = Uint8Array.of(MGMT_ALGORITHMS[alg].id, MGMT_KEY_REF, key.length);
  return { cla: 0x00, ins: 0xff, p1: 0xff, p2: 0xff, data: concatBytes(head, key) };
}
