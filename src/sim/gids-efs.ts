/**
 * The BER-TLV data-object EFs of the virtual GIDS card (GIDS §9; GidsApplet `BerTlvFile`,
 * `GidsPINManager.CheckACL`) and the minidriver file system exactly as `gids-tool --initialize`
 * (OpenSC `card-gids.c` `gids_initialize`) and the Windows inbox minidriver's personalisation write it:
 * six EFs A000, A010–A014 created with FCP `62 0C 82 01 39 83 02 <fid> 8C 03 03 <write> <read>`, the
 * masterfile in A000/DF1F beginning with the `mscp` directory record, cardapps, cardcf, an empty
 * cmapfile and the cardid.
 *
 * Access conditions (compact SC bytes, GidsApplet `CheckACL`): 00 always, FF never, 0x9x PIN only,
 * 0xAx admin key only, 0x1x/0x3x PIN may satisfy, 0x2x/0x3x admin key may satisfy. In the applet's
 * initialization (creation) state every condition but "never" is satisfied.
 */
import { findTag } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { encodeMasterfile } from './gids-masterfile';
import { sw } from './gids-piv-base';

export interface Auth {
  pin: boolean;
  admin: boolean;
  /** Initialization mode: no access control (GidsApplet `isInInitializationMode`). */
  init: boolean;
}

interface DataEf {
  read: number;
  write: number;
  dos: Map<number, Uint8Array>;
}

/** The six EFs of the minidriver profile: file id, write SC, read SC (OpenSC `gids_initialize`). */
const PROFILE_EFS: ReadonlyArray<[number, number, number]> = [
  [0xa000, 0x30, 0x00], // UserCreateDeleteDirAc (masterfile, key map)
  [0xa010, 0x30, 0x00], // EveryoneReadUserWriteAc (cardapps, cardcf, cmapfile, certificates)
  [0xa011, 0x30, 0xff], // UserWriteExecuteAc
  [0xa012, 0x20, 0x00], // EveryoneReadAdminWriteAc (cardid)
  [0xa013, 0x30, 0x30], // UserReadWriteAc
  [0xa014, 0x20, 0x20], // AdminReadWriteAc
];

/** The masterfile `gids-tool --initialize` writes: `mscp` directory, cardid, cardapps, cardcf, mscp/cmapfile. */
function standardMasterfile(cardId = { efId: 0xa012, doId: 0xdf20 }): Uint8Array {
  return encodeMasterfile([
    { directory: 'mscp', name: '', doId: 0, efId: 0xa000 },
    { directory: '', name: 'cardid', doId: cardId.doId, efId: cardId.efId },
    { directory: '', name: 'cardapps', doId: 0xdf21, efId: 0xa010 },
    { directory: '', name: 'cardcf', doId: 0xdf22, efId: 0xa010 },
    { directory: 'mscp', name: 'cmapfile', doId: 0xdf23, efId: 0xa010 },
  ]);
}

function checkAcl(sc: number, a: Auth): void {
  if (sc === 0x00) return;
  if (sc === 0xff) throw sw(0x6982);
  if (a.init) return;
  const m = sc & 0xf0;
  if (m === 0x90) {
    if (a.pin) return;
    throw sw(0x6982);
  }
  if ((m & 0x90) === 0x10 && a.pin) return;
  if (m === 0xa0) {
    if (a.admin) return;
    throw sw(0x6982);
  }
  if ((m & 0xa0) === 0x20 && a.admin) return;
  throw sw(0x6982);
}

export class GidsDataFiles {
  private readonly efs = new Map<number, DataEf>();

  /** EF id → (DO tag → value), for tests that inspect what the host wrote. */
  view(): Map<number, Map<number, Uint8Array>> {
    return new Map([...this.efs].map(([id, ef]) => [id, ef.dos]));
  }

  has(efId: number): boolean {
    return this.efs.has(efId);
  }

  /** CREATE FILE of a BER-TLV EF (descriptor 39); 6984 when it exists or the FCP is not one. */
  create(fcp: Tlv[] | undefined): number {
    const fid = findTag(fcp, 0x83)?.value;
    const ac = findTag(fcp, 0x8c)?.value;
    if (findTag(fcp, 0x82)?.value[0] !== 0x39 || fid?.length !== 2) throw sw(0x6984);
    const id = (fid[0]! << 8) | fid[1]!;
    if (this.efs.has(id)) throw sw(0x6984);
    // Compact format, AM byte 03: SC for "update" (b2) then "read" (b1), ISO 7816-4 §5.4.3.
    this.define(id, ac?.[0] === 0x03 ? ac[1]! : 0x00, ac?.[0] === 0x03 ? ac[2]! : 0x00);
    return id;
  }

  /** Adds an empty EF with these access conditions (personalisation done at construction). */
  define(id: number, write: number, read: number): void {
    this.efs.set(id, { read, write, dos: new Map() });
  }

  get(efId: number, doId: number, a: Auth): Uint8Array {
    const ef = this.efs.get(efId);
    if (!ef) throw sw(0x6a82);
    checkAcl(ef.read, a);
    const v = ef.dos.get(doId);
    if (!v) throw sw(0x6a88);
    return v;
  }

  put(efId: number, doId: number, value: Uint8Array, a: Auth): void {
    const ef = this.efs.get(efId);
    if (!ef) throw sw(0x6a82);
    checkAcl(ef.write, a);
    ef.dos.set(doId, value.slice());
  }
}

/** What `gids-tool --initialize` leaves on the card (OpenSC `gids_initialize`), cardid at `loc`. */
export function personalise(
  data: GidsDataFiles,
  loc: { efId: number; doId: number },
  cardId: Uint8Array,
): void {
  const all: Auth = { pin: true, admin: true, init: true };
  for (const [fid, write, read] of PROFILE_EFS) data.define(fid, write, read);
  if (!data.has(loc.efId)) data.define(loc.efId, 0x20, 0x00);
  data.put(0xa000, 0xdf1f, standardMasterfile(loc), all);
  data.put(
    0xa010,
    0xdf21,
    Uint8Array.from('mscp\0\0\0\0', (c) => c.charCodeAt(0)),
    all,
  ); // cardapps
  data.put(0xa010, 0xdf22, new Uint8Array(6), all); // cardcf
  data.put(0xa010, 0xdf23, new Uint8Array(0), all); // mscp/cmapfile, empty
  data.put(loc.efId, loc.doId, cardId.slice(), all);
}
