/**
 * Command and response APDU encoding (ISO/IEC 7816-4:2005 §5.1 "Command-response pairs",
 * table 1 cases 1, 2S, 3S, 4S, 2E, 3E, 4E; case decoding as in ISO/IEC 7816-3:2006 §12.1.3).
 *
 * Le is given as Ne, the number of bytes expected: `le: undefined` = no Le field, `256` = short
 * `00`, `65536` = extended `00 00`. `le: 0` is rejected rather than guessed at.
 */
import { AppError } from '../errors';
import type { ApduErrorCode } from '../error-codes';

/** Malformed APDU or exchange failure. Codes listed where thrown; all start with `apdu/`. */
export class ApduError extends AppError<ApduErrorCode> {}

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Nc = length); absent or empty means no Lc field. */
  data?: Uint8Array;
  /** Ne, bytes expected: 1..65536; undefined = no Le field. */
  le?: number;
  /** Force extended length fields even when short ones would do. */
  extended?: boolean;
}

export type ApduCase = '1' | '2S' | '3S' | '4S' | '2E' | '3E' | '4E';

export interface ResponseApdu {
  data: Uint8Array;
  /** SW1 << 8 | SW2. */
  sw: number;
  sw1: number;
  sw2: number;
}

function checkByte(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) {
    throw new ApduError('apdu/invalid-header', `${name} must be a byte, got ${v}`, { field: name });
  }
}

/** Encodes a command APDU (ISO/IEC 7816-4 §5.1, table 1). Throws `apdu/invalid-header|invalid-lc|invalid-le`. */
export function encodeCommand(cmd: CommandApdu): Uint8Array {
  checkByte('CLA', cmd.cla);
  checkByte('INS', cmd.ins);
  checkByte('P1', cmd.p1);
  checkByte('P2', cmd.p2);
  const nc = cmd.data?.length ?? 0;
  const ne = cmd.le;
  if (nc > 65535) throw new ApduError('apdu/invalid-lc', `Command data of ${nc} bytes exceeds 65535`, { nc });
  if (ne !== undefined && (!Number.isInteger(ne) || ne < 1 || ne > 65536)) {
    throw new ApduError('apdu/invalid-le', `Le (Ne) must be 1..65536 or undefined for none, got ${ne}`, {
      ne,
    });
  }
  const needsExtended = nc > 255 || (ne ?? 0) > 256;
  if (needsExtended && cmd.extended === false) {
    throw new ApduError('apdu/needs-extended', 'Nc > 255 or Ne > 256 needs extended length', { nc, ne });
  }
  const ext = needsExtended || cmd.extended === true;
  const lc: number[] = nc === 0 ? [] : ext ? [0x00, nc >> 8, nc & 0xff] : [nc];
  let le: number[] = [];
  if (ne !== undefined && !ext) le = [ne & 0xff]; // 256 → 00
  // Extended Le: 65536 → 00 00; in case 2E a leading 00 (no Lc) marks the extended form.
  if (ne !== undefined && ext)
    le = nc === 0 ? [0x00, (ne >> 8) & 0xff, ne & 0xff] : [(ne >> 8) & 0xff, ne & 0xff];
  const out = new Uint8Array(4 + lc.length + nc + le.length);
  out.set([cmd.cla, cmd.ins, cmd.p1, cmd.p2, ...lc]);
  if (nc > 0) out.set(cmd.data!, 4 + lc.length);
  out.set(le, 4 + lc.length + nc);
  return out;
}

/**
 * Decodes a command APDU and names its case (ISO/IEC 7816-3 §12.1.3). Throws `apdu/too-short` below
 * four bytes and `apdu/invalid-length` when the body fits no case.
 */
export function decodeCommand(bytes: Uint8Array): CommandApdu & { case: ApduCase } {
  if (bytes.length < 4)
    throw new ApduError('apdu/too-short', `Command APDU of ${bytes.length} bytes (minimum 4)`);
  const head = { cla: bytes[0]!, ins: bytes[1]!, p1: bytes[2]!, p2: bytes[3]! };
  const l = bytes.length - 4;
  if (l === 0) return { ...head, case: '1' };
  const b1 = bytes[4]!;
  if (l === 1) return { ...head, le: b1 || 256, case: '2S' };
  if (b1 !== 0) {
    const data = bytes.slice(5, 5 + b1);
    if (l === 1 + b1) return { ...head, data, case: '3S' };
    if (l === 2 + b1) return { ...head, data, le: bytes[5 + b1]! || 256, case: '4S' };
  } else if (l === 3) {
    return { ...head, le: (bytes[5]! << 8) | bytes[6]! || 65536, extended: true, case: '2E' };
  } else if (l > 3) {
    const nc = (bytes[5]! << 8) | bytes[6]!;
    if (nc !== 0) {
      const data = bytes.slice(7, 7 + nc);
      if (l === 3 + nc) return { ...head, data, extended: true, case: '3E' };
      if (l === 5 + nc) {
        const ne = (bytes[7 + nc]! << 8) | bytes[8 + nc]! || 65536;
        return { ...head, data, le: ne, extended: true, case: '4E' };
      }
    }
  }
  throw new ApduError(
    'apdu/invalid-length',
    `Command APDU body of ${l} bytes fits no case of ISO 7816-3 §12.1.3`,
    {
      length: bytes.length,
    },
  );
}

/** Splits a response APDU into data and SW1 SW2 (ISO/IEC 7816-4 §5.1). Throws `apdu/response-too-short`. */
export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) {
    throw new ApduError('apdu/response-too-short', `Response of ${bytes.length} bytes has no SW1 SW2`, {
      length: bytes.length,
    });
  }
  const sw1 = bytes[bytes.length - 2]!;
  const sw2 = bytes[bytes.length - 1]!;
  return { data: bytes.slice(0, bytes.length - 2), sw: (sw1 << 8) | sw2, sw1, sw2 };
}
