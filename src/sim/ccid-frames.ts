/**
 * Reader-side CCID framing for the virtual reader (CCID 1.1 §6.1 commands in, §6.2 replies out,
 * §6.3 interrupt messages). Deliberately independent of the host codec in `ccid/messages.ts`
 * so the simulator checks the driver rather than mirroring its mistakes.
 */
export interface HostCommand {
  type: number;
  slot: number;
  seq: number;
  b7: number;
  b8: number;
  b9: number;
  data: Uint8Array;
}

export const MSG = {
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

export const REPLY = {
  DataBlock: 0x80,
  SlotStatus: 0x81,
  Parameters: 0x82,
  Escape: 0x83,
  DataRate: 0x84,
} as const;

/** Which reply type answers which command (CCID 1.1 §6.1, per-command "response" lines). */
export function replyTypeFor(type: number): number {
  switch (type) {
    case MSG.IccPowerOn:
    case MSG.XfrBlock:
    case MSG.Secure:
      return REPLY.DataBlock;
    case MSG.GetParameters:
    case MSG.ResetParameters:
    case MSG.SetParameters:
      return REPLY.Parameters;
    case MSG.Escape:
      return REPLY.Escape;
    case MSG.SetDataRateAndClockFrequency:
      return REPLY.DataRate;
    default:
      return REPLY.SlotStatus;
  }
}

export function readCommand(b: Uint8Array): HostCommand {
  return {
    type: b[0]!,
    slot: b[5]!,
    seq: b[6]!,
    b7: b[7]!,
    b8: b[8]!,
    b9: b[9]!,
    data: b.slice(10),
  };
}

export function commandLength(b: Uint8Array): number {
  return 10 + (b[1]! + b[2]! * 0x100 + b[3]! * 0x10000 + b[4]! * 0x1000000);
}

/** bStatus = bmCommandStatus << 6 | bmICCStatus. */
export function reply(
  type: number,
  slot: number,
  seq: number,
  cmdStatus: number,
  iccStatus: number,
  bError: number,
  b9: number,
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const out = new Uint8Array(10 + data.length);
  const n = data.length;
  out.set([
    type,
    n & 0xff,
    (n >> 8) & 0xff,
    (n >> 16) & 0xff,
    (n >> 24) & 0xff,
    slot,
    seq,
    (cmdStatus << 6) | iccStatus,
    bError,
    b9,
  ]);
  out.set(data, 10);
  return out;
}

/**
 * RDR_to_PC_NotifySlotChange (CCID 1.1 §6.3.1): two bits per slot, bit 0 "card present" and bit 1
 * "changed since the last message", slot 0 in the low bits of the first bitmap byte.
 */
export function notifySlotChange(present: readonly boolean[], changed: number): Uint8Array {
  const msg = new Uint8Array(1 + Math.ceil(present.length / 4));
  msg[0] = 0x50;
  present.forEach((p, i) => {
    msg[1 + (i >> 2)]! |= ((p ? 1 : 0) | (i === changed ? 2 : 0)) << ((i & 3) * 2);
  });
  return msg;
}
