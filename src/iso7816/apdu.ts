/**
 * Command/response APDUs (ISO/IEC 7816-4 §5.1): the codec lives in `apdu-codec` and is re-exported
 * here; this file holds the PC/SC-level exchange rules every transport needs on top of one raw `transmit`
 * (ISO/IEC 7816-4:2005 §5.1.1.1 command chaining, §5.1.3 SW1 = 61 and 6C, §7.6.1 GET RESPONSE;
 * ISO/IEC 7816-3:2006 §12.2 transport of APDUs by T=0).
 *
 * - `61xx`: GET RESPONSE with Le = xx (00 = 256) until the card stops saying 61, data concatenated.
 * - `6Cxx`: the same command again with Le = xx.
 * - Nc > 255 on a transport without extended length: command chaining, CLA bit 0x10 on all but
 *   the last segment; a segment answered with anything but 9000 ends the exchange.
 * - Ne > 256 without extended length: sent as Le = 00 (256) and completed through 61xx.
 * Every loop is bounded; `signal` is checked before each transmission and passed down.
 */
import { throwIfAborted } from '../errors';
import { ApduError, decodeCommand, encodeCommand, parseResponse } from './apdu-codec';
import type { CommandApdu, ResponseApdu } from './apdu-codec';
import { concatBytes } from '@noble/ciphers/utils.js';

export { ApduError, decodeCommand, encodeCommand, parseResponse } from './apdu-codec';
export type { ApduCase, CommandApdu, ResponseApdu } from './apdu-codec';

/** What `transmitApdu` needs from a connection; `CardConnection` (transport/types) satisfies it. */
export interface ApduTransport {
  transmit(command: Uint8Array, opts?: { signal?: AbortSignal }): Promise<Uint8Array>;
  readonly extendedLength?: boolean;
}

interface TransmitApduOptions {
  signal?: AbortSignal;
  /**
   * Most GET RESPONSE rounds per command. Why 128: 128 × 256 bytes = 32 KiB, above any certificate or
   * data object a GIDS/PIV card holds, yet a card that answers 61xx forever fails fast.
   */
  maxGetResponse?: number;
  /** Most re-sends after `6Cxx`. Why 3: a correct card needs one; more means it is confused. */
  maxWrongLeRetries?: number;
}

/** GET RESPONSE class byte: the command's logical channel, no chaining or SM bits (ISO 7816-4 §5.1.1). */
function getResponseCla(cla: number): number {
  if ((cla & 0xe0) === 0x00) return cla & 0x03; // first interindustry: channel in b2..b1
  if ((cla & 0xc0) === 0x40) return cla & 0x4f; // further interindustry: channel in b4..b1
  return 0x00; // proprietary classes (80, A0, …): GET RESPONSE is interindustry 00 C0
}

/**
 * Sends one command APDU and returns the complete response after applying the exchange rules above.
 * Throws `apdu/get-response-limit` or `apdu/wrong-le-limit` when a card loops, `apdu/chain-unexpected-sw`
 * when it answers 61xx/6Cxx to an intermediate chain link, `aborted` on abort,
 * and whatever the transport throws.
 */
export async function transmitApdu(
  connection: ApduTransport,
  command: CommandApdu | Uint8Array,
  options: TransmitApduOptions = {},
): Promise<ResponseApdu> {
  const { signal } = options;
  const maxGet = options.maxGetResponse ?? 128;
  const maxWrongLe = options.maxWrongLeRetries ?? 3;
  const cmd: CommandApdu = command instanceof Uint8Array ? decodeCommand(command) : { ...command };
  const ext = connection.extendedLength === true;

  const send = async (c: CommandApdu): Promise<ResponseApdu> => {
    throwIfAborted(signal);
    const encoded = encodeCommand(c);
    let raw: Uint8Array;
    try {
      raw = await connection.transmit(encoded, { signal });
    } finally {
      // The encode boundary: this copy may hold a PIN, PUK or key (VERIFY, CHANGE REFERENCE DATA,
      // PUT DATA of a key). Transports copy what they send before `transmit` settles (WebIDL
      // BufferSource, WebUSB transferOut), so it is ours to wipe once the exchange is over.
      encoded.fill(0);
    }
    throwIfAborted(signal);
    return parseResponse(raw);
  };

  let last: CommandApdu = cmd;
  if (!ext) {
    // Why: without extended length the short form is all the transport can carry; 61xx brings the rest.
    if ((last.le ?? 0) > 256) last = { ...last, le: 256 };
    last = { ...last, extended: false };
    const data = cmd.data ?? new Uint8Array(0);
    if (data.length > 255) {
      for (let off = 0; off + 255 < data.length; off += 255) {
        const seg = {
          cla: cmd.cla | 0x10,
          ins: cmd.ins,
          p1: cmd.p1,
          p2: cmd.p2,
          data: data.subarray(off, off + 255),
        };
        const r = await send(seg);
        if (r.sw1 === 0x61 || r.sw1 === 0x6c) {
          // Intermediate chain links carry no Le, so 61xx/6Cxx here is a card protocol error.
          throw new ApduError('apdu/chain-unexpected-sw', 'Card answered 61xx/6Cxx inside a command chain', {
            sw: r.sw,
          });
        }
        if (r.sw !== 0x9000) return r; // the card refused the chain (e.g. 6884); the caller's status check reports it
      }
      last = { ...last, data: data.subarray(Math.floor((data.length - 1) / 255) * 255) };
    }
  }

  let resp = await send(last);
  for (let tries = 0; resp.sw1 === 0x6c; tries++) {
    if (tries >= maxWrongLe) {
      throw new ApduError('apdu/wrong-le-limit', `Card kept answering 6Cxx after ${maxWrongLe} re-sends`, {
        sw: resp.sw,
      });
    }
    last = { ...last, le: resp.sw2 || 256 };
    resp = await send(last);
  }

  const parts: Uint8Array[] = [];
  const grCla = getResponseCla(cmd.cla);
  for (let rounds = 0; resp.sw1 === 0x61; rounds++) {
    if (rounds >= maxGet) {
      throw new ApduError(
        'apdu/get-response-limit',
        `Card kept answering 61xx after ${maxGet} GET RESPONSE`,
        {
          sw: resp.sw,
        },
      );
    }
    parts.push(resp.data);
    let gr: CommandApdu = { cla: grCla, ins: 0xc0, p1: 0, p2: 0, le: resp.sw2 || 256 };
    resp = await send(gr);
    for (let tries = 0; resp.sw1 === 0x6c; tries++) {
      if (tries >= maxWrongLe) {
        throw new ApduError('apdu/wrong-le-limit', `GET RESPONSE kept answering 6Cxx`, { sw: resp.sw });
      }
      gr = { ...gr, le: resp.sw2 || 256 };
      resp = await send(gr);
    }
  }
  if (parts.length === 0) return resp;
  parts.push(resp.data);
  return { ...resp, data: concatBytes(...parts) };
}
