/**
 * The Yubico PIV extensions of the virtual PIV card in its YubiKey 5 profile (Yubico YESDK "PIV
 * commands": GET METADATA INS F7, SET MANAGEMENT KEY INS FF; GET VERSION FD and GET SERIAL F8 are
 * answered in piv-card.ts), with the status words a YubiKey gives: 6A86 bad P1/P2, 6982 without
 * management-key authentication, 6A80 bad data, 6A88 no such reference.
 */
import type { CommandApdu } from '../iso7816/apdu';
import { equalBytes } from '@noble/ciphers/utils.js';
import { encodeTlv } from '../iso7816/tlv';
import { sw } from './gids-piv-base';
import { isKeySlot, type PivKeySlots } from './piv-keys';
import { ALG_IDS, KEY_LENGTHS, type MgmtAlgorithm, type PivCounter, type PivMgmtKey } from './piv-security';

/** What GET METADATA reads from the card. */
interface MetadataSource {
  readonly pin: PivCounter;
  readonly puk: PivCounter;
  readonly mgmt: PivMgmtKey;
  readonly keySlots: PivKeySlots;
}

/** 8-byte PIN/PUK value: ASCII, FF-padded (SP 800-73-4 Part 2 §2.4.3). */
export function pad8(s: string): Uint8Array {
  const out = new Uint8Array(8).fill(0xff);
  out.set(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  return out;
}

/** GET METADATA for the 9B key, a key slot, the PIN (80) or the PUK (81). */
export function yubicoMetadata(card: MetadataSource, cmd: CommandApdu): Uint8Array {
  if (cmd.p1 !== 0x00) throw sw(0x6a86);
  const isDefault = (c: PivCounter, s: string) => Uint8Array.of(equalBytes(c.value, pad8(s)) ? 1 : 0);
  if (cmd.p2 === 0x9b) {
    return Uint8Array.from([
      ...encodeTlv(0x01, Uint8Array.of(ALG_IDS[card.mgmt.alg])),
      ...encodeTlv(0x02, Uint8Array.of(0x00, 0x01)),
      ...encodeTlv(0x05, Uint8Array.of(card.mgmt.key.every((b, i) => b === (i % 8) + 1) ? 1 : 0)),
    ]);
  }
  if (isKeySlot(cmd.p2)) return card.keySlots.metadata(cmd.p2);
  const c = cmd.p2 === 0x80 ? card.pin : cmd.p2 === 0x81 ? card.puk : undefined;
  if (!c) throw sw(0x6a88);
  return Uint8Array.from([
    ...encodeTlv(0x01, Uint8Array.of(0xff)),
    ...encodeTlv(0x05, isDefault(c, c === card.pin ? '123456' : '12345678')),
    ...encodeTlv(0x06, Uint8Array.of(c.limit, c.left)),
  ]);
}

/**
 * SET MANAGEMENT KEY `00 FF FF FF|FE <Lc> <alg> 9B <len> <key>` after 9B authentication, which it
 * keeps (as PivApplet and the YubiKey do, docs/piv.md "Management key authentication").
 */
export function setManagementKey(mgmt: PivMgmtKey, cmd: CommandApdu, data: Uint8Array): Uint8Array {
  if (cmd.p1 !== 0xff || (cmd.p2 !== 0xff && cmd.p2 !== 0xfe)) throw sw(0x6a86);
  if (!mgmt.authenticated) throw sw(0x6982);
  const alg = (Object.keys(ALG_IDS) as MgmtAlgorithm[]).find((a) => ALG_IDS[a] === data[0]);
  if (!alg || data[1] !== 0x9b || data[2] !== KEY_LENGTHS[alg] || data.length !== 3 + KEY_LENGTHS[alg])
    throw sw(0x6a80);
  mgmt.key = data.slice(3);
  mgmt.alg = alg;
  return new Uint8Array(0);
}
