/**
 * A virtual GIDS card in its operational state with the Microsoft standard profile (Windows "inbox
 * smart card minidriver" GIDS page; behaviour and status words of GidsApplet, card-protocols.md §1):
 * SELECT with FCI, the masterfile and minidriver DOs (cardid, cardapps, cardcf, cmapfile), PIN with
 * retry counter and blocking, 3DES admin key with fresh random challenges, RESET RETRY COUNTER only
 * after admin authentication (consuming it), PUT DATA key change, authentication lost on
 * (re)select and reset.
 *
 * Deviation: GidsApplet lets a challenge be issued without a preceding MSE and then fails the
 * response with 6F00; this card answers the challenge request with 6985 instead.
 */
import type { CommandApdu } from '../iso7816/apdu';
import { fromHex } from '../iso7816/hex';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { encodeMasterfile } from './gids-masterfile';
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
  /** Random source for challenges (default WebCrypto); inject only for deterministic tests. */
  random?: (n: number) => Uint8Array;
  /** Where generated key pairs come from (default WebCrypto generateKey; tests may reuse pairs). */
  keySource?: KeySource;
}

export const GIDS_AID = fromHex('A0 00 00 03 97 42 54 46 59 02 01');
export const TPM_VSC_ATR = fromHex('3b8d0180fba000000397425446590301c8');
export const DEFAULT_ADMIN_KEY = fromHex('0102030405060708'.repeat(3));
const FCI = encodeTlv(0x61, [
  encodeTlv(0x4f, GIDS_AID),
  encodeTlv(0x73, [encodeTlv(0x40, Uint8Array.of(0xc0))]),
]);

export class VirtualGidsCard extends VirtualCardBase {
  readonly atr: Uint8Array;
  readonly security: GidsSecurity;
  /** EF id → (DO tag → value). Persistent, like card EEPROM. */
  readonly files = new Map<number, Map<number, Uint8Array>>();
  /** Key files B0xx (CREATE FILE / GENERATE / signing). */
  readonly keyFiles: GidsKeyFiles;
  private selected = false;

  constructor(config: VirtualGidsConfig = {}) {
    super();
    this.atr = (config.atr ?? TPM_VSC_ATR).slice();
    const limit = config.pinTryLimit ?? 3;
    const pin = Uint8Array.from(config.pin ?? '12345678', (c) => c.charCodeAt(0));
    this.security = new GidsSecurity(
      pin,
      config.pinTriesLeft ?? limit,
      limit,
      (config.adminKey ?? DEFAULT_ADMIN_KEY).slice(),
      config.random,
    );
    this.keyFiles = new GidsKeyFiles(config.keySource);
    const loc = config.cardIdLocation ?? { efId: 0xa012, doId: 0xdf20 };
    const cardId = config.cardId ?? fromHex('A7F5C74289557BC07E9A9DE3DDBD21D7');
    this.put(
      0xa010,
      0xdf21,
      Uint8Array.from('mscp\0\0\0\0', (c) => c.charCodeAt(0)),
    ); // cardapps
    this.put(0xa010, 0xdf22, new Uint8Array(6)); // cardcf
    this.put(0xa010, 0xdf23, new Uint8Array(0)); // mscp\cmapfile
    this.put(loc.efId, loc.doId, cardId.slice());
    const records = [
      { directory: '', name: 'cardid', doId: loc.doId, efId: loc.efId },
      { directory: '', name: 'cardapps', doId: 0xdf21, efId: 0xa010 },
      { directory: '', name: 'cardcf', doId: 0xdf22, efId: 0xa010 },
      { directory: 'mscp', name: 'cmapfile', doId: 0xdf23, efId: 0xa010 },
    ];
    this.put(0xa000, 0xdf1f, encodeMasterfile(records));
  }

  private put(efId: number, doId: number, value: Uint8Array): void {
    if (!this.files.has(efId)) this.files.set(efId, new Map());
    this.files.get(efId)!.set(doId, value);
  }

  override reset(): void {
    super.reset();
    this.selected = false;
    this.security.deauthenticateAll();
    this.keyFiles.reset();
  }

  protected handle(cmd: CommandApdu): Uint8Array | Promise<Uint8Array> {
    if (cmd.ins === 0xa4) return this.select(cmd);
    // Why 6999: no applet is selected after reset, and the Java Card runtime answers that way.
    if (!this.selected) throw sw(0x6999);
    const data = cmd.data ?? new Uint8Array(0);
    const sec = this.security;
    switch (cmd.ins) {
      case 0xcb:
        if ((cmd.p1 << 8 | cmd.p2) === 0x3fff && data[0] === 0x70) return this.keyFiles.publicKey(data);
        return this.getData(cmd, data);
      case 0xe0:
        return this.keyFiles.create(data, sec.pinValidated);
      case 0x44:
        return this.keyFiles.activate();
      case 0x47:
        return this.keyFiles.generate(cmd, data, sec.pinValidated);
      case 0x2a:
        return this.keyFiles.sign(cmd, data, sec.pinValidated);
      case 0xdb:
        return this.putData(cmd, data);
      case 0x22:
        return cmd.p1 === 0x41 ? this.keyFiles.mse(cmd, data) : this.mse(cmd, data);
      case 0x87:
        return this.generalAuthenticate(cmd, data);
      case 0x20:
        return verify(sec, cmd, data);
      case 0x24:
        return changeReferenceData(sec, cmd, data);
      case 0x2c:
        return resetRetryCounter(sec, cmd, data);
      default:
        throw sw(0x6d00);
    }
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
      return (cmd.p2 & 0x0c) === 0x0c ? new Uint8Array(0) : FCI.slice();
    }
    if (!this.selected) throw sw(0x6999);
    if (cmd.p1 !== 0x00 || (cmd.p2 & 0xf3) !== 0) throw sw(0x6a86);
    const fid = data.length === 2 ? (data[0]! << 8) | data[1]! : -1;
    if (data.length === 0 || fid === 0x3fff || fid === 0x3f00 || this.files.has(fid) || this.keyFiles.select(fid))
      return new Uint8Array(0);
    throw sw(0x6a82);
  }

  private parseTlvOr(data: Uint8Array, code: number): Tlv[] {
    try {
      return parseTlv(data);
    } catch {
      throw sw(code);
    }
  }

  private getData(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    if (data.length !== 4 || data[0] !== 0x5c || data[1] !== 0x02) throw sw(0x6984);
    const ef = (cmd.p1 << 8) | cmd.p2;
    const id = (data[2]! << 8) | data[3]!;
    if (ef === 0x3fff) {
      if (id !== 0x7f71 && id !== 0x7f72) throw sw(id === 0x7f73 ? 0x6a88 : 0x6984);
      const s = this.security;
      return encodeTlv(id, Uint8Array.of(0x97, 0x01, s.triesLeft, 0x93, 0x01, s.tryLimit));
    }
    const file = this.files.get(ef);
    if (!file) throw sw(0x6a82);
    const value = file.get(id);
    if (!value) throw sw(0x6a88);
    return encodeTlv(id, value);
  }

  private putData(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    const ef = (cmd.p1 << 8) | cmd.p2;
    const sec = this.security;
    if (ef === 0x3fff) {
      const tpl = this.parseTlvOr(data, 0x6984);
      if (findTag(tpl, 0x70, 0x84)?.value[0] !== 0x80) throw sw(0x6984); // only key 80 exists
      if (!sec.adminAuthenticated) throw sw(0x6982);
      const key = findTag(tpl, 0x70, 0xa5, 0x87)?.value;
      if (key?.length !== 24) throw sw(0x6984);
      sec.adminKey = key.slice();
      return new Uint8Array(0);
    }
    // Minidriver files: admin-write (cardid, cardapps) or user-write (cardcf, cmapfile); simplified to either.
    if (!sec.adminAuthenticated && !sec.pinValidated) throw sw(0x6982);
    const obj = this.parseTlvOr(data, 0x6a80)[0];
    if (!obj || !this.files.has(ef)) throw sw(obj ? 0x6a82 : 0x6a80);
    this.put(ef, obj.tag, obj.value.slice());
    return new Uint8Array(0);
  }

  private mse(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    if (cmd.p1 !== 0x81 && cmd.p1 !== 0xc1 && cmd.p1 !== 0x41) throw sw(0x6a81);
    const ref =
      findTag(this.parseTlvOr(data, 0x6984), 0x83)?.value ??
      findTag(this.parseTlvOr(data, 0x6984), 0x84)?.value;
    // Only the admin key (B080, ref 80, usage external authentication) exists on this card.
    if (ref?.length !== 1 || ref[0] !== 0x80 || cmd.p1 === 0x41 || cmd.p2 !== 0xa4) throw sw(0x6984);
    this.security.keySelected = true;
    return new Uint8Array(0);
  }

  private generalAuthenticate(cmd: CommandApdu, data: Uint8Array): Uint8Array {
    if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) throw sw(0x6a86);
    if (data[0] !== 0x7c) throw sw(0x6984);
    const kids = findTag(this.parseTlvOr(data, 0x6984), 0x7c)?.children ?? [];
    const t81 = findTag(kids, 0x81);
    if (t81) {
      const ch = this.security.issueChallenge(t81.value);
      return encodeTlv(0x7c, [encodeTlv(0x81, ch)]);
    }
    const t82 = findTag(kids, 0x82);
    if (t82) return this.security.checkResponse(t82.value);
    throw sw(0x6984);
  }
}
