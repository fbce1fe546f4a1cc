/**
 * Card-side T=1 block framing for the virtual reader (ISO/IEC 7816-3 §11.3). Written separately
 * from the host codec in `ccid/t1-block.ts` on purpose: the simulator is the test oracle for the
 * host driver, and two independent readings of §11.3 catch what one shared helper would hide.
 */
export type Edc = 'lrc' | 'crc';

interface Frame {
  nad: number;
  pcb: number;
  inf: Uint8Array;
}

function edcOf(bytes: Uint8Array, kind: Edc): number[] {
  if (kind === 'lrc') return [bytes.reduce((a, b) => a ^ b, 0)];
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (crc & 1 ? 0x8408 : 0);
  }
  return [crc >> 8, crc & 0xff];
}

/** NAD PCB LEN INF EDC. */
export function frame(pcb: number, inf: Uint8Array, kind: Edc, nad = 0): Uint8Array {
  const body = Uint8Array.of(nad, pcb, inf.length, ...inf);
  return Uint8Array.of(...body, ...edcOf(body, kind));
}

/** Parses a block; `'edc'` or `'format'` when it is broken (the card then answers an R-block error). */
export function unframe(bytes: Uint8Array, kind: Edc): Frame | 'edc' | 'format' {
  const e = kind === 'crc' ? 2 : 1;
  if (bytes.length < 3 + e || bytes[2] === 0xff || bytes.length !== 3 + bytes[2]! + e) return 'format';
  const body = bytes.subarray(0, bytes.length - e);
  const want = edcOf(body, kind);
  for (let i = 0; i < e; i++) if (bytes[body.length + i] !== want[i]) return 'edc';
  return { nad: bytes[0]!, pcb: bytes[1]!, inf: bytes.slice(3, 3 + bytes[2]!) };
}
