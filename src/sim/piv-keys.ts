/**
 * Asymmetric keys of the virtual PIV card (NIST SP 800-73-4 Part 2 §3.3.2 GENERATE ASYMMETRIC KEY
 * PAIR, §3.2.4 GENERAL AUTHENTICATE with `7C { 82 00, 81 <input> }`; Part 1 §3.5 access rules:
 * generation needs the 9B management key, signing the PIN; SP 800-78-4 table 6-2 algorithm ids)
 * and the Yubico GET METADATA answer for a key slot (01 algorithm, 02 policy, 03 origin, 04 public
 * key). RSA input is the already-padded block (raw RSA, Appendix A.4); ECDSA input is the hash and
 * the answer an X9.62 DER signature. Status words as YubiKey/PivApplet: 6982 not authenticated,
 * 6A80 wrong data or algorithm, 6A86 bad P1/P2, 6A88 no key in the slot.
 */
import type { CommandApdu } from '../iso7816/apdu';
import { concatBytes } from '@noble/ciphers/utils.js';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import { sw } from './gids-piv-base';
import { SimKey, webCryptoKeySource, type KeySource, type SimKeySpec } from './sim-keys';

const ALGS: Record<number, SimKeySpec> = {
  0x06: { kind: 'rsa', bits: 1024 },
  0x07: { kind: 'rsa', bits: 2048 },
  0x11: { kind: 'ec', curve: 'P-256' },
  0x14: { kind: 'ec', curve: 'P-384' },
};

/** Key references that hold asymmetric keys: 9A, 9C, 9D, 9E and the retired 82–95. */
export function isKeySlot(ref: number): boolean {
  return ref === 0x9a || ref === 0x9c || ref === 0x9d || ref === 0x9e || (ref >= 0x82 && ref <= 0x95);
}

/** r‖s → X9.62 `SEQUENCE { INTEGER r, INTEGER s }` (minimal positive INTEGERs). */
function rawToDer(sig: Uint8Array): Uint8Array {
  const int = (v: Uint8Array) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    const t = v.subarray(i);
    return encodeTlv(0x02, t[0]! & 0x80 ? concatBytes(Uint8Array.of(0), t) : t);
  };
  const h = sig.length / 2;
  return encodeTlv(0x30, concatBytes(int(sig.subarray(0, h)), int(sig.subarray(h))));
}

export class PivKeySlots {
  readonly keys = new Map<number, { alg: number; key: SimKey }>();
  /** Number of GENERATE commands carried out. */
  generated = 0;

  constructor(private readonly keySource: KeySource = webCryptoKeySource) {}

  async generate(cmd: CommandApdu, data: Uint8Array, mgmtAuthenticated: boolean): Promise<Uint8Array> {
    if (cmd.p1 !== 0x00 || !isKeySlot(cmd.p2)) throw sw(0x6a86);
    let alg: Uint8Array | undefined;
    try {
      alg = findTag(findTag(parseTlv(data), 0xac)?.children, 0x80)?.value;
    } catch {
      throw sw(0x6a80);
    }
    const spec = alg?.length === 1 ? ALGS[alg[0]!] : undefined;
    if (!spec) throw sw(0x6a80);
    if (!mgmtAuthenticated) throw sw(0x6982);
    const key = await SimKey.create(spec, this.keySource);
    this.keys.set(cmd.p2, { alg: alg![0]!, key });
    this.generated++;
    return encodeTlv(0x7f49, key.publicKeyTlv());
  }

  /** GENERAL AUTHENTICATE on a key slot (signature only; 82 empty, 81 the input). */
  sign(cmd: CommandApdu, data: Uint8Array, pinVerified: boolean): Uint8Array {
    const slot = this.keys.get(cmd.p2);
    if (!isKeySlot(cmd.p2)) throw sw(0x6a86);
    if (!slot) throw sw(0x6a88);
    if (cmd.p1 !== slot.alg) throw sw(0x6a80);
    let kids;
    try {
      kids = findTag(parseTlv(data), 0x7c)?.children;
    } catch {
      throw sw(0x6a80);
    }
    const input = findTag(kids, 0x81)?.value;
    if (findTag(kids, 0x82)?.value.length !== 0 || !input) throw sw(0x6a80);
    if (!pinVerified && cmd.p2 !== 0x9e) throw sw(0x6982); // 9E (card authentication) is PIN-free
    const key = slot.key;
    let sig: Uint8Array;
    try {
      sig = key.spec.kind === 'rsa' ? key.rsaRaw(input) : rawToDer(key.ecdsa(input));
    } catch {
      throw sw(0x6a80);
    }
    return encodeTlv(0x7c, [encodeTlv(0x82, sig)]);
  }

  /** Yubico GET METADATA for a key slot. */
  metadata(ref: number): Uint8Array {
    const slot = this.keys.get(ref);
    if (!slot) throw sw(0x6a88);
    return concatBytes(
      encodeTlv(0x01, Uint8Array.of(slot.alg)),
      encodeTlv(0x02, Uint8Array.of(0x01, 0x01)),
      encodeTlv(0x03, Uint8Array.of(0x01)),
      encodeTlv(0x04, slot.key.publicKeyTlv()),
    );
  }
}
