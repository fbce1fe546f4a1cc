/**
 * APDU-level exchanges (CCID 1.1 §6.1.4): short APDU — one XfrBlock each way; extended APDU —
 * command and response split across XfrBlocks by wLevelParameter / bChainParameter
 * (0 begins and ends, 1 begins, 3 continues, 2 ends, 0x10 "send the next part").
 */
import { TransportError } from '../errors';
import { protocolError } from './errors';
import type { ReaderMessage } from './messages';
import { concatBytes } from '@noble/ciphers/utils.js';

export interface XfrIo {
  /** One PC_to_RDR_XfrBlock → checked RDR_to_PC_DataBlock. */
  xfr(data: Uint8Array, bwi: number, levelParameter: number, signal?: AbortSignal): Promise<ReaderMessage>;
  /** dwMaxCCIDMessageLength − 10: the most abData one message may carry. */
  readonly maxData: number;
}

/** Short-APDU level: the APDU must fit one message (≤ 261 bytes: 5 + 255 + 1). */
export async function transmitShortApdu(
  io: XfrIo,
  apdu: Uint8Array,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (apdu.length > Math.min(io.maxData, 261)) {
    throw new TransportError(
      'transport/not-supported',
      `A short-APDU reader cannot carry a ${apdu.length}-byte command`,
      {
        length: apdu.length,
      },
    );
  }
  return (await io.xfr(apdu, 0, 0, signal)).data.slice();
}

/** Largest extended response + SW (65536 + 2); bounds the chaining loop. */
const MAX_RESPONSE = 65538;

/** Extended-APDU level with chaining both ways. */
export async function transmitExtendedApdu(
  io: XfrIo,
  apdu: Uint8Array,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const room = io.maxData;
  let r: ReaderMessage;
  if (apdu.length <= room) {
    r = await io.xfr(apdu, 0, 0x0000, signal);
  } else {
    let off = 0;
    for (;;) {
      const end = Math.min(apdu.length, off + room);
      const level = off === 0 ? 0x0001 : end < apdu.length ? 0x0003 : 0x0002;
      r = await io.xfr(apdu.subarray(off, end), 0, level, signal);
      off = end;
      if (off >= apdu.length) break;
      if (r.b9 !== 0x10)
        throw protocolError(
          `reader answered chain part with bChainParameter 0x${r.b9.toString(16)} instead of 0x10`,
        );
    }
  }
  const parts: Uint8Array[] = [r.data.slice()];
  let total = r.data.length;
  while (r.b9 === 0x01 || r.b9 === 0x03) {
    if (total > MAX_RESPONSE) throw protocolError(`chained response exceeds ${MAX_RESPONSE} bytes`);
    r = await io.xfr(new Uint8Array(0), 0, 0x0010, signal);
    parts.push(r.data.slice());
    total += r.data.length;
  }
  if (r.b9 !== 0x00 && r.b9 !== 0x02)
    throw protocolError(`unexpected bChainParameter 0x${r.b9.toString(16)}`);
  return parts.length === 1 ? parts[0]! : concatBytes(...parts);
}
