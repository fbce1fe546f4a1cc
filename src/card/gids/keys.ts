/**
 * Key containers and certificates on a GIDS card, laid out as the Windows inbox GIDS minidriver
 * expects (minidriver spec "File system requirements": `mscp/cmapfile`, `mscp/kxcNN`/`kscNN`,
 * `cardcf` freshness) and as OpenSC `card-gids.c` writes them (`gids_create_keyfile`,
 * `gids_save_certificate`, `gids_update_cardcf`, `gids_find_available_DO`). Every command needs the
 * user PIN verified just before (minidriver ROLE_USER for container and file writes).
 */
import type { ResponseApdu, CommandApdu } from '../../iso7816/apdu';
import { toHex } from '../../iso7816/hex';
import { CardError } from '../errors';
import { checkKeyUseSw, checkPrivilegedSw, okData } from '../exchange';
import { swIs } from '../sw-table';
import { GIDS_SW } from './sw';
import type { OpOptions } from '../exchange';
import { MASTERFILE } from './apdus';
import * as K from './key-apdus';
import { gidsSupports } from './key-support';
import * as C from './cmap';
import { findMasterfileEntry, parseMasterfile, type MasterfileRecord } from './masterfile';
import { encodeMasterfileRecords } from './masterfile-write';
import { digestInfo, parsePublicKey } from '../pubkey';
import type { CardKeyStore, CardPublicKey, HashName, KeySlot, KeySpec, KeyUsage } from '../keys';

/** What GidsKeys needs from its GidsCard (SELECT on first use, secret wiping, DO reads). */
export interface GidsIo {
  send(cmd: CommandApdu, opts: OpOptions): Promise<ResponseApdu>;
  readDo(efId: number, doId: number, opts: OpOptions): Promise<Uint8Array | undefined>;
}

/** Key map location (OpenSC `KEYMAP_FI`/`KEYMAP_DO`) and the EF certificates go to (`CERT_FI`). */
const KEYMAP = { efId: 0xa000, doId: 0xdf20 } as const;
const CERT_EF = 0xa010;
const FIRST_FREE_DO = 0xdf21;

function kidOf(slot: KeySlot): number {
  const kid = parseInt(slot, 16);
  if (!/^[0-9a-f]{2}$/i.test(slot) || kid < C.FIRST_KEY_REF || kid >= C.FIRST_KEY_REF + C.MAX_CONTAINERS) {
    throw new CardError('card/invalid-slot', `Not a GIDS container key reference: ${slot}`, { slot });
  }
  return kid;
}

function checkWrite(r: ResponseApdu, what: string): void {
  if (swIs(GIDS_SW, r.sw, 'no-memory'))
    throw new CardError('card/no-space', `${what}: not enough memory on the card`, { sw: r.sw });
  checkPrivilegedSw(GIDS_SW, r, what);
}

export class GidsKeys implements CardKeyStore {
  readonly authorization = 'pin' as const;

  constructor(
    private readonly io: GidsIo,
    private readonly ecc = false,
  ) {}

  supports(spec: KeySpec): boolean {
    return gidsSupports(spec, this.ecc);
  }

  /** The masterfile as last read or written on this connection (why kept: docs/flow-timing.md "Masterfile"). */
  private mf: MasterfileRecord[] | undefined;

  private async masterfile(opts: OpOptions): Promise<MasterfileRecord[]> {
    if (this.mf) return this.mf;
    const mf = await this.io.readDo(MASTERFILE.efId, MASTERFILE.doId, opts);
    if (!mf)
      throw new CardError(
        'card/not-supported',
        'The GIDS card has no minidriver file system (masterfile)',
        {},
      );
    return (this.mf = parseMasterfile(mf).records);
  }

  private static entry(mf: readonly MasterfileRecord[], dir: string, name: string): MasterfileRecord {
    const e = findMasterfileEntry(mf, dir, name);
    if (!e)
      throw new CardError('card/not-supported', `The GIDS card lacks the minidriver file ${dir}/${name}`, {});
    return e;
  }

  /** `cardcf` freshness counters +1 so Windows drops its cache (minidriver spec "cardcf"). */
  private async touchCardcf(
    mf: readonly MasterfileRecord[],
    containers: boolean,
    opts: OpOptions,
  ): Promise<void> {
    const loc = GidsKeys.entry(mf, '', 'cardcf');
    const cf = (await this.io.readDo(loc.efId, loc.doId, opts)) ?? new Uint8Array(6);
    if (cf.length < 6) throw new CardError('card/bad-data', 'cardcf shorter than 6 bytes', {});
    const at = containers ? 2 : 4;
    const n = (cf[at]! | (cf[at + 1]! << 8)) + 1;
    cf[at] = n & 0xff;
    cf[at + 1] = (n >> 8) & 0xff;
    checkWrite(await this.io.send(K.putDo(loc.efId, loc.doId, cf), opts), 'PUT DATA cardcf');
  }

  /** Creates the key container: cmapfile record, key map record, key file B0<kid> (OpenSC `gids_create_keyfile`). */
  async allocateKeySlot(
    usage: KeyUsage,
    spec: KeySpec,
    taken: readonly KeySlot[],
    opts: OpOptions = {},
  ): Promise<KeySlot> {
    if (!this.supports(spec)) throw K.unsupportedKey(spec);
    const mf = await this.masterfile(opts);
    const cmapLoc = GidsKeys.entry(mf, 'mscp', 'cmapfile');
    const cmap = C.parseCmapfile(
      (await this.io.readDo(cmapLoc.efId, cmapLoc.doId, opts)) ?? new Uint8Array(0),
    );
    const keymap = C.parseKeymap((await this.io.readDo(KEYMAP.efId, KEYMAP.doId, opts)) ?? new Uint8Array(0));
    const busy = new Set(taken.map((s) => kidOf(s) - C.FIRST_KEY_REF));
    let index = cmap.findIndex((r, i) => (r.flags & C.CMAP_VALID) === 0 && !busy.has(i));
    if (index < 0) index = cmap.length;
    if (index >= C.MAX_CONTAINERS)
      throw new CardError('card/no-space', 'All 126 GIDS key containers are in use', {});
    const kid = C.FIRST_KEY_REF + index;
    const bits = spec.kind === 'rsa' ? spec.bits : spec.curve === 'P-256' ? 256 : 384;
    const first = !cmap.some((r) => (r.flags & C.CMAP_VALID) !== 0);
    const empty = { name: '', flags: 0, sigKeyBits: 0, keyExchangeKeyBits: 0 };
    while (cmap.length <= index) cmap.push({ ...empty });
    cmap[index] = {
      name: `{${globalThis.crypto.randomUUID()}}`,
      flags: C.CMAP_VALID | (first ? C.CMAP_DEFAULT : 0),
      sigKeyBits: usage.decrypt ? 0 : bits,
      keyExchangeKeyBits: usage.decrypt ? bits : 0,
    };
    while (keymap.length <= index) keymap.push({ state: 0, algId: 0, keyType: 0, keyRef: 0xffff });
    keymap[index] = {
      state: 1,
      algId: K.gidsAlgId(spec),
      keyType: usage.decrypt ? 0x9a : 0x9c,
      keyRef: 0xb000 + kid,
    };
    // Whether an earlier, interrupted run created this key file is learnt by SELECT (9000 / 6A82),
    // not from CREATE FILE's refusal, whose status word differs by card (ISO 6A89, GidsApplet 6984).
    // Either way the key file is then the current file, so ACTIVATE applies to it.
    if (!(await this.keyFileExists(kid, opts)))
      checkWrite(await this.io.send(K.createKeyFile(kid, spec, usage), opts), 'CREATE FILE key');
    okData(await this.io.send(K.activateFile(), opts), 'ACTIVATE FILE key', GIDS_SW);
    await this.touchCardcf(mf, true, opts);
    checkWrite(
      await this.io.send(K.putDo(KEYMAP.efId, KEYMAP.doId, C.encodeKeymap(keymap)), opts),
      'PUT DATA key map',
    );
    checkWrite(
      await this.io.send(K.putDo(cmapLoc.efId, cmapLoc.doId, C.encodeCmapfile(cmap)), opts),
      'PUT DATA cmapfile',
    );
    return toHex(Uint8Array.of(kid));
  }

  /** GENERATE ASYMMETRIC KEY PAIR, then the public key by GET DATA (as OpenSC `gids_generate_key`). */
  async generateKey(slot: KeySlot, spec: KeySpec, opts: OpOptions = {}): Promise<CardPublicKey> {
    const kid = kidOf(slot);
    checkWrite(await this.io.send(K.generateKeyPair(kid, spec), opts), 'GENERATE ASYMMETRIC KEY PAIR');
    const pub = await this.readPublicKey(slot, spec, opts);
    if (!pub) throw new CardError('card/bad-data', 'The card generated no readable public key', { slot });
    return pub;
  }

  /** SELECT of key file B0<kid> (P2=0C): 9000 = it exists (and is now the current file), 6A82 = not. */
  private async keyFileExists(kid: number, opts: OpOptions): Promise<boolean> {
    const r = await this.io.send(K.selectKeyFile(kid), opts);
    if (swIs(GIDS_SW, r.sw, 'not-found')) return false;
    okData(r, 'SELECT key file', GIDS_SW);
    return true;
  }

  /**
   * The public key of `slot`, or undefined when the key file is absent or holds no readable key.
   * Why any refusal of the GET DATA means "no key": cards differ (ISO 6A88/6A82, GidsApplet 6F00 for
   * a key file without a key), and a reserved slot without a readable key is one to generate into.
   */
  async readPublicKey(
    slot: KeySlot,
    spec: KeySpec,
    opts: OpOptions = {},
  ): Promise<CardPublicKey | undefined> {
    const kid = kidOf(slot);
    if (!(await this.keyFileExists(kid, opts))) return undefined;
    const r = await this.io.send(K.getPublicKey(kid), opts);
    return swIs(GIDS_SW, r.sw, 'ok') ? parsePublicKey(r.data, spec) : undefined;
  }

  /** MSE SET DST + PSO COMPUTE DIGITAL SIGNATURE over the DigestInfo (RSA) or the digest (EC). */
  async signDigest(
    slot: KeySlot,
    spec: KeySpec,
    hash: HashName,
    digest: Uint8Array,
    opts: OpOptions = {},
  ): Promise<Uint8Array> {
    const kid = kidOf(slot);
    checkPrivilegedSw(
      GIDS_SW,
      await this.io.send(K.mseSetSignature(kid, spec), opts),
      'MSE SET signature key',
    );
    const input = spec.kind === 'rsa' ? digestInfo(hash, digest) : digest.slice();
    const r = await this.io.send(K.computeSignature(input), opts);
    checkKeyUseSw(GIDS_SW, r, 'PSO COMPUTE DIGITAL SIGNATURE', slot);
    return r.data;
  }

  /** Writes `mscp/kxcNN`/`kscNN` (compressed), registering it in the masterfile first when new. */
  async writeCertificate(
    slot: KeySlot,
    usage: KeyUsage,
    der: Uint8Array,
    opts: OpOptions = {},
  ): Promise<void> {
    const name = C.certFileName(kidOf(slot) - C.FIRST_KEY_REF, usage);
    const file = await C.compressCertificate(der);
    let mf = await this.masterfile(opts);
    let entry = findMasterfileEntry(mf, 'mscp', name);
    if (!entry) {
      let doId = FIRST_FREE_DO;
      while (mf.some((r) => r.efId === CERT_EF && r.doId === doId)) doId++;
      if (doId > 0xdfff) throw new CardError('card/no-space', 'No free data object for the certificate', {});
      entry = { directory: 'mscp', name, doId, efId: CERT_EF };
      mf = [...mf, entry];
      await this.touchCardcf(mf, false, opts);
      checkWrite(
        await this.io.send(K.putDo(MASTERFILE.efId, MASTERFILE.doId, encodeMasterfileRecords(mf)), opts),
        'PUT DATA masterfile',
      );
      this.mf = mf;
    }
    await this.touchCardcf(mf, false, opts);
    checkWrite(await this.io.send(K.putDo(entry.efId, entry.doId, file), opts), `PUT DATA mscp/${name}`);
  }

  async readCertificate(
    slot: KeySlot,
    usage: KeyUsage,
    opts: OpOptions = {},
  ): Promise<Uint8Array | undefined> {
    const name = C.certFileName(kidOf(slot) - C.FIRST_KEY_REF, usage);
    const entry = findMasterfileEntry(await this.masterfile(opts), 'mscp', name);
    const file = entry && (await this.io.readDo(entry.efId, entry.doId, opts));
    return file ? C.decompressCertificate(file) : undefined;
  }
}
