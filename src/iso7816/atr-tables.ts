/**
 * Tables and historical-byte decoding for the ATR (ISO/IEC 7816-3:2006 §8.3 tables 7 and 8;
 * ISO/IEC 7816-4:2005 §8.1.1 historical bytes, table 83 COMPACT-TLV tags).
 */
import { describeThrown } from '../errors';
import { parseCompactTlv } from './tlv';
import type { CompactTlv } from './tlv';

/** Fi by FI (ISO 7816-3 table 7); undefined = RFU. */
export const FI_TABLE: ReadonlyArray<number | undefined> = [
  372,
  372,
  558,
  744,
  1116,
  1488,
  1860,
  undefined,
  undefined,
  512,
  768,
  1024,
  1536,
  2048,
  undefined,
  undefined,
];

/** f(max) in MHz by FI (ISO 7816-3 table 7); undefined = RFU. */
export const FMAX_TABLE: ReadonlyArray<number | undefined> = [
  4,
  5,
  6,
  8,
  12,
  16,
  20,
  undefined,
  undefined,
  5,
  7.5,
  10,
  15,
  20,
  undefined,
  undefined,
];

/** Di by DI (ISO 7816-3 table 8); undefined = RFU. */
export const DI_TABLE: ReadonlyArray<number | undefined> = [
  undefined,
  1,
  2,
  4,
  8,
  16,
  32,
  64,
  12,
  20,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
];

/** COMPACT-TLV tag names in historical bytes (ISO 7816-4 §8.1.1.2, table 83). */
export const COMPACT_TAG_NAMES: Readonly<Record<number, string>> = {
  0x1: 'country code',
  0x2: 'issuer identification number',
  0x3: 'card service data',
  0x4: 'initial access data',
  0x5: "card issuer's data",
  0x6: 'pre-issuing data',
  0x7: 'card capabilities',
  0x8: 'status indicator',
  0xf: 'application identifier',
};

/** Status indicator (ISO 7816-4 §8.1.1.3): life cycle status byte and/or SW1 SW2. */
export interface StatusIndicator {
  lcs?: number;
  sw?: number;
}

/** Decoded historical bytes; `objects` is empty when the category is proprietary or broken. */
export interface HistoricalInfo {
  /** Category indicator byte, or undefined when there are no historical bytes. */
  category?: number;
  /** `compact-tlv` for categories 00 and 80, `dir-reference` for 10, `proprietary` otherwise. */
  format: 'none' | 'compact-tlv' | 'dir-reference' | 'proprietary';
  objects: CompactTlv[];
  status?: StatusIndicator;
  /** Category 10: the DIR data reference byte. */
  dirReference?: number;
  /** Tag F: application identifier (e.g. GIDS AID on a TPM virtual smart card). */
  aid?: Uint8Array;
  /** Tag 7: card capabilities (selection methods, data coding, chaining / extended Lc-Le / channels). */
  capabilities?: Uint8Array;
  /** Set when the COMPACT-TLV could not be read; the raw bytes stay in `Atr.historical`. */
  error?: string;
}

function status(v: Uint8Array): StatusIndicator | undefined {
  if (v.length === 1) return { lcs: v[0]! };
  if (v.length === 2) return { sw: (v[0]! << 8) | v[1]! };
  if (v.length === 3) return { lcs: v[0]!, sw: (v[1]! << 8) | v[2]! };
  return undefined;
}

/**
 * Decodes historical bytes by their category indicator (ISO 7816-4 §8.1.1.1): `80` COMPACT-TLV
 * (status indicator optional, as tag 8), `00` COMPACT-TLV then a mandatory 3-byte status indicator,
 * `10` DIR data reference. Never throws: a broken COMPACT-TLV sets `error`.
 */
export function decodeHistorical(h: Uint8Array): HistoricalInfo {
  if (h.length === 0) return { format: 'none', objects: [] };
  const category = h[0]!;
  if (category === 0x10) {
    return {
      category,
      format: 'dir-reference',
      objects: [],
      ...(h.length > 1 ? { dirReference: h[1]! } : {}),
    };
  }
  if (category !== 0x00 && category !== 0x80) return { category, format: 'proprietary', objects: [] };
  const info: HistoricalInfo = { category, format: 'compact-tlv', objects: [] };
  let body = h.subarray(1);
  if (category === 0x00) {
    if (body.length < 3) return { ...info, error: 'category 00 needs a 3-byte status indicator at the end' };
    info.status = status(body.subarray(body.length - 3));
    body = body.subarray(0, body.length - 3);
  }
  try {
    info.objects = parseCompactTlv(body);
  } catch (e) {
    return { ...info, error: describeThrown(e) };
  }
  for (const o of info.objects) {
    if (o.tag === 0xf) info.aid = o.value;
    else if (o.tag === 0x7) info.capabilities = o.value;
    else if (o.tag === 0x8 && info.status === undefined) info.status = status(o.value);
  }
  return info;
}
