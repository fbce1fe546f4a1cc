/**
 * Encodes the GIDS masterfile DO value (EF A000 / DO DF1F) — the inverse of `parseMasterfile`:
 * version 01, then 28-byte records (directory and file name NUL-padded to 9 bytes, 2 padding
 * bytes, DO id and EF id as uint32 little-endian; OpenSC `gids_mf_record_t`, `gids_create_file`).
 */
import { CardError } from '../errors';
import { MASTERFILE_RECORD_SIZE, type MasterfileRecord } from './masterfile';

/** Masterfile bytes for `records`. Throws `card/invalid-file-name` for names over 8 ASCII characters. */
export function encodeMasterfileRecords(records: readonly MasterfileRecord[], version = 1): Uint8Array {
  const out = new Uint8Array(1 + records.length * MASTERFILE_RECORD_SIZE);
  const view = new DataView(out.buffer);
  out[0] = version;
  records.forEach((r, i) => {
    const o = 1 + i * MASTERFILE_RECORD_SIZE;
    for (const [s, at] of [
      [r.directory, o],
      [r.name, o + 9],
    ] as const) {
      if (s.length > 8 || !/^[\x20-\x7e]*$/.test(s))
        throw new CardError('card/invalid-file-name', `Bad minidriver name "${s}"`, {});
      for (let k = 0; k < s.length; k++) out[at + k] = s.charCodeAt(k);
    }
    view.setUint32(o + 20, r.doId >>> 0, true);
    view.setUint32(o + 24, r.efId >>> 0, true);
  });
  return out;
}
