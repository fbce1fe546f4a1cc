/**
 * GET DATA and PUT DATA of the virtual GIDS card as GidsApplet answers them (`processGetData`,
 * `processPutData`, `BerTlvFile`): EF.ATR (`2F01`, `5C 00`) with the card capabilities; `3FFF`:
 * PIN status DOs 7F71/7F72 (7F73: no PUK, 6A88), the public key of a key file, the admin key
 * template (PUT DATA, admin authentication or initialization state); any other EF: one BER-TLV DO
 * under the EF's access conditions (gids-efs.ts).
 */
import type { CommandApdu } from '../iso7816/apdu';
import { encodeTlv, findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import type { Auth, GidsDataFiles } from './gids-efs';
import type { GidsKeyFiles } from './gids-keyfiles';
import { sw } from './gids-piv-base';
import type { GidsSecurity } from './gids-security';

/** What these commands read and change on the card. */
interface GidsDataContext {
  readonly security: GidsSecurity;
  readonly data: GidsDataFiles;
  readonly keyFiles: GidsKeyFiles;
  readonly auth: Auth;
  readonly extended: boolean;
  readonly adminKeyFile: boolean;
  readonly initializing: boolean;
}

const LABEL = Uint8Array.from('MySmartLogon', (ch) => ch.charCodeAt(0));

function tlvOr(data: Uint8Array, code: number): Tlv[] {
  try {
    return parseTlv(data);
  } catch {
    throw sw(code);
  }
}

export function getData(c: GidsDataContext, cmd: CommandApdu, data: Uint8Array): Uint8Array {
  const ef = (cmd.p1 << 8) | cmd.p2;
  if (ef === 0x2f01) {
    if (data.length !== 2 || data[0] !== 0x5c || data[1] !== 0x00) throw sw(0x6984);
    const caps = Uint8Array.of(0x08, 0x01, c.extended ? 0xc0 : 0x80);
    return Uint8Array.of(0x43, 0x01, 0xf4, 0x47, 0x03, ...caps, 0x46, LABEL.length, ...LABEL);
  }
  if (ef === 0x3fff && data[0] === 0x70) return c.keyFiles.publicKey(data);
  if (data.length !== 4 || data[0] !== 0x5c || data[1] !== 0x02) throw sw(0x6984);
  const id = (data[2]! << 8) | data[3]!;
  if (ef === 0x3fff) {
    if (id !== 0x7f71 && id !== 0x7f72) throw sw(id === 0x7f73 ? 0x6a88 : 0x6984);
    const s = c.security;
    return encodeTlv(id, Uint8Array.of(0x97, 0x01, s.triesLeft, 0x93, 0x01, s.tryLimit));
  }
  return encodeTlv(id, c.data.get(ef, id, c.auth));
}

export function putData(c: GidsDataContext, cmd: CommandApdu, data: Uint8Array): Uint8Array {
  const ef = (cmd.p1 << 8) | cmd.p2;
  const sec = c.security;
  if (ef === 0x3fff) {
    const tpl = tlvOr(data, 0x6984);
    // The admin key template comes with (Windows) or without (OpenSC) the outer 70.
    const inner = findTag(tpl, 0x70)?.children ?? tpl;
    if (findTag(inner, 0x84)?.value[0] !== 0x80 || !c.adminKeyFile) throw sw(0x6984); // only key 80 exists
    if (!sec.adminAuthenticated && !c.initializing) throw sw(0x6982);
    const key = findTag(inner, 0xa5, 0x87)?.value;
    if (key?.length !== 24) throw sw(0x6984);
    sec.adminKey = key.slice();
    return new Uint8Array(0);
  }
  const obj = tlvOr(data, 0x6984)[0];
  if (!obj) throw sw(0x6984);
  c.data.put(ef, obj.tag, obj.value, c.auth);
  return new Uint8Array(0);
}
