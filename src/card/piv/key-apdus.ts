/**
 * PIV command APDUs for on-card keys and certificates (NIST SP 800-73-4 Part 2 §3.3.2 GENERATE
 * ASYMMETRIC KEY PAIR, §3.2.4 GENERAL AUTHENTICATE, §3.3.1 PUT DATA; algorithm ids SP 800-78-4
 * table 6-2; certificate containers Part 1 §3.3 table 3 and Appendix A). Builders only — no I/O.
 */
import type { CommandApdu } from '../../iso7816/apdu';
import { concatBytes } from '@noble/ciphers/utils.js';
import { encodeTlv } from '../../iso7816/tlv';
import type { KeySpec } from '../keys';

/** SP 800-78-4 table 6-2: 06 RSA-1024, 07 RSA-2048, 11 ECC P-256, 14 ECC P-384 (RSA-3072/4096: YubiKey 5.7 05/16). */
export function pivAlgId(spec: KeySpec): number | undefined {
  if (spec.kind === 'ec') return spec.curve === 'P-256' ? 0x11 : 0x14;
  return ({ 1024: 0x06, 2048: 0x07, 3072: 0x05, 4096: 0x16 } as Record<number, number>)[spec.bits];
}

/** Key reference → certificate container tag (Part 1 table 3): 9A → 5FC105, 9C → 5FC10A, 9D → 5FC10B, 82–95 → 5FC10D–5FC120. */
export function certTagFor(ref: number): Uint8Array | undefined {
  const t =
    ({ 0x9a: 0x05, 0x9c: 0x0a, 0x9d: 0x0b, 0x9e: 0x01 } as Record<number, number>)[ref] ??
    (ref >= 0x82 && ref <= 0x95 ? 0x0d + ref - 0x82 : undefined);
  return t === undefined ? undefined : Uint8Array.of(0x5f, 0xc1, t);
}

/** GENERATE ASYMMETRIC KEY PAIR: `AC 03 80 01 <alg>` → `7F49 { 81 n, 82 e | 86 point }`. */
export function generateKeyPair(ref: number, alg: number): CommandApdu {
  return {
    cla: 0x00,
    ins: 0x47,
    p1: 0x00,
    p2: ref,
    data: encodeTlv(0xac, [encodeTlv(0x80, Uint8Array.of(alg))]),
    le: 256,
  };
}

/** GENERAL AUTHENTICATE for a signature: `7C { 82 00, 81 <input> }` → `7C { 82 <signature> }` (Appendix A.4). */
export function signInput(ref: number, alg: number, input: Uint8Array): CommandApdu {
  const data = encodeTlv(0x7c, [encodeTlv(0x82, new Uint8Array(0)), encodeTlv(0x81, input)]);
  return { cla: 0x00, ins: 0x87, p1: alg, p2: ref, data, le: 256 };
}

/**
 * PUT DATA of a certificate container: `5C <tag> 53 { 70 <cert DER>, 71 01 00, FE 00 }`
 * (Part 1 Appendix A table 15 ff.: CertInfo 00 = uncompressed, error detection code FE).
 */
export function putCertificate(tag: Uint8Array, der: Uint8Array): CommandApdu {
  // 53 is a primitive tag holding a BER-TLV list, so its value is built by concatenation.
  const body = encodeTlv(
    0x53,
    concatBytes(
      encodeTlv(0x70, der),
      encodeTlv(0x71, Uint8Array.of(0x00)),
      encodeTlv(0xfe, new Uint8Array(0)),
    ),
  );
  const data = concatBytes(encodeTlv(0x5c, tag), body);
  return { cla: 0x00, ins: 0xdb, p1: 0x3f, p2: 0xff, data };
}
