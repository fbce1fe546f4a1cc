/**
 * Asymmetric key files of the virtual GIDS card, answering what OpenSC `card-gids.c` and the
 * Windows GIDS minidriver send (GIDS §12; ISO 7816-8 §5.1, §5.4):
 * - CREATE FILE with an FCP `62 { 82 18, 83 B0<kid>, 8C …, A5 { CRTs } }`, then ACTIVATE FILE;
 * - GENERATE ASYMMETRIC KEY PAIR `AC { 80 <alg>, 83 <kid> }` (a real WebCrypto key, see sim-keys);
 * - GET DATA 3FFF `70 08 84 01 <kid> A5 03 7F 49 80` → `7F49 { 81 n, 82 e | 86 point }`;
 * - MSE SET DST `80 01 <alg ref> 84 01 <kid>` (the reference must be one of the file's B6 CRTs);
 * - PSO COMPUTE DIGITAL SIGNATURE: 0x5x = PKCS#1 v1.5 over a DigestInfo, EC id = ECDSA over a hash.
 * Creating, generating and signing need the user PIN (6982 otherwise); reading a public key not.
 * Status words: 6A89 file exists, 6A88 no such key, 6A80 bad data, 6985 no MSE before PSO,
 * 6A84 out of key memory.
 */
import type { CommandApdu } from '../iso7816/apdu';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { sw } from './gids-piv-base';
import { SimKey, webCryptoKeySource, type KeySource, type SimKeySpec } from './sim-keys';

interface KeyFile {
  kid: number;
  /** Mechanism ids of the file's signature (B6) and decryption (B8/A4) CRTs. */
  signAlgs: number[];
  activated: boolean;
  key?: SimKey;
}

/** Why 24: a TPM virtual smart card holds up to 30 containers; a modest bound like a small chip. */
const MAX_KEYS = 24;

const SPECS: Record<number, SimKeySpec> = {
  0x06: { kind: 'rsa', bits: 1024 },
  0x07: { kind: 'rsa', bits: 2048 },
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
  private lastCreated: KeyFile | undefined;
  private se: { file: KeyFile; alg: number } | undefined;

  constructor(private readonly keySource: KeySource = webCryptoKeySource) {}

  /** Volatile state: the security environment and the "current file" for ACTIVATE. */
  reset(): void {
    this.se = undefined;
    this.lastCreated = undefined;
  }

  create(data: Uint8Array, pin: boolean): Uint8Array {
    const fcp = findTag(tlvOr(data, 0x6a80), 0x62)?.children;
    const fid = findTag(fcp, 0x83)?.value;
    if (findTag(fcp, 0x82)?.value[0] !== 0x18 || fid?.length !== 2 || fid[0] !== 0xb0) throw sw(0x6a80);
    if (!pin) throw sw(0x6982);
    if (this.files.has(fid[1]!)) throw sw(0x6a89);
    if (this.files.size >= MAX_KEYS) throw sw(0x6a84);
    const crts = findTag(fcp, 0xa5)?.children ?? [];
    const signAlgs = crts.filter((c) => c.tag === 0xb6).map((c) => findTag(c.children, 0x80)?.value[0] ?? -1);
    const f: KeyFile = { kid: fid[1]!, signAlgs, activated: false };
    this.files.set(f.kid, f);
    this.lastCreated = f;
    return new Uint8Array(0);
  }

  /** SELECT by file id of a key file makes it the current file (for ACTIVATE); false when absent. */
  select(fid: number): boolean {
    const f = (fid & 0xff00) === 0xb000 ? this.files.get(fid & 0xff) : undefined;
    if (f) this.lastCreated = f;
    return f !== undefined;
  }

  /** ACTIVATE FILE on the current key file; activating an active file again is a no-op (9000). */
  activate(): Uint8Array {
    if (!this.lastCreated) throw sw(0x6985);
    this.lastCreated.activated = true;
    return new Uint8Array(0);
  }

  async generate(cmd: CommandApdu, data: Uint8Array, pin: boolean): Promise<Uint8Array> {
    if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) throw sw(0x6a86);
    const ac = findTag(tlvOr(data, 0x6a80), 0xac)?.children;
    const alg = findTag(ac, 0x80)?.value;
    const kid = findTag(ac, 0x83)?.value;
    if (alg?.length !== 1 || kid?.length !== 1) throw sw(0x6a80);
    const f = this.files.get(kid[0]!);
    if (!f?.activated) throw sw(0x6a88);
    const spec = SPECS[alg[0]!];
    if (!spec || !f.signAlgs.some((a) => (a & 0x0f) === alg[0])) throw sw(0x6a80);
    if (!pin) throw sw(0x6982);
    f.key = await SimKey.create(spec, this.keySource);
    this.generated++;
    return new Uint8Array(0);
  }

  /** GET DATA 3FFF with the `70` key template (the only form the minidriver sends). */
  publicKey(data: Uint8Array): Uint8Array {
    const ok = data.length === 10 && data[0] === 0x70 && data[1] === 0x08 && data[2] === 0x84 && data[3] === 0x01;
    if (!ok || data[5] !== 0xa5 || data[7] !== 0x7f || data[8] !== 0x49) throw sw(0x6a80);
    const key = this.files.get(data[4]!)?.key;
    if (!key) throw sw(0x6a88);
    return encodeTlv(0x7f49, key.publicKeyTlv());
  }

  mse(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    if (cmd.p2 !== 0xb6) throw sw(0x6a81); // decryption (B8) is not modelled
    const t = tlvOr(data, 0x6a80);
    const alg = findTag(t, 0x80)?.value;
    const kid = findTag(t, 0x84)?.value;
    if (alg?.length !== 1 || kid?.length !== 1) throw sw(0x6a80);
    const file = this.files.get(kid[0]!);
    if (!file?.key) throw sw(0x6a88);
    if (!file.signAlgs.includes(alg[0]!)) throw sw(0x6a80);
    this.se = { file, alg: alg[0]! };
    return new Uint8Array(0);
  }

  sign(cmd: CommandApdu, data: Uint8Array, pin: boolean): Uint8Array {
    if (cmd.p1 !== 0x9e || cmd.p2 !== 0x9a) throw sw(0x6a86);
    if (!this.se) throw sw(0x6985);
    if (!pin) throw sw(0x6982);
    const { file, alg } = this.se;
    const key = file.key!;
    try {
      if (key.spec.kind === 'rsa' && (alg & 0xf0) === 0x50) return key.rsaPkcs1(data);
      if (key.spec.kind === 'ec' && alg === (key.spec.curve === 'P-256' ? 0x0c : 0x0d) && data.length >= 20) return key.ecdsa(data);
    } catch {
      throw sw(0x6a80);
    }
    throw sw(0x6a80);
  }
}
