/**
 * Answer-to-reset parser (ISO/IEC 7816-3:2006 §8.1–8.3; historical bytes ISO/IEC 7816-4 §8.1.1).
 *
 * Real cards send broken ATRs: a missing or wrong TCK, trailing bytes, fewer historical bytes than
 * T0 announces. Those become `findings` on the result and parsing goes on. Only input that cannot
 * be read at all throws {@link AtrError}: `atr/empty`, `atr/invalid-ts` (TS neither 3B nor 3F),
 * `atr/truncated` (ends before T0 or inside an interface-byte group).
 */
import { AppError } from '../errors';
import type { AtrErrorCode } from '../error-codes';
import { DI_TABLE, FI_TABLE, FMAX_TABLE, decodeHistorical } from './atr-tables';
import type { HistoricalInfo } from './atr-tables';
import { toHex } from './hex';

export { describeAtr } from './atr-describe';
export type { HistoricalInfo, StatusIndicator } from './atr-tables';

/** An ATR that cannot be read at all. Codes: `atr/empty`, `atr/invalid-ts`, `atr/truncated`. */
export class AtrError extends AppError<AtrErrorCode> {}

/** Interface bytes of group i (TAi, TBi, TCi, TDi), i counted from 1. */
interface InterfaceGroup {
  index: number;
  ta?: number;
  tb?: number;
  tc?: number;
  td?: number;
}

/** A non-fatal defect. Codes: `atr/tck-missing`, `atr/tck-invalid`, `atr/tck-unexpected`,
 * `atr/historical-short`, `atr/trailing-bytes`, `atr/too-long`, `atr/ta1-rfu`, `atr/td1-t15`,
 * `atr/wi-rfu`, `atr/ifsc-rfu`, `atr/bwi-rfu`, `atr/historical-tlv`. */
interface AtrFinding {
  code: string;
  message: string;
}

export interface Atr {
  /** The bytes as received, untouched (send these to the server, never a "fixed" copy). */
  bytes: Uint8Array;
  convention: 'direct' | 'inverse';
  t0: number;
  interfaceGroups: InterfaceGroup[];
  /** Offered protocols in order of TD1, TD2, …; `[0]` when TD1 is absent. T=15 is not a protocol. */
  protocols: number[];
  /** Raw TA1 (FI<<4 | DI) for PPS / CCID SetParameters bmFindexDindex. */
  ta1?: number;
  tc1?: number;
  /** Raw TA2, the specific mode byte. */
  ta2?: number;
  fi: number;
  di: number;
  /** f(max) in MHz. */
  fmax: number;
  /** TA2 present: the card runs in specific mode with `specificProtocol`. */
  specificMode: boolean;
  specificProtocol?: number;
  /** TA2 bit 5: use implicit (default) Fi/Di instead of TA1. */
  specificImplicit?: boolean;
  /** Extra guard time N from TC1 (default 0; 255 = minimum guard time). */
  n: number;
  /** T=0 waiting integer WI from TC2 (default 10). */
  wi: number;
  /** T=1 parameters from the first TAi/TBi/TCi (i > 2) after a TD(i-1) announcing T=1 (§11.4). */
  t1: { ifsc: number; cwi: number; bwi: number; edc: 'lrc' | 'crc' };
  /** Global bytes after T=15 (§8.3): clock stop indicator and class indicator of the first TA. */
  global: {
    ta?: number;
    tb?: number;
    clockStop?: 'not-supported' | 'state-l' | 'state-h' | 'no-preference';
    classes?: ('A' | 'B' | 'C')[];
  };
  historical: Uint8Array;
  historicalInfo: HistoricalInfo;
  tck: { present: boolean; required: boolean; valid: boolean; value?: number };
  findings: AtrFinding[];
}

/** Maximum ATR length, TS plus 32 bytes (ISO 7816-3 §8.2.1). */
const MAX_ATR_LENGTH = 33;

/** Lower-case hex without separators, the MIM CM `atr` form (`3b8d0180fba0…c8`). */
export function formatAtr(bytes: Uint8Array): string {
  return toHex(bytes);
}

function readGroups(b: Uint8Array): { groups: InterfaceGroup[]; end: number } {
  const groups: InterfaceGroup[] = [];
  let y = b[1]! >> 4;
  let p = 2;
  // Terminates: every further group needs a TD byte, and each byte read advances p.
  for (let i = 1; ; i++) {
    const g: InterfaceGroup = { index: i };
    for (const [bit, key] of [
      [1, 'ta'],
      [2, 'tb'],
      [4, 'tc'],
      [8, 'td'],
    ] as const) {
      if ((y & bit) === 0) continue;
      if (p >= b.length) {
        throw new AtrError('atr/truncated', `ATR ends inside interface group ${i}`, {
          group: i,
          length: b.length,
        });
      }
      g[key] = b[p++]!;
    }
    groups.push(g);
    if (g.td === undefined || g.td >> 4 === 0) return { groups, end: p };
    y = g.td >> 4;
  }
}

/** First TA/TB/TC of a group i > 2 whose preceding TD(i-1) announces protocol `t` (§8.3, §11.4). */
function specificBytes(groups: InterfaceGroup[], t: number): { ta?: number; tb?: number; tc?: number } {
  const out: { ta?: number; tb?: number; tc?: number } = {};
  for (let k = 2; k < groups.length; k++) {
    const prevTd = groups[k - 1]!.td;
    if (prevTd === undefined || (prevTd & 0x0f) !== t) continue;
    const g = groups[k]!;
    out.ta ??= g.ta;
    out.tb ??= g.tb;
    out.tc ??= g.tc;
  }
  return out;
}

/** Parses an ATR (ISO/IEC 7816-3 §8). Throws {@link AtrError} only when the structure is unreadable. */
export function parseAtr(bytes: Uint8Array): Atr {
  if (bytes.length === 0) throw new AtrError('atr/empty', 'Empty ATR');
  const ts = bytes[0]!;
  if (ts !== 0x3b && ts !== 0x3f) {
    throw new AtrError('atr/invalid-ts', `TS ${toHex(bytes.subarray(0, 1))} is neither 3B nor 3F`, { ts });
  }
  if (bytes.length < 2) throw new AtrError('atr/truncated', 'ATR ends before T0', { length: 1 });
  const findings: AtrFinding[] = [];
  const note = (code: string, message: string): void => void findings.push({ code, message });
  const t0 = bytes[1]!;
  const { groups, end } = readGroups(bytes);
  const g1 = groups[0]!;
  const g2 = groups[1];

  const tds = groups.flatMap((g) => (g.td === undefined ? [] : [g.td & 0x0f]));
  if (tds[0] === 15) note('atr/td1-t15', 'TD1 announces T=15, which ISO 7816-3 §8.2.3 forbids');
  const offered = [...new Set(tds.filter((t) => t !== 15))];
  const protocols = offered.length > 0 ? offered : [0];

  // TCK (§8.2.5): absent when only T=0 is indicated, present in every other case.
  const required = tds.some((t) => t !== 0);
  const k = t0 & 0x0f;
  const tck: Atr['tck'] = { present: false, required, valid: false };
  let historical: Uint8Array;
  if (bytes.length - end < k) {
    historical = bytes.slice(end);
    note('atr/historical-short', `T0 announces ${k} historical bytes, only ${historical.length} present`);
  } else {
    historical = bytes.slice(end, end + k);
    const after = end + k;
    let xor = 0;
    for (let i = 1; i <= after && i < bytes.length; i++) xor ^= bytes[i]!;
    if (after >= bytes.length) {
      if (required)
        note('atr/tck-missing', 'TCK is required (a protocol other than T=0 is indicated) but absent');
    } else if (required || xor === 0) {
      Object.assign(tck, { present: true, valid: xor === 0, value: bytes[after]! });
      if (!required) note('atr/tck-unexpected', 'TCK present although only T=0 is indicated');
      if (xor !== 0) {
        const want = (xor ^ bytes[after]!).toString(16).padStart(2, '0');
        note('atr/tck-invalid', `TCK ${toHex(bytes.subarray(after, after + 1))} is wrong, expected ${want}`);
      }
    }
    const extra = bytes.length - after - (tck.present ? 1 : 0);
    if (extra > 0) note('atr/trailing-bytes', `${extra} byte(s) after the end of the ATR`);
  }
  if (bytes.length > MAX_ATR_LENGTH)
    note('atr/too-long', `ATR of ${bytes.length} bytes exceeds ${MAX_ATR_LENGTH}`);

  // Fi, Di, f(max) from TA1 (§8.3 tables 7 and 8); defaults Fi=372, Di=1, f(max)=5 MHz.
  let fi = 372;
  let di = 1;
  let fmax = 5;
  if (g1.ta !== undefined) {
    const F = FI_TABLE[g1.ta >> 4];
    const D = DI_TABLE[g1.ta & 0x0f];
    if (F === undefined || D === undefined)
      note('atr/ta1-rfu', `TA1 ${g1.ta.toString(16)} holds an RFU value; defaults used`);
    else [fi, di, fmax] = [F, D, FMAX_TABLE[g1.ta >> 4]!];
  }

  let wi = 10;
  if (g2?.tc !== undefined) {
    if (g2.tc === 0) note('atr/wi-rfu', 'TC2 = 00 is RFU; WI 10 used');
    else wi = g2.tc;
  }

  const t1b = specificBytes(groups, 1);
  const t1: Atr['t1'] = { ifsc: 32, cwi: 13, bwi: 4, edc: 'lrc' };
  if (t1b.ta !== undefined) {
    if (t1b.ta === 0x00 || t1b.ta === 0xff) note('atr/ifsc-rfu', `IFSC ${t1b.ta} is RFU; 32 used`);
    else t1.ifsc = t1b.ta;
  }
  if (t1b.tb !== undefined) {
    t1.cwi = t1b.tb & 0x0f;
    if (t1b.tb >> 4 > 9) note('atr/bwi-rfu', `BWI ${t1b.tb >> 4} is RFU; 4 used`);
    else t1.bwi = t1b.tb >> 4;
  }
  if (t1b.tc !== undefined) t1.edc = (t1b.tc & 1) === 1 ? 'crc' : 'lrc';

  const gb = specificBytes(groups, 15);
  const global: Atr['global'] = {};
  if (gb.ta !== undefined) {
    global.ta = gb.ta;
    global.clockStop = (['not-supported', 'state-l', 'state-h', 'no-preference'] as const)[gb.ta >> 6];
    global.classes = (['A', 'B', 'C'] as const).filter((_, i) => (gb.ta! >> i) & 1);
  }
  if (gb.tb !== undefined) global.tb = gb.tb;

  const historicalInfo = decodeHistorical(historical);
  if (historicalInfo.error) note('atr/historical-tlv', `Historical bytes: ${historicalInfo.error}`);

  return {
    bytes: bytes.slice(),
    convention: ts === 0x3b ? 'direct' : 'inverse',
    t0,
    interfaceGroups: groups,
    protocols,
    ...(g1.ta !== undefined ? { ta1: g1.ta } : {}),
    ...(g1.tc !== undefined ? { tc1: g1.tc } : {}),
    ...(g2?.ta !== undefined
      ? { ta2: g2.ta, specificProtocol: g2.ta & 0x0f, specificImplicit: (g2.ta & 0x10) !== 0 }
      : {}),
    fi,
    di,
    fmax,
    specificMode: g2?.ta !== undefined,
    n: g1.tc ?? 0,
    wi,
    t1,
    global,
    historical,
    historicalInfo,
    tck,
    findings,
  };
}
