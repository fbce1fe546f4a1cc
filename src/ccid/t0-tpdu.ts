/**
 * T=0 at TPDU level: the host shapes TPDUs, the reader runs the procedure bytes (ISO/IEC 7816-3
 * §12.2 "transport of APDUs by T=0"; docs/ccid-t1.md "Exchange levels").
 *
 * - Case 1 → `CLA INS P1 P2 00`; case 3 → `… Lc data`.
 * - Case 2 → P3 = Le; `6Cxx` → same header with P3 = xx; `61xx` → GET RESPONSE.
 * - Case 4 → sent as case 3; `61xx` → GET RESPONSE with P3 = min(Ne, xx), a `6Cxx` to that → again
 *   with xx. What the card then says (data with 9000, or 61yy for more) goes to the caller, whose
 *   `transmitApdu` continues, as with any PC/SC T=0 reader.
 * - Extended commands (Nc > 255 or Ne > 256) → ENVELOPE (INS C2) pieces of 255 bytes, closed by a
 *   shorter piece or an empty ENVELOPE; the response is then collected through GET RESPONSE.
 */
import { decodeCommand } from '../iso7816/apdu';
import { CcidError } from './errors';

type TpduIo = (tpdu: Uint8Array, signal?: AbortSignal) => Promise<Uint8Array>;

/** GET RESPONSE / ENVELOPE class: the command's logical channel only (ISO/IEC 7816-4 §5.1.1). */
function interindustryCla(cla: number): number {
  if ((cla & 0xe0) === 0x00) return cla & 0x03;
  if ((cla & 0xc0) === 0x40) return cla & 0x4f;
  return 0x00;
}

const sw1 = (r: Uint8Array): number => r[r.length - 2] ?? -1;
const sw2 = (r: Uint8Array): number => r[r.length - 1] ?? -1;

/** Why 3: a correct card needs one re-send after 6Cxx; more means it is confused. */
const MAX_WRONG_LE = 3;
/** Why 258: 65536 bytes / 255 per GET RESPONSE, plus slack; bounds the collection loop. */
const MAX_GET_RESPONSE = 258;

async function getResponse(io: TpduIo, cla: number, xx: number, signal?: AbortSignal): Promise<Uint8Array> {
  let le = xx;
  for (let i = 0; i < MAX_WRONG_LE; i++) {
    const r = await io(Uint8Array.of(cla, 0xc0, 0x00, 0x00, le), signal);
    if (sw1(r) !== 0x6c) return r;
    le = sw2(r);
  }
  throw new CcidError('ccid/t0', 'Card keeps answering 6Cxx to GET RESPONSE');
}

/** Transmits one APDU over T=0 TPDUs and returns the response APDU. */
export async function transmitT0(io: TpduIo, apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
  const c = decodeCommand(apdu);
  const cla = interindustryCla(c.cla);
  const head = [c.cla, c.ins, c.p1, c.p2];
  if (c.case.endsWith('E')) return envelope(io, apdu, cla, signal);
  if (c.case === '1') return io(Uint8Array.of(...head, 0), signal);
  if (c.case === '3S' || c.case === '4S') {
    const r = await io(Uint8Array.of(...head, c.data!.length, ...c.data!), signal);
    if (c.case === '4S' && sw1(r) === 0x61)
      return getResponse(io, cla, Math.min(c.le! & 0xff || 256, sw2(r) || 256) & 0xff, signal);
    return r;
  }
  // Case 2S
  let p3 = c.le! & 0xff;
  for (let i = 0; i < MAX_WRONG_LE; i++) {
    const r = await io(Uint8Array.of(...head, p3), signal);
    if (sw1(r) === 0x6c) {
      p3 = sw2(r);
      continue;
    }
    if (sw1(r) === 0x61 && r.length === 2) return getResponse(io, cla, sw2(r), signal);
    return r;
  }
  throw new CcidError('ccid/t0', 'Card keeps answering 6Cxx');
}

async function envelope(
  io: TpduIo,
  apdu: Uint8Array,
  cla: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  let r: Uint8Array = new Uint8Array(0);
  let off = 0;
  do {
    const piece = apdu.subarray(off, off + 255);
    r = await io(Uint8Array.of(cla, 0xc2, 0x00, 0x00, piece.length, ...piece), signal);
    off += piece.length;
    if (off < apdu.length && !(sw1(r) === 0x90 && sw2(r) === 0x00)) return r;
    if (off >= apdu.length && piece.length === 255)
      r = await io(Uint8Array.of(cla, 0xc2, 0x00, 0x00, 0x00), signal);
  } while (off < apdu.length);
  const parts: number[] = [];
  for (let j = 0; j < r.length - 2; j++) parts.push(r[j]!);
  for (let i = 0; i < MAX_GET_RESPONSE && sw1(r) === 0x61; i++) {
    r = await getResponse(io, cla, sw2(r), signal);
    for (let j = 0; j < r.length - 2; j++) parts.push(r[j]!);
  }
  if (sw1(r) === 0x61) throw new CcidError('ccid/t0', 'GET RESPONSE did not end');
  return Uint8Array.from([...parts, sw1(r), sw2(r)]);
}
