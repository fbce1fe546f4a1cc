/**
 * On-card keys and certificates of a PIV card (NIST SP 800-73-4): key references 9A (PIV
 * Authentication — Windows logon), 9C (Digital Signature), 9D (Key Management — decryption) and the
 * retired key references 82–95 (Part 1 §3.3 table 4b); GENERATE ASYMMETRIC KEY PAIR and PUT DATA
 * need the card management key 9B authenticated, signing needs the PIN verified (Part 1 §3.5 table
 * 4b access rules). The host pads RSA input (PIV computes raw RSA, Part 2 Appendix A.4) and reads
 * ECDSA signatures as DER (X9.62), converted here to r‖s.
 *
 * PIV has no standard command to read a public key back after generation; this layer uses the
 * Yubico GET METADATA (INS F7, tag 04) when the card has it, else reports "unknown".
 */
import { concatBytes } from '@noble/ciphers/utils.js';
import { findTag, parseTlv } from '../../iso7816/tlv';
import type { CommandApdu, ResponseApdu } from '../../iso7816/apdu';
import { CardError } from '../errors';
import { checkKeyUseSw, checkPrivilegedSw, okData } from '../exchange';
import { swIs } from '../sw-table';
import { PIV_SW } from './sw';
import type { OpOptions } from '../exchange';
import { curveBytes } from '../keys';
import type { CardKeyStore, CardPublicKey, HashName, KeySlot, KeySpec, KeyUsage } from '../keys';
import { getData, getMetadata } from './apdus';
import * as K from './key-apdus';
import { pivSupports } from './key-support';
import { emsaPkcs1v15, parsePublicKey } from '../pubkey';

export interface PivIo {
  send(cmd: CommandApdu, opts: OpOptions): Promise<ResponseApdu>;
}

const RETIRED = Array.from({ length: 20 }, (_, i) => 0x82 + i);

function refOf(slot: KeySlot): number {
  const ref = parseInt(slot, 16);
  if (!/^[0-9a-f]{2}$/i.test(slot) || !K.certTagFor(ref) || ref === 0x9e)
    throw new CardError('card/invalid-slot', `Not a PIV key reference for enrollment: ${slot}`, { slot });
  return ref;
}

function algOf(spec: KeySpec): number {
  const alg = K.pivAlgId(spec);
  if (alg === undefined)
    throw new CardError('card/not-supported', `PIV has no algorithm id for ${JSON.stringify(spec)}`, {});
  return alg;
}

/** X9.62 `SEQUENCE { INTEGER r, INTEGER s }` → r‖s of `n` bytes each. Throws `card/bad-data`. */
export function derToRawEcdsa(der: Uint8Array, n: number): Uint8Array {
  const fail = () =>
    new CardError('card/bad-data', 'ECDSA signature is not a DER SEQUENCE of two INTEGERs', {});
  let seq;
  try {
    seq = parseTlv(der)[0];
  } catch {
    throw fail();
  }
  const ints = seq?.tag === 0x30 ? seq.children : undefined;
  if (ints?.length !== 2 || ints.some((i) => i.tag !== 0x02)) throw fail();
  const fit = (v: Uint8Array) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    const t = v.subarray(i);
    if (t.length > n) throw fail();
    const out = new Uint8Array(n);
    out.set(t, n - t.length);
    return out;
  };
  return concatBytes(fit(ints[0]!.value), fit(ints[1]!.value));
}

export class PivKeys implements CardKeyStore {
  readonly authorization = 'admin-key' as const;

  constructor(private readonly io: PivIo) {}

  supports(spec: KeySpec): boolean {
    return pivSupports(spec);
  }

  /** 9A for sign+decrypt (logon), 9C sign only, 9D decrypt only; then the others and 82–95. No APDU. */
  async allocateKeySlot(usage: KeyUsage, spec: KeySpec, taken: readonly KeySlot[]): Promise<KeySlot> {
    if (!this.supports(spec))
      throw new CardError('card/not-supported', `PIV cannot hold a ${JSON.stringify(spec)} key here`, {});
    const first = usage.decrypt && usage.sign ? 0x9a : usage.sign ? 0x9c : 0x9d;
    const order = [first, ...[0x9a, 0x9d, 0x9c].filter((r) => r !== first), ...RETIRED];
    const used = new Set(taken.map((s) => s.toLowerCase()));
    const ref = order.find((r) => !used.has(r.toString(16)));
    if (ref === undefined) throw new CardError('card/no-space', 'No free PIV key reference', {});
    return ref.toString(16);
  }

  async generateKey(slot: KeySlot, spec: KeySpec, opts: OpOptions = {}): Promise<CardPublicKey> {
    const r = await this.io.send(K.generateKeyPair(refOf(slot), algOf(spec)), opts);
    checkPrivilegedSw(PIV_SW, r, 'GENERATE ASYMMETRIC KEY PAIR');
    return parsePublicKey(r.data, spec);
  }

  /** Yubico GET METADATA of the slot, tag 04 = public key; undefined without metadata or key. */
  async readPublicKey(
    slot: KeySlot,
    spec: KeySpec,
    opts: OpOptions = {},
  ): Promise<CardPublicKey | undefined> {
    const r = await this.io.send(getMetadata(refOf(slot)), opts);
    if (!swIs(PIV_SW, r.sw, 'ok')) return undefined; // 6A88 no key; 6D00 no Yubico extensions
    let pub: Uint8Array | undefined;
    try {
      pub = findTag(parseTlv(r.data), 0x04)?.value;
    } catch {
      pub = undefined;
    }
    return pub ? parsePublicKey(pub, spec) : undefined;
  }

  /** Signs with `slot`; 9C is PIN Always (SP 800-73-4 Part 1 §3.5 table 4b): verify the PIN right before. */
  async signDigest(
    slot: KeySlot,
    spec: KeySpec,
    hash: HashName,
    digest: Uint8Array,
    opts: OpOptions = {},
  ): Promise<Uint8Array> {
    let input: Uint8Array;
    if (spec.kind === 'rsa') input = emsaPkcs1v15(hash, digest, spec.bits / 8);
    else {
      // ECDSA uses the leftmost field-size bytes of a longer hash; a shorter one is the same integer zero-padded.
      const n = curveBytes(spec.curve);
      input = new Uint8Array(n);
      const d = digest.subarray(0, n);
      input.set(d, n - d.length);
    }
    const r = await this.io.send(K.signInput(refOf(slot), algOf(spec), input), opts);
    checkKeyUseSw(PIV_SW, r, 'GENERAL AUTHENTICATE (sign)', slot);
    let sig: Uint8Array | undefined;
    try {
      sig = findTag(parseTlv(r.data), 0x7c, 0x82)?.value;
    } catch {
      sig = undefined;
    }
    if (!sig?.length) throw new CardError('card/bad-data', 'Signature answer lacks 7C/82', {});
    return spec.kind === 'rsa' ? sig.slice() : derToRawEcdsa(sig, curveBytes(spec.curve));
  }

  async writeCertificate(
    slot: KeySlot,
    _usage: KeyUsage,
    der: Uint8Array,
    opts: OpOptions = {},
  ): Promise<void> {
    const r = await this.io.send(K.putCertificate(K.certTagFor(refOf(slot))!, der), opts);
    if (swIs(PIV_SW, r.sw, 'no-memory'))
      throw new CardError('card/no-space', 'Certificate does not fit the PIV container', { sw: r.sw });
    checkPrivilegedSw(PIV_SW, r, 'PUT DATA certificate');
  }

  async readCertificate(
    slot: KeySlot,
    _usage: KeyUsage,
    opts: OpOptions = {},
  ): Promise<Uint8Array | undefined> {
    const r = await this.io.send(getData(K.certTagFor(refOf(slot))!), opts);
    if (swIs(PIV_SW, r.sw, 'not-found')) return undefined;
    let kids;
    try {
      const body = findTag(parseTlv(okData(r, 'GET DATA certificate', PIV_SW)), 0x53)?.value; // 53 is primitive: parse its value
      kids = body ? parseTlv(body, { flat: true }) : undefined; // flat: 70 holds a certificate, not card TLVs
    } catch {
      kids = undefined;
    }
    const cert = findTag(kids, 0x70)?.value;
    if (!cert) throw new CardError('card/bad-data', 'Certificate container lacks tag 70', {});
    if ((findTag(kids, 0x71)?.value[0] ?? 0) & 1)
      throw new CardError('card/not-supported', 'Compressed PIV certificates are not read', {});
    return cert.slice();
  }
}
