/**
 * T=1 block codec (ISO/IEC 7816-3 §11.3): NAD, PCB, LEN, INF, EDC — with LRC (§11.3.5, default)
 * or CRC (when the first TC(i>2) of a T=1 group has bit 0 set). CRC-16 as libccid computes it:
 * reflected polynomial 0x8408, initial 0xFFFF, no final XOR, high byte sent first.
 */
import { CcidError } from './errors';

export type EdcKind = 'lrc' | 'crc';
type SBlockType = 'RESYNCH' | 'IFS' | 'ABORT' | 'WTX';

export type T1Block =
  | { kind: 'I'; nad: number; ns: number; more: boolean; inf: Uint8Array }
  /** error: 0 none, 1 EDC/parity error, 2 other error (§11.3.2.2). */
  | { kind: 'R'; nad: number; nr: number; error: number }
  | { kind: 'S'; nad: number; response: boolean; type: SBlockType; inf: Uint8Array };

const S_TYPES: readonly SBlockType[] = ['RESYNCH', 'IFS', 'ABORT', 'WTX'];
const EMPTY = new Uint8Array(0);

/** Longitudinal redundancy check: XOR of all bytes (ISO/IEC 7816-3 §11.3.5). */
export function lrc(bytes: Uint8Array, end = bytes.length): number {
  let x = 0;
  for (let i = 0; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** CRC-16 over `bytes[0..end)` (reflected 0x8408, init 0xFFFF, no final XOR). */
export function crc16(bytes: Uint8Array, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = 0; i < end; i++) {
    crc ^= bytes[i]!;
    for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc;
}

function pcbOf(b: T1Block): number {
  switch (b.kind) {
    case 'I':
      return ((b.ns & 1) << 6) | (b.more ? 0x20 : 0);
    case 'R':
      return 0x80 | ((b.nr & 1) << 4) | (b.error & 0x0f);
    case 'S':
      return 0xc0 | (b.response ? 0x20 : 0) | S_TYPES.indexOf(b.type);
  }
}

/** Encodes a block with its EDC (ISO/IEC 7816-3 §11.3.1). INF must be ≤ 254 bytes. */
export function encodeBlock(b: T1Block, edc: EdcKind): Uint8Array {
  const inf = b.kind === 'R' ? EMPTY : b.inf;
  if (inf.length > 254)
    throw new CcidError('ccid/t1-block', `INF of ${inf.length} bytes exceeds 254`, { length: inf.length });
  const edcLen = edc === 'crc' ? 2 : 1;
  const out = new Uint8Array(3 + inf.length + edcLen);
  out[0] = b.nad;
  out[1] = pcbOf(b);
  out[2] = inf.length;
  out.set(inf, 3);
  const end = 3 + inf.length;
  if (edc === 'crc') {
    const c = crc16(out, end);
    out[end] = c >> 8;
    out[end + 1] = c & 0xff;
  } else {
    out[end] = lrc(out, end);
  }
  return out;
}

function bad(reason: 'edc' | 'format', detail: string): never {
  throw new CcidError('ccid/t1-block', `Invalid T=1 block: ${detail}`, { reason });
}

/**
 * Decodes one T=1 block. Throws `ccid/t1-block` with `data.reason` `edc` (checksum mismatch, the
 * receiver answers R-block error 1) or `format` (length, reserved PCB or LEN 0xFF; R-block error 2).
 */
export function decodeBlock(bytes: Uint8Array, edc: EdcKind): T1Block {
  const edcLen = edc === 'crc' ? 2 : 1;
  if (bytes.length < 3 + edcLen) bad('format', `${bytes.length} bytes is shorter than a block`);
  const len = bytes[2]!;
  if (len === 0xff) bad('format', 'LEN 0xFF is reserved');
  if (bytes.length !== 3 + len + edcLen) bad('format', `LEN ${len} does not match ${bytes.length} bytes`);
  const end = 3 + len;
  const ok =
    edc === 'crc'
      ? crc16(bytes, end) === ((bytes[end]! << 8) | bytes[end + 1]!)
      : lrc(bytes, end) === bytes[end];
  if (!ok) bad('edc', 'EDC mismatch');
  const nad = bytes[0]!;
  const pcb = bytes[1]!;
  const inf = bytes.slice(3, end);
  if ((pcb & 0x80) === 0) {
    if (pcb & 0x1f) bad('format', `reserved bits set in I-block PCB 0x${pcb.toString(16)}`);
    return { kind: 'I', nad, ns: (pcb >> 6) & 1, more: (pcb & 0x20) !== 0, inf };
  }
  if ((pcb & 0xc0) === 0x80) {
    if (pcb & 0x20 || len !== 0) bad('format', `malformed R-block PCB 0x${pcb.toString(16)}`);
    return { kind: 'R', nad, nr: (pcb >> 4) & 1, error: pcb & 0x0f };
  }
  const t = pcb & 0x1f;
  if (t > 3) bad('format', `unknown S-block 0x${pcb.toString(16)}`);
  const type = S_TYPES[t]!;
  const wantLen = type === 'IFS' || type === 'WTX' ? 1 : 0;
  if (len !== wantLen) bad('format', `S(${type}) with ${len} INF bytes`);
  return { kind: 'S', nad, response: (pcb & 0x20) !== 0, type, inf };
}
