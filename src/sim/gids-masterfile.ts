/**
 * Builds the GIDS masterfile DO value (EF A000 / DO DF1F) the virtual card serves: version byte
 * 01, then one 28-byte record per file — directory (9 bytes, NUL-padded), name (9 bytes,
 * NUL-padded), 2 padding bytes, DO id and EF id as uint32 little-endian (Windows inbox minidriver
 * GIDS profile; OpenSC `gids_mf_record_t`). The card layer's parser is the inverse.
 */
interface MasterfileEntry {
  directory: string;
  name: string;
  doId: number;
  efId: number;
}

/** Masterfile bytes for `records`; names longer than 8 characters are cut (the 9th byte is the NUL). */
export function encodeMasterfile(records: readonly MasterfileEntry[], version = 1): Uint8Array {
  const out = new Uint8Array(1 + records.length * 28);
  const view = new DataView(out.buffer);
  out[0] = version;
  records.forEach((r, i) => {
    const o = 1 + i * 28;
    for (let k = 0; k < Math.min(8, r.directory.length); k++) out[o + k] = r.directory.charCodeAt(k) & 0xff;
    for (let k = 0; k < Math.min(8, r.name.length); k++) out[o + 9 + k] = r.name.charCodeAt(k) & 0xff;
    view.setUint32(o + 20, r.doId >>> 0, true);
    view.setUint32(o + 24, r.efId >>> 0, true);
  });
  return out;
}
