/**
 * Asymmetric key files of the virtual GIDS card, answering as GidsApplet (`GidsApplet.java`,
 * `CRTKeyFile.java`) does to what OpenSC `card-gids.c` and the Windows GIDS minidriver send
 * (GIDS §12; ISO 7816-8 §5.1, §5.4):
 * - CREATE FILE with an FCP `62 { 82 18, 83 B0<kid>, 8C …, A5 { CRTs } }`, then ACTIVATE FILE;
 *   CREATE FILE of a file that exists → 6984 (the applet's "data invalid", not ISO's 6A89);
 * - GENERATE ASYMMETRIC KEY PAIR `AC { 80 <alg>, 83 <kid> }`: no such key file → 6984, file not yet
 *   activated → 6985, an algorithm the card lacks → 6A81 (GidsApplet is RSA-only; EC only when
 *   configured); the public key is answered through 61xx / GET RESPONSE when no Le is sent;
 * - GET DATA 3FFF `70 08 84 01 <kid> A5 03 7F 49 80` → `7F49 { 81 n, 82 e }`; no such file → 6984,
 *   a key file holding no key yet → 6F00 (the applet dereferences the missing key);
 * - MSE SET `80 01 <alg ref> 84 01 <kid>` for B6 (signature) or B8 (decipher): the reference must be
 *   one of the file's CRTs of that tag, else 6984;
 * - PSO COMPUTE DIGITAL SIGNATURE: alg ref 0x1x = raw RSA on the host-padded block (chainable),
 *   0x5x = PKCS#1 v1.5 over a DigestInfo of at most 247 bytes; anything else → 6985;
 * - PSO DECIPHER (P1 80, P2 86): padding indicator 00 then the cryptogram of modulus length;
 *   alg ref 0x0x raw, 0x4x PKCS#1 v1.5; 0x8x OAEP is answered 6F00 as on a chip without OAEP.
 * Creating, generating, signing and deciphering need the user PIN (6982 otherwise).
 */
import type { CommandApdu } from '../iso7816/apdu';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { sw } from './gids-piv-base';
import { SimKey, webCryptoKeySource, type KeySource, type SimKeySpec } from './sim-keys';

interface KeyFile {
  kid: number;
  /** Algorithm references of the file's CRTs by CRT tag (B6 signature, B8 decipher, A4 auth). */
  crts: Map<number, number[]>;
  activated: boolean;
  key?: SimKey;
}

/** Why 24: a TPM virtual smart card holds up to 30 containers; a modest bound like a small chip. */
const MAX_KEYS = 24;

const RSA: Record<number, SimKeySpec> = {
  0x06: { kind: 'rsa', bits: 1024 },
  0x07: { kind: 'rsa', bits: 2048 },
};
const EC: Record<number, SimKeySpec> = {
  0x0c: { kind: 'ec', curve: 'P-256' },
  0x0d: { kind: 'ec', curve: 'P-384' },
};

function tlvOr(data: Uint8Array, code: number): Tlv[] {
  try {
    return parseTlv(data);
  } catch {
    throw sw(code);
  }
}

export class GidsKeyFiles {
  readonly files = new Map<number, KeyFile>();
  /** Number of GENERATE commands carried out (tests check that a resume does not generate twice). */
  generated = 0;
  private se: { file: KeyFile; alg: number; op: number } | undefined;

  constructor(
    private readonly keySource: KeySource = webCryptoKeySource,
    private readonly ec = false,
  ) {}

  /** Volatile state (CLEAR_ON_DESELECT): the security environment. */
  reset(): void {
    this.se = undefined;
  }

  /** CREATE FILE of a key file; returns the kid (it becomes the current file). */
  create(fcp: Tlv[] | undefined, pin: boolean): number {
    const fid = findTag(fcp, 0x83)?.value;
    if (findTag(fcp, 0x82)?.value[0] !== 0x18 || fid?.length !== 2 || fid[0] !== 0xb0) throw sw(0x6984);
    if (!pin) throw sw(0x6982);
    if (this.files.has(fid[1]!)) throw sw(0x6984);
    if (this.files.size >= MAX_KEYS) throw sw(0x6a84);
    const crts = new Map<number, number[]>();
    for (const c of findTag(fcp, 0xa5)?.children ?? []) {
      crts.set(c.tag, [...(crts.get(c.tag) ?? []), findTag(c.children, 0x80)?.value[0] ?? -1]);
    }
    this.files.set(fid[1]!, { kid: fid[1]!, crts, activated: false });
    return fid[1]!;
  }

  has(kid: number): boolean {
    return this.files.has(kid);
  }

  /** ACTIVATE FILE on key file `kid`; activating an active file again is a no-op (9000). */
  activate(kid: number): void {
    const f = this.files.get(kid);
    if (!f) throw sw(0x6985);
    f.activated = true;
  }

  async generate(cmd: CommandApdu, data: Uint8Array, pin: boolean): Promise<Uint8Array> {
    if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) throw sw(0x6a86);
    const ac = findTag(tlvOr(data, 0x6984), 0xac)?.children;
    const alg = findTag(ac, 0x80)?.value;
    const kid = findTag(ac, 0x83)?.value;
    if (alg?.length !== 1 || kid?.length !== 1) throw sw(0x6984);
    const f = this.files.get(kid[0]!);
    if (!f) throw sw(0x6984);
    if (!f.activated) throw sw(0x6985);
    if (!pin) throw sw(0x6982);
    const spec = RSA[alg[0]!] ?? (this.ec ? EC[alg[0]!] : undefined);
    if (!spec) throw sw(0x6a81);
    f.key = await SimKey.create(spec, this.keySource);
    this.generated++;
    return encodeTlv(0x7f49, f.key.publicKeyTlv());
  }

  /** GET DATA 3FFF with the `70` key template (the only form the minidriver sends). */
  publicKey(data: Uint8Array): Uint8Array {
    const ok = data.length === 10 && data[1] === 0x08 && data[2] === 0x84 && data[3] === 0x01;
    if (!ok || data[5] !== 0xa5 || data[7] !== 0x7f || data[8] !== 0x49) throw sw(0x6984);
    const f = this.files.get(data[4]!);
    if (!f) throw sw(0x6984);
    if (!f.key) throw sw(0x6f00);
    return encodeTlv(0x7f49, f.key.publicKeyTlv());
  }

  /** MSE SET (P1 41) for signature (B6) or decipher (B8). */
  mse(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    const t = tlvOr(data, 0x6984);
    const alg = findTag(t, 0x80)?.value;
    const kid = findTag(t, 0x84)?.value;
    if (alg?.length !== 1 || kid?.length !== 1) throw sw(0x6984);
    const file = this.files.get(kid[0]!);
    if (!file || !(file.crts.get(cmd.p2) ?? []).includes(alg[0]!)) throw sw(0x6984);
    this.se = { file, alg: alg[0]!, op: cmd.p2 };
    return new Uint8Array(0);
  }

  pso(cmd: CommandApdu, data: Uint8Array, pin: boolean): Uint8Array {
    const sign = cmd.p1 === 0x9e && cmd.p2 === 0x9a;
    if (!sign && !(cmd.p1 === 0x80 && cmd.p2 === 0x86)) throw sw(0x6a86);
    if (!this.se) throw sw(0x6985);
    if (!pin) throw sw(0x6982);
    const { file, alg } = this.se;
    const key = file.key;
    if (!key || key.spec.kind !== 'rsa') throw sw(0x6f00); // the applet's missing-key / RSA-only path
    return sign ? this.sign(key, alg, data) : this.decipher(key, alg, data);
  }

  private sign(key: SimKey, alg: number, data: Uint8Array): Uint8Array {
    if ((alg & 0xf0) === 0x10) {
      if (data.length !== key.modulusBytes) throw sw(0x6700);
      return key.rsaRaw(data);
    }
    if ((alg & 0xf0) !== 0x50) throw sw(0x6985);
    if (data.length > 247) throw sw(0x6700);
    try {
      return key.rsaPkcs1(data);
    } catch {
      throw sw(0x6f00);
    }
  }

  private decipher(key: SimKey, alg: number, data: Uint8Array): Uint8Array {
    if (data[0] !== 0x00) throw sw(0x6a80); // padding indicator "no further indication"
    const cipher = data.subarray(1);
    const pad = alg & 0xf0;
    if (pad === 0x80) throw sw(0x6f00);
    if (pad !== 0x00 && pad !== 0x40) throw sw(0x6a81);
    if (cipher.length !== key.modulusBytes) throw sw(0x6700);
    try {
      return pad === 0x00 ? key.rsaRaw(cipher) : key.rsaDecryptPkcs1(cipher);
    } catch {
      throw sw(0x6a80);
    }
  }
}
