/**
 * A virtual PIV card (NIST SP 800-73-4 Part 2), by default in a YubiKey 5 profile (YubiKey ATR,
 * Yubico GET METADATA / SET MANAGEMENT KEY / GET VERSION / GET SERIAL, piv-yubico.ts); with
 * `yubicoExtensions: false` a plain PIV card (PivApplet-like). SELECT with the Application Property
 * Template; CHUID and Discovery Object 7E; the 9B management key in 3DES or AES (external and mutual
 * authentication); PIN and PUK with retry counters; 9C is PIN Always. Re-selecting keeps the
 * security status (§3.1.1); a reset clears it. GA with another algorithm than 9B's → 6A80
 * (unverified; the host also accepts 6A86). */
import type { CommandApdu } from '../iso7816/apdu';
import { toHex } from '../iso7816/hex';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { VirtualCardBase, sw } from './gids-piv-base';
import {
  DEFAULT_FASCN,
  PIV_AID,
  YUBIKEY5_ATR,
  applicationPropertyTemplate,
  buildChuid,
  discoveryObject,
} from './piv-data';
import { PivKeySlots } from './piv-keys';
import { PivPinState } from './piv-pin-commands';
import { pad8, setManagementKey, yubicoMetadata } from './piv-yubico';
import { ALG_IDS, KEY_LENGTHS, PivCounter, PivMgmtKey } from './piv-security';
import type { KeySource } from './sim-keys';
import type { MgmtAlgorithm } from './piv-security';

export interface VirtualPivConfig {
  atr?: Uint8Array;
  /** CHUID fields; default GUID `00112233…eeff`, FASC-N of agency 9999, expiry 20301231. */
  guid?: Uint8Array;
  fascn?: Uint8Array;
  /** Management key (default `01 02 … 08` ×3) and its algorithm (default 3DES). */
  managementKey?: Uint8Array;
  managementAlgorithm?: MgmtAlgorithm;
  pin?: string;
  puk?: string;
  /** Default 3 / 3 (YubiKey); PivApplet uses 5. */
  pinTryLimit?: number;
  pukTryLimit?: number;
  /**
   * Answer the Yubico INS F7 / FF / FD / F8 (default true: the YubiKey 5 profile); false = INS not
   * supported, as plain PIV cards (PivApplet-like).
   */
  yubicoExtensions?: boolean;
  /** Factory CHUID as some tools write it: all-zero FASC-N and a random GUID (overrides `fascn`/`guid`). */
  zeroFascn?: boolean;
  /** YubiKey serial number answered to INS F8 (default 12345678) and firmware version to FD (5.4.3). */
  serial?: number;
  version?: [number, number, number];
  random?: (n: number) => Uint8Array;
  /** Where generated key pairs come from (default WebCrypto generateKey). */
  keySource?: KeySource;
}

export class VirtualPivCard extends VirtualCardBase {
  readonly atr: Uint8Array;
  readonly pin: PivCounter;
  readonly puk: PivCounter;
  readonly mgmt: PivMgmtKey;
  /** Containers by tag hex (`5fc102`); persistent. */
  readonly containers = new Map<string, Uint8Array>();
  /** Asymmetric keys 9A/9C/9D/9E/82–95. */
  readonly keySlots: PivKeySlots;
  private selected = false;
  /** PIN verified / PIN Always freshness and the PIN commands (piv-pin-commands.ts). */
  private readonly pins: PivPinState;
  private readonly serial: number;
  private readonly version: [number, number, number];
  private readonly yubico: boolean;

  constructor(config: VirtualPivConfig = {}) {
    super();
    this.atr = (config.atr ?? YUBIKEY5_ATR).slice();
    this.pin = new PivCounter(pad8(config.pin ?? '123456'), config.pinTryLimit ?? 3, config.pinTryLimit ?? 3);
    this.puk = new PivCounter(
      pad8(config.puk ?? '12345678'),
      config.pukTryLimit ?? 3,
      config.pukTryLimit ?? 3,
    );
    const alg = config.managementAlgorithm ?? '3des';
    const key = config.managementKey ?? Uint8Array.from({ length: KEY_LENGTHS[alg] }, (_, i) => (i % 8) + 1);
    this.pins = new PivPinState(this.pin, this.puk);
    this.mgmt = new PivMgmtKey(key.slice(), alg, config.random);
    this.yubico = config.yubicoExtensions !== false;
    this.keySlots = new PivKeySlots(config.keySource);
    const guid = config.zeroFascn
      ? globalThis.crypto.getRandomValues(new Uint8Array(16))
      : (config.guid ?? Uint8Array.from({ length: 16 }, (_, i) => i * 0x11));
    const fascn = config.zeroFascn ? new Uint8Array(25) : (config.fascn ?? DEFAULT_FASCN);
    this.containers.set('5fc102', buildChuid({ fascn, guid }));
    this.containers.set('7e', discoveryObject());
    this.serial = config.serial ?? 12345678;
    this.version = config.version ?? [5, 4, 3];
  }

  /** YubiKey 5 and PivApplet accept extended APDUs (the YubiKey ATR declares them: `73 C0 21 C0`). */
  protected override acceptsExtended(): boolean {
    return true;
  }

  override reset(): void {
    super.reset();
    this.selected = false;
    this.pins.reset();
    this.mgmt.reset();
  }

  protected async handle(cmd: CommandApdu): Promise<Uint8Array> {
    this.pins.nextCommand();
    const data = cmd.data ?? new Uint8Array(0);
    if (cmd.ins === 0xa4) {
      const ok =
        cmd.p1 === 0x04 &&
        data.length >= 5 &&
        data.length <= PIV_AID.length &&
        data.every((b, i) => b === PIV_AID[i]);
      if (!ok) throw sw(0x6a82);
      // SP 800-73-4 Part 2 §3.1.1: selecting the PIV application while it is already the current
      // one keeps its security status (OpenSC re-selects at every lock); only a reset clears it.
      if (!this.selected) this.reset();
      this.selected = true;
      return applicationPropertyTemplate();
    }
    if (!this.selected) throw sw(0x6999); // no applet selected (Java Card runtime answer)
    switch (cmd.ins) {
      case 0xcb:
        return this.getData(cmd, data);
      case 0xdb:
        return this.putData(cmd, data);
      case 0x87:
        if (cmd.p2 !== 0x9b) return this.sign(cmd, data);
        return this.generalAuthenticate(cmd, data);
      case 0x47:
        return this.keySlots.generate(cmd, data, this.mgmt.authenticated);
      case 0x20:
        return this.pins.verify(cmd, data);
      case 0x24:
      case 0x2c:
        return this.pins.changeOrReset(cmd, data);
      case 0xf7:
        if (this.yubico) return yubicoMetadata(this, cmd);
        throw sw(0x6d00);
      case 0xff:
        if (this.yubico) return setManagementKey(this.mgmt, cmd, data);
        throw sw(0x6d00);
      case 0xfd: // Yubico GET VERSION
        if (this.yubico) return Uint8Array.from(this.version);
        throw sw(0x6d00);
      case 0xf8: // Yubico GET SERIAL
        if (this.yubico)
          return Uint8Array.of(
            this.serial >>> 24,
            (this.serial >> 16) & 0xff,
            (this.serial >> 8) & 0xff,
            this.serial & 0xff,
          );
        throw sw(0x6d00);
      default:
        throw sw(0x6d00);
    }
  }

  /** Signature with a key slot; 9C is "PIN Always": each signature needs its own VERIFY just before. */
  private async sign(cmd: CommandApdu, data: Uint8Array): Promise<Uint8Array> {
    return this.keySlots.sign(cmd, data, this.pins.allowsKeyUse(cmd.p2 === 0x9c));
  }

  private tlv(data: Uint8Array): Tlv[] {
    try {
      return parseTlv(data);
    } catch {
      throw sw(0x6a80);
    }
  }

  private getData(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    if (cmd.p1 !== 0x3f || cmd.p2 !== 0xff) throw sw(0x6a86);
    const tag = findTag(this.tlv(data), 0x5c)?.value;
    if (!tag) throw sw(0x6a80);
    const value = this.containers.get(toHex(tag));
    if (!value) throw sw(0x6a82);
    return value.slice();
  }

  private putData(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    if (cmd.p1 !== 0x3f || cmd.p2 !== 0xff) throw sw(0x6a86);
    const t = this.tlv(data);
    const tag = findTag(t, 0x5c)?.value;
    const body = findTag(t, 0x53);
    if (!tag || !body) throw sw(0x6a80);
    if (!this.mgmt.authenticated) throw sw(0x6982);
    this.containers.set(toHex(tag), encodeTlv(0x53, body.value.slice()));
    return new Uint8Array(0);
  }

  private async generalAuthenticate(cmd: CommandApdu, data: Uint8Array): Promise<Uint8Array> {
    if (cmd.p1 !== ALG_IDS[this.mgmt.alg] && !(cmd.p1 === 0x00 && this.mgmt.alg === '3des')) throw sw(0x6a80);
    const kids = findTag(this.tlv(data), 0x7c)?.children;
    if (!kids) throw sw(0x6a80);
    const out = await this.mgmt.step(
      findTag(kids, 0x80)?.value,
      findTag(kids, 0x81)?.value,
      findTag(kids, 0x82)?.value,
    );
    return out ? encodeTlv(0x7c, [encodeTlv(out.tag, out.value)]) : new Uint8Array(0);
  }
}
