/**
 * GIDS command APDUs for key containers and signing, as OpenSC `card-gids.c` sends them to GIDS
 * cards and GidsApplet (`gids_perform_create_keyfile`, `gids_generate_key`, `gids_read_public_key`,
 * `gids_set_security_env`, `gids_put_DO`) — the GIDS specification's §12.5.3.1 "Cryptographic
 * Mechanism Identifier" for the algorithm ids. Builders only — no I/O.
 *
 * Unverified (no card at hand; OpenSC supports RSA only): the ECC algorithm reference for signing
 * (this layer sends the bare mechanism id 0C/0D with the hash as input) and the public-key tag 86
 * for an EC point (ISO 7816-8 §5.1).
 */
import type { CommandApdu } from '../../iso7816/apdu';
import { encodeTlv } from '../../iso7816/tlv';
import { CardError } from '../errors';
import { GIDS_APP_DF } from './apdus';
import type { KeySpec, KeyUsage } from '../keys';

/** `card/not-supported` for a key this GIDS card cannot generate (RSA-only unless it has ECC). */
export function unsupportedKey(spec: KeySpec): CardError {
  const algorithm = spec.kind === 'rsa' ? `RSA-${spec.bits}` : `ECC ${spec.curve}`;
  return new CardError(
    'card/not-supported',
    `This GIDS card cannot generate ${algorithm} keys (RSA 1024/2048 only)`,
    { reason: 'key-algorithm', algorithm },
  );
}

/** Mechanism ids (GIDS §12.5.3.1; OpenSC `GIDS_RSA_2048_IDENTIFIER` …). */
export function gidsAlgId(spec: KeySpec): number {
  if (spec.kind === 'rsa') return { 1024: 0x06, 2048: 0x07, 3072: 0x08, 4096: 0x09 }[spec.bits];
  return spec.curve === 'P-256' ? 0x0c : 0x0d;
}

/** Algorithm reference for signing: RSA = RSASSA-PKCS1-v1_5 padding on card (0x50 | id), EC = id. */
export function gidsSignAlgRef(spec: KeySpec): number {
  return spec.kind === 'rsa' ? 0x50 | gidsAlgId(spec) : gidsAlgId(spec);
}

const crt = (tag: number, alg: number, kid: number) =>
  encodeTlv(tag, [
    encodeTlv(0x80, Uint8Array.of(alg)),
    encodeTlv(0x83, Uint8Array.of(kid)),
    encodeTlv(0x95, Uint8Array.of(0x40)),
  ]);

/**
 * CREATE FILE of key file B0<kid> (ISO 7816-4 §7.2.6 with an FCP, tag 62) with the minidriver's
 * key permissions (`8C 05 8F 10 10 10 00`) and the CRTs OpenSC writes: decryption (B8: raw, OAEP,
 * PKCS#1) only for key-exchange keys, signature (B6: hash off card, PKCS#1 v1.5) always.
 */
export function createKeyFile(kid: number, spec: KeySpec, usage: KeyUsage): CommandApdu {
  const id = gidsAlgId(spec);
  const crts =
    spec.kind === 'rsa'
      ? [
          ...(usage.decrypt
            ? [crt(0xb8, id, kid), crt(0xb8, 0x80 + id, kid), crt(0xb8, 0x40 + id, kid)]
            : []),
          crt(0xb6, 0x10 + id, kid),
          crt(0xb6, 0x50 + id, kid),
        ]
      : [crt(0xb6, id, kid), ...(usage.decrypt ? [crt(0xa4, id, kid)] : [])];
  const fcp = encodeTlv(0x62, [
    encodeTlv(0x82, Uint8Array.of(0x18)),
    encodeTlv(0x83, Uint8Array.of(0xb0, kid)),
    encodeTlv(0x8c, Uint8Array.of(0x8f, 0x10, 0x10, 0x10, 0x00)),
    encodeTlv(0xa5, crts),
  ]);
  return { cla: 0x00, ins: 0xe0, p1: 0x00, p2: 0x00, data: fcp };
}

/** SELECT of key file B0<kid> by file id, no answer data (ISO 7816-4 §7.1.1, P2=0C). */
export function selectKeyFile(kid: number): CommandApdu {
  return { cla: 0x00, ins: 0xa4, p1: 0x00, p2: 0x0c, data: Uint8Array.of(0xb0, kid) };
}

/** ACTIVATE FILE of the file just created (ISO 7816-9 §8.3). */
export function activateFile(): CommandApdu {
  return { cla: 0x00, ins: 0x44, p1: 0x00, p2: 0x00 };
}

/** GENERATE ASYMMETRIC KEY PAIR `AC 06 80 01 <alg> 83 01 <kid>` (ISO 7816-8 §5.1; no Le, as OpenSC). */
export function generateKeyPair(kid: number, spec: KeySpec): CommandApdu {
  const data = encodeTlv(0xac, [
    encodeTlv(0x80, Uint8Array.of(gidsAlgId(spec))),
    encodeTlv(0x83, Uint8Array.of(kid)),
  ]);
  return { cla: 0x00, ins: 0x47, p1: 0x00, p2: 0x00, data };
}

/** GET DATA 3FFF `70 08 84 01 <kid> A5 03 7F 49 80`: the public key of key <kid> → `7F49 {…}`. */
export function getPublicKey(kid: number): CommandApdu {
  const data = Uint8Array.of(0x70, 0x08, 0x84, 0x01, kid, 0xa5, 0x03, 0x7f, 0x49, 0x80);
  return { cla: 0x00, ins: 0xcb, p1: GIDS_APP_DF >> 8, p2: GIDS_APP_DF & 0xff, data, le: 256 };
}

/** MSE SET DST (P1=41, P2=B6): algorithm reference 80 and private key reference 84 (ISO 7816-4 §7.5.11). */
export function mseSetSignature(kid: number, spec: KeySpec): CommandApdu {
  const data = Uint8Array.of(0x80, 0x01, gidsSignAlgRef(spec), 0x84, 0x01, kid);
  return { cla: 0x00, ins: 0x22, p1: 0x41, p2: 0xb6, data };
}

/** PERFORM SECURITY OPERATION: COMPUTE DIGITAL SIGNATURE (ISO 7816-8 §5.4) over `input`. */
export function computeSignature(input: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x2a, p1: 0x9e, p2: 0x9a, data: input, le: 256 };
}

/** PUT DATA of one BER-TLV DO into an EF (ISO 7816-4 §7.4.3); chained by the exchange when long. */
export function putDo(efId: number, doId: number, value: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0xdb, p1: efId >> 8, p2: efId & 0xff, data: encodeTlv(doId, value) };
}
