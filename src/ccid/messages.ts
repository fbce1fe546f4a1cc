/**
 * CCID bulk and interrupt messages (CCID 1.1 §6.1 PC_to_RDR, §6.2 RDR_to_PC, §6.3 interrupt).
 * Header: bMessageType, dwLength (LE), bSlot, bSeq, three message-specific bytes; then abData.
 */
import { CcidError } from './errors';

const PC_TO_RDR = {
  IccPowerOn: 0x62,
  IccPowerOff: 0x63,
  GetSlotStatus: 0x65,
  XfrBlock: 0x6f,
  GetParameters: 0x6c,
  ResetParameters: 0x6d,
  SetParameters: 0x61,
  Escape: 0x6b,
  IccClock: 0x6e,
  T0APDU: 0x6a,
  Secure: 0x69,
  Mechanical: 0x71,
  Abort: 0x72,
  SetDataRateAndClockFrequency: 0x73,
} as const;

export const RDR_TO_PC = {
  DataBlock: 0x80,
  SlotStatus: 0x81,
  Parameters: 0x82,
  Escape: 0x83,
  DataRateAndClockFrequency: 0x84,
} as const;

export const INTERRUPT = { NotifySlotChange: 0x50, HardwareError: 0x51 } as const;

export const HEADER_LENGTH = 10;
const EMPTY = new Uint8Array(0);

/**
 * Encodes one PC_to_RDR message (CCID 1.1 §6.1): `type` is a {@link PC_TO_RDR} value, `b7..b9`
 * the message-specific bytes (e.g. bPowerSelect, bBWI + wLevelParameter), `data` abData.
 */
export function encodeCommand(
  type: number,
  slot: number,
  seq: number,
  b7 = 0,
  b8 = 0,
  b9 = 0,
  data: Uint8Array = EMPTY,
): Uint8Array {
  const out = new Uint8Array(HEADER_LENGTH + data.length);
  const n = data.length;
  out[0] = type;
  out[1] = n & 0xff;
  out[2] = (n >>> 8) & 0xff;
  out[3] = (n >>> 16) & 0xff;
  out[4] = (n >>> 24) & 0xff;
  out[5] = slot;
  out[6] = seq;
  out[7] = b7;
  out[8] = b8;
  out[9] = b9;
  if (n) out.set(data, HEADER_LENGTH);
  return out;
}

/** PC_to_RDR_IccPowerOn (§6.1.1); bPowerSelect 0 auto, 1 5 V, 2 3 V, 3 1.8 V. */
export const iccPowerOn = (slot: number, seq: number, powerSelect: number): Uint8Array =>
  encodeCommand(PC_TO_RDR.IccPowerOn, slot, seq, powerSelect);
/** PC_to_RDR_IccPowerOff (§6.1.2). */
export const iccPowerOff = (slot: number, seq: number): Uint8Array =>
  encodeCommand(PC_TO_RDR.IccPowerOff, slot, seq);
/** PC_to_RDR_GetSlotStatus (§6.1.3). */
export const getSlotStatus = (slot: number, seq: number): Uint8Array =>
  encodeCommand(PC_TO_RDR.GetSlotStatus, slot, seq);
/** PC_to_RDR_XfrBlock (§6.1.4): bBWI, wLevelParameter (LE). */
export const xfrBlock = (
  slot: number,
  seq: number,
  data: Uint8Array,
  bwi = 0,
  levelParameter = 0,
): Uint8Array =>
  encodeCommand(PC_TO_RDR.XfrBlock, slot, seq, bwi, levelParameter & 0xff, levelParameter >> 8, data);
/** PC_to_RDR_GetParameters (§6.1.5). */
export const getParameters = (slot: number, seq: number): Uint8Array =>
  encodeCommand(PC_TO_RDR.GetParameters, slot, seq);
/** PC_to_RDR_ResetParameters (§6.1.6). */
export const resetParameters = (slot: number, seq: number): Uint8Array =>
  encodeCommand(PC_TO_RDR.ResetParameters, slot, seq);
/** PC_to_RDR_SetParameters (§6.1.7): bProtocolNum 0 (5-byte T=0 structure) or 1 (7-byte T=1 structure). */
export const setParameters = (
  slot: number,
  seq: number,
  protocolNum: number,
  structure: Uint8Array,
): Uint8Array => encodeCommand(PC_TO_RDR.SetParameters, slot, seq, protocolNum, 0, 0, structure);
/** PC_to_RDR_Escape (§6.1.8): vendor abData. */
export const escape = (slot: number, seq: number, data: Uint8Array): Uint8Array =>
  encodeCommand(PC_TO_RDR.Escape, slot, seq, 0, 0, 0, data);
/** PC_to_RDR_IccClock (§6.1.9): 0 restart, 1 stop. */
export const iccClock = (slot: number, seq: number, clockCommand: 0 | 1): Uint8Array =>
  encodeCommand(PC_TO_RDR.IccClock, slot, seq, clockCommand);
/** PC_to_RDR_Abort (§6.1.13), sent after the ABORT class request with the same bSlot/bSeq (§5.3.1). */
export const abort = (slot: number, seq: number): Uint8Array => encodeCommand(PC_TO_RDR.Abort, slot, seq);
/** PC_to_RDR_SetDataRateAndClockFrequency (§6.1.14): dwClockFrequency (kHz), dwDataRate (bps). */
export function setDataRateAndClockFrequency(
  slot: number,
  seq: number,
  clockKhz: number,
  dataRate: number,
): Uint8Array {
  const d = new Uint8Array(8);
  const v = new DataView(d.buffer);
  v.setUint32(0, clockKhz, true);
  v.setUint32(4, dataRate, true);
  return encodeCommand(PC_TO_RDR.SetDataRateAndClockFrequency, slot, seq, 0, 0, 0, d);
}

/** A decoded RDR_to_PC message (CCID 1.1 §6.2). */
export interface ReaderMessage {
  type: number;
  slot: number;
  seq: number;
  bStatus: number;
  bError: number;
  /** Byte 9: bChainParameter (DataBlock), bClockStatus (SlotStatus), bProtocolNum (Parameters). */
  b9: number;
  data: Uint8Array;
}

const KNOWN_IN: ReadonlySet<number> = new Set(Object.values(RDR_TO_PC));

/**
 * Decodes one complete RDR_to_PC message (CCID 1.1 §6.2). Throws `ccid/message` unless `bytes` is
 * a known message type whose dwLength equals the bytes after the header (libccid `CCID_Receive`
 * performs the same check). `data` is a view into `bytes`.
 */
export function decodeReaderMessage(bytes: Uint8Array): ReaderMessage {
  if (bytes.length < HEADER_LENGTH) {
    throw new CcidError('ccid/message', `Reader message shorter than its 10-byte header (${bytes.length})`, {
      length: bytes.length,
    });
  }
  const type = bytes[0]!;
  if (!KNOWN_IN.has(type))
    throw new CcidError('ccid/message', `Unknown reader message type 0x${type.toString(16)}`, { type });
  const dwLength = (bytes[1]! | (bytes[2]! << 8) | (bytes[3]! << 16) | (bytes[4]! << 24)) >>> 0;
  if (dwLength !== bytes.length - HEADER_LENGTH) {
    throw new CcidError(
      'ccid/message',
      `dwLength ${dwLength} does not match ${bytes.length - HEADER_LENGTH} data bytes`,
      {
        dwLength,
        received: bytes.length - HEADER_LENGTH,
      },
    );
  }
  return {
    type,
    slot: bytes[5]!,
    seq: bytes[6]!,
    bStatus: bytes[7]!,
    bError: bytes[8]!,
    b9: bytes[9]!,
    data: bytes.subarray(HEADER_LENGTH),
  };
}

/** dwLength of a (possibly partial) message whose header is present. */
export function messageLength(bytes: Uint8Array, offset = 0): number {
  return (
    (bytes[offset + 1]! |
      (bytes[offset + 2]! << 8) |
      (bytes[offset + 3]! << 16) |
      (bytes[offset + 4]! << 24)) >>>
    0
  );
}
