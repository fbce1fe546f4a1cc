/**
 * The GIDS "masterfile" DO (EF A000, DO DF1F): the directory of minidriver files, used to find the
 * `cardid` file (Windows "inbox smart card minidriver" GIDS profile; OpenSC `card-gids.c`
 * `gids_mf_record_t`).
 *
 * Layout: byte 0 = version (01), then 28-byte records: directory name (9 bytes, NUL-padded),
 * file name (9 bytes, NUL-padded), 2 padding bytes, DO id (uint32 little-endian), EF id (uint32
 * little-endian). Everything that does not fit that shape throws `card/bad-data`.
 */
import { CardError } from '../errors';

export interface MasterfileRecord {
  directory: string;
  name: string;
  /** Data object tag, e.g. 0xDF20. */
  doId: number;
  /** Elementary file id, e.g. 0xA012. */
  efId: number;
}

export const MASTERFILE_RECORD_SIZE = 28;

function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return String.fromCharCode(...(end < 0 ? b : b.subarray(0, end)));
}

function u32le(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** Parses the masterfile DO value (without the DF1F tag and length). Throws `card/bad-data`. */
export function parseMasterfile(value: Uint8Array): { version: number; records: MasterfileRecord[] } {
  if (value.length < 1 || (value.length - 1) % MASTERFILE_RECORD_SIZE !== 0) {
    throw new CardError('card/bad-data', `GIDS masterfile of ${value.length} bytes is not 1 + 28·n`, {
      length: value.length,
    });
  }
  const records: MasterfileRecord[] = [];
  for (let o = 1; o < value.length; o += MASTERFILE_RECORD_SIZE) {
    records.push({
      directory: cString(value.subarray(o, o + 9)),
      name: cString(value.subarray(o + 9, o + 18)),
      doId: u32le(value, o + 20),
      efId: u32le(value, o + 24),
    });
  }
  return { version: value[0]!, records };
}

/**
 * Finds a file by directory and name (root files have directory ""). Returns undefined when absent;
 * throws `card/bad-data` when the ids do not fit a GIDS EF (16 bit) / DO tag (16 bit).
 */
export function findMasterfileEntry(
  records: readonly MasterfileRecord[],
  directory: string,
  name: string,
): MasterfileRecord | undefined {
  const r = records.find((x) => x.directory === directory && x.name === name);
  if (r && (r.efId > 0xffff || r.doId > 0xffff)) {
    throw new CardError('card/bad-data', `Masterfile entry ${name} has out-of-range ids`, {
      efId: r.efId,
      doId: r.doId,
    });
  }
  return r;
}
