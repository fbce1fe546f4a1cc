/**
 * A virtual GIDS card with the behaviour and status words of GidsApplet (the open reference
 * implementation of GIDS 2.0; `GidsApplet.java`, `TransmitManager.java`, `GidsPINManager.java`):
 * - by default operational with the minidriver file system exactly as `gids-tool --initialize`
 *   writes it (gids-efs.ts); with `factory: true` in the applet's initialization (creation) state,
 *   which `gids-tool --initialize` or the Windows personalisation sequence turn operational
 *   (CHANGE REFERENCE DATA P1=01, CREATE FILE + ACTIVATE, PUT DATA, SELECT 3FFF + ACTIVATE);
 * - EF.ATR by `GET DATA 2F01 5C 00` → `43 01 F4 47 03 08 01 80 46 0C "MySmartLogon"`: card
 *   capabilities "command chaining, no extended Lc/Le" (ISO 7816-4 §8.1.1.2.7); extended APDUs are
 *   refused (6700) unless `extendedLength` is configured, and then the EF.ATR says so;
 * - command chaining only for PERFORM SECURITY OPERATION, GENERATE and PUT DATA (6884 otherwise);
 * - PIN with retry counter, 3DES admin key (external and mutual authentication), authentication
 *   lost on (re)select and reset; key files, signing and decipher in gids-keyfiles.ts; RSA only
 *   unless `ec` is configured.
 */
import type { CommandApdu } from '../iso7816/apdu';
import { fromHex } from '../iso7816/hex';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { GidsDataFiles, personalise, type Auth } from './gids-efs';
import { getData, putData } from './gids-data-commands';
import { generalAuthenticate, mseAdminKey } from './gids-admin';
import { VirtualCardBase, sw } from './gids-piv-base';
import { GidsKeyFiles } from './gids-keyfiles';
import { changeReferenceData, resetRetryCounter, verify } from './gids-pin-commands';
import { GidsSecurity } from './gids-security';
import type { KeySource } from './sim-keys';

export interface VirtualGidsConfig {
  /** Default: the TPM virtual smart card ATR from the MIM docs (GIDS AID in the historical bytes). */
  atr?: Uint8Array;
  /** 16 bytes; default the GidsApplet test vector `A7 F5 C7 42 89 55 7B C0 7E 9A 9D E3 DD BD 21 D7`. */
  cardId?: Uint8Array;
  /** 24-byte 3DES admin key; default `01 02 … 08` ×3. */
  adminKey?: Uint8Array;
  /** Default "12345678". */
  pin?: string;
  /** Retry limit (default 3, as GidsApplet) and tries left (default = limit). */
  pinTryLimit?: number;
  pinTriesLeft?: number;
  /** Where the cardid DO lives (default EF A012 / DO DF20, the standard layout); the masterfile follows. */
  cardIdLocation?: { efId: number; doId: number };
  /** Blank card in the applet's initialization state: no PIN, no files, no admin key. */
  factory?: boolean;
  /** Accept extended-length APDUs and declare them in EF.ATR (default false, as GidsApplet). */
  extendedLength?: boolean;
  /** Generate EC keys (mechanisms 0C/0D); default false: GidsApplet is RSA-only (6A81). */
  ec?: boolean;
  /** Random source for challenges (default WebCrypto); inject only for deterministic tests. */
  random?: (n: number) => Uint8Array;
  /** Where generated key pairs come from (default WebCrypto generateKey; tests may reuse pairs). */
  keySource?: KeySource;
}

const GIDS_AID = fromHex('A0 00 00 03 97 42 54 46 59 02 01');
const TPM_VSC_ATR = fromHex('3b8d0180fba000000397425446590301c8');
const DEFAULT_ADMIN_KEY = fromHex('0102030405060708'.repeat(3));
const FCI = encodeTlv(0x61, [
  encodeTlv(0x4f, GIDS_AID),
  encodeTlv(0x73, [encodeTlv(0x40, Uint8Array.of(0xc0))]),
]);
const ADMIN_KEY_FID = 0xb080;
const DEFAULT_CARD_ID = fromHex('A7F5C74289557BC07E9A9DE3DDBD21D7');

type Current = { kind: 'app' } | { kind: 'ef'; id: number } | { kind: 'key'; kid: number } | undefined;

export class VirtualGidsCard extends VirtualCardBase {
  readonly atr: Uint8Array;
  readonly security: GidsSecurity;
  /** BER-TLV EFs A000, A010–A014 (persistent, like card EEPROM). */
  readonly data = new GidsDataFiles();
  /** Key files B0xx (CREATE FILE / GENERATE / signing / decipher). */
  readonly keyFiles: GidsKeyFiles;
  /** GidsApplet `isInInitializationMode`: true until SELECT 3FFF + ACTIVATE FILE. */
  initializing: boolean;
  /** The admin key file B080 exists (created by personalisation). */
  adminKeyFile: boolean;
  private selected = false;
  private current: Current;
  /** Extended Lc/Le accepted and declared in EF.ATR. */
  readonly extended: boolean;

  constructor(config: VirtualGidsConfig = {}) {
    super();
    this.atr = (config.atr ?? TPM_VSC_ATR).slice();
    this.extended = config.extendedLength === true;
    const limit = config.pinTryLimit ?? 3;
    const pin = Uint8Array.from(config.factory ? '' : (config.pin ?? '12345678'), (c) => c.charCodeAt(0));
    const key = config.factory ? new Uint8Array(24) : (config.adminKey ?? DEFAULT_ADMIN_KEY).slice();
    this.security = new GidsSecurity(pin, config.pinTriesLeft ?? limit, limit, key, config.random);
    this.keyFiles = new GidsKeyFiles(config.keySource, config.ec === true);
    this.initializing = config.factory === true;
    this.adminKeyFile = !this.initializing;
    if (!this.initializing) {
      personalise(
        this.data,
        config.cardIdLocation ?? { efId: 0xa012, doId: 0xdf20 },
        config.cardId ?? DEFAULT_CARD_ID,
      );
    }
  }

  /** EF id → (DO tag → value) as stored (a live view for tests). */
  get files(): Map<number, Map<number, Uint8Array>> {
    return this.data.view();
  }

  get auth(): Auth {
    return {
      pin: this.security.pinValidated,
      admin: this.security.adminAuthenticated,
      init: this.initializing,
    };
  }

  override reset(): void {
    super.reset();
    this.selected = false;
    this.current = undefined;
    this.security.deauthenticateAll();
    this.keyFiles.reset();
  }

  protected override acceptsExtended(): boolean {
    return this.extended;
  }

  /** TransmitManager.processChainInitialization: chaining only for PSO, GENERATE, PUT DATA. */
  protected override chainable(ins: number): boolean {
    return ins === 0x2a || ins === 0x47 || ins === 0xdb;
  }

  /** TransmitManager.sendData: GENERATE without Le answers 61xx (everything by GET RESPONSE). */
  protected override defaultNe(cmd: CommandApdu): number {
    return cmd.ins === 0x47 ? 0 : 256;
  }

  protected handle(cmd: CommandApdu): Uint8Array | Promise<Uint8Array> {
    if (cmd.ins === 0xa4) return this.select(cmd);
    // Why 6999: no applet is selected after reset, and the Java Card runtime answers that way.
    if (!this.selected) throw sw(0x6999);
    const data = cmd.data ?? new Uint8Array(0);
    const sec = this.security;
    switch (cmd.ins) {
      case 0xcb:
        return getData(this, cmd, data);
      case 0xe0:
        return this.createFile(data);
      case 0x44:
        return this.activate();
      case 0x47:
        return this.keyFiles.generate(cmd, data, sec.pinValidated || this.initializing);
      case 0x2a:
        return this.keyFiles.pso(cmd, data, sec.pinValidated || this.initializing);
      case 0xdb:
        return putData(this, cmd, data);
      case 0x22:
        return cmd.p1 === 0x41
          ? this.keyFiles.mse(cmd, data)
          : mseAdminKey(this.security, cmd, data, this.adminKeyFile);
      case 0x87:
        if (this.initializing) throw sw(0x6986);
        return generalAuthenticate(this.security, cmd, data);
      case 0x20:
        if (this.initializing && data.length === 0 && cmd.p2 !== 0x82) return new Uint8Array(0); // "no verification needed"
        return verify(sec, cmd, data);
      case 0x24:
        if (this.initializing && cmd.p1 === 0x01) return this.firstPin(data);
        return changeReferenceData(sec, cmd, data);
      case 0x2c:
        if (this.initializing) throw sw(0x6986);
        return resetRetryCounter(sec, cmd, data);
      default:
        throw sw(0x6d00);
    }
  }

  private firstPin(data: Uint8Array): Uint8Array {
    this.security.setPin(data);
    this.security.triesLeft = this.security.tryLimit;
    return new Uint8Array(0);
  }

  private select(cmd: CommandApdu): Uint8Array {
    const data = cmd.data ?? new Uint8Array(0);
    if (cmd.p1 === 0x04) {
      const match =
        data.length >= 5 && data.length <= GIDS_AID.length && data.every((b, i) => b === GIDS_AID[i]);
      if (!match) throw sw(0x6a82); // a failed SELECT leaves the current selection as it was
      this.security.deauthenticateAll(); // re-selection deselects first (Java Card 2.2 §4.2)
      this.keyFiles.reset();
      this.selected = true;
      this.current = { kind: 'app' };
      return (cmd.p2 & 0x0c) === 0x0c ? new Uint8Array(0) : FCI.slice();
    }
    if (!this.selected) throw sw(0x6999);
    if (cmd.p1 !== 0x00 || (cmd.p2 & 0xf3) !== 0) throw sw(0x6a86);
    const fid = data.length === 2 ? (data[0]! << 8) | data[1]! : -1;
    if (data.length === 0 || fid === 0x3fff || fid === 0x3f00) this.current = { kind: 'app' };
    else if (this.data.has(fid)) this.current = { kind: 'ef', id: fid };
    else if ((fid & 0xff00) === 0xb000 && this.keyFiles.has(fid & 0xff))
      this.current = { kind: 'key', kid: fid & 0xff };
    else if (fid === ADMIN_KEY_FID && this.adminKeyFile) this.current = undefined;
    else throw sw(0x6a82);
    return new Uint8Array(0);
  }

  private tlv(data: Uint8Array, code: number): Tlv[] {
    try {
      return parseTlv(data);
    } catch {
      throw sw(code);
    }
  }

  /** CREATE FILE: BER-TLV EF (39), key file (18 with B0xx), or the admin key file B080. */
  private createFile(data: Uint8Array): Uint8Array {
    const fcp = findTag(this.tlv(data, 0x6984), 0x62)?.children;
    const fid = findTag(fcp, 0x83)?.value;
    if (findTag(fcp, 0x82)?.value[0] === 0x39) {
      if (!this.initializing && !this.security.pinValidated) throw sw(0x6982);
      this.current = { kind: 'ef', id: this.data.create(fcp) };
    } else if (fid?.length === 2 && ((fid[0]! << 8) | fid[1]!) === ADMIN_KEY_FID) {
      if (!this.initializing || this.adminKeyFile) throw sw(0x6984);
      this.adminKeyFile = true;
      this.current = undefined;
    } else {
      this.current = {
        kind: 'key',
        kid: this.keyFiles.create(fcp, this.security.pinValidated || this.initializing),
      };
    }
    return new Uint8Array(0);
  }

  /** ACTIVATE FILE on the current file; on the application DF it ends the initialization state. */
  private activate(): Uint8Array {
    const c = this.current;
    if (c?.kind === 'key') this.keyFiles.activate(c.kid);
    if (c?.kind === 'app' && this.initializing) {
      this.initializing = false;
      this.security.deauthenticateAll(); // GidsPINManager.SetInitializationMode(false)
    }
    return new Uint8Array(0);
  }
}
