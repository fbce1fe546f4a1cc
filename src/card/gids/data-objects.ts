/**
 * GIDS data objects read with GET DATA (ISO/IEC 7816-4 §7.4.1, odd INS CB; docs/gids.md "Reading
 * data objects and the card id"): one DO, the minidriver `cardid` (standard place or masterfile
 * lookup) and the PIN status DO 7F71.
 */
import { isAppError } from '../../errors';
import type { CommandApdu, ResponseApdu } from '../../iso7816/apdu';
import { findTag, parseTlv } from '../../iso7816/tlv';
import { CardError } from '../errors';
import { okData, type OpOptions } from '../exchange';
import type { PinStatus } from '../managed';
import { swIs } from '../sw-table';
import * as A from './apdus';
import { findMasterfileEntry, parseMasterfile } from './masterfile';
import { GIDS_SW } from './sw';

/** Sends one command to the selected GIDS application. */
export type GidsSend = (cmd: CommandApdu, opts: OpOptions) => Promise<ResponseApdu>;

/** GET DATA of one DO; undefined when the card says it does not exist (`not-found`: 6A82 / 6A88). */
export async function readDo(
  send: GidsSend,
  efId: number,
  doId: number,
  opts: OpOptions,
): Promise<Uint8Array | undefined> {
  const r = await send(A.getData(efId, doId), opts);
  if (swIs(GIDS_SW, r.sw, 'not-found')) return undefined;
  const data = okData(r, `GET DATA ${efId.toString(16)}/${doId.toString(16)}`, GIDS_SW);
  let tlv: ReturnType<typeof findTag>;
  try {
    tlv = findTag(parseTlv(data, { flat: true }), doId);
  } catch (e) {
    if (isAppError(e))
      throw new CardError('card/bad-data', `DO ${doId.toString(16)} is not BER-TLV`, {}, { cause: e });
    throw e;
  }
  if (!tlv) throw new CardError('card/bad-data', `GET DATA answer lacks DO ${doId.toString(16)}`, {});
  return tlv.value.slice();
}

async function cardIdFromMasterfile(send: GidsSend, opts: OpOptions): Promise<Uint8Array | undefined> {
  const mf = await readDo(send, A.MASTERFILE.efId, A.MASTERFILE.doId, opts);
  if (!mf) return undefined;
  const entry = findMasterfileEntry(parseMasterfile(mf).records, '', 'cardid');
  return entry ? readDo(send, entry.efId, entry.doId, opts) : undefined;
}

/**
 * The 16-byte `cardid` (minidriver spec "File system requirements": root file `cardid`):
 * `standard-first` reads EF A012 / DO DF20 and falls back to the masterfile; `masterfile` looks it
 * up there first. Throws `card/no-card-id` when the card has none.
 */
export async function readCardId(
  send: GidsSend,
  lookup: 'standard-first' | 'masterfile' | undefined,
  opts: OpOptions,
): Promise<Uint8Array> {
  const std = A.STANDARD_CARDID;
  let id: Uint8Array | undefined;
  if (lookup === 'masterfile') {
    id = (await cardIdFromMasterfile(send, opts)) ?? (await readDo(send, std.efId, std.doId, opts));
  } else {
    id = await readDo(send, std.efId, std.doId, opts);
    if (id?.length !== 16) id = await cardIdFromMasterfile(send, opts);
  }
  if (!id) throw new CardError('card/no-card-id', 'The GIDS card has no cardid file', {});
  if (id.length !== 16) throw new CardError('card/bad-data', `cardid has ${id.length} bytes, not 16`, {});
  return id;
}

/** GET DATA 3FFF / 7F71 → `97 01 <tries left> 93 01 <limit>` (docs/gids.md "PIN and admin key"). */
export async function readPinStatus(send: GidsSend, opts: OpOptions): Promise<PinStatus> {
  const v = await readDo(send, A.GIDS_APP_DF, A.PIN_STATUS_DO, opts);
  let left: Uint8Array | undefined;
  let limit: Uint8Array | undefined;
  try {
    const kids = v ? parseTlv(v) : [];
    left = findTag(kids, 0x97)?.value;
    limit = findTag(kids, 0x93)?.value;
  } catch (e) {
    if (!isAppError(e)) throw e;
  }
  if (left?.length !== 1) throw new CardError('card/bad-data', 'PIN status DO 7F71 lacks tag 97', {});
  return { triesLeft: left[0]!, ...(limit?.length === 1 ? { limit: limit[0]! } : {}) };
}
