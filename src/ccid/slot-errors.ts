/**
 * Slot error codes (CCID 1.1 §6.2.6, Table 6.2-2) and the bStatus split (§6.2.6, Table 6.2-3).
 * Values 0x01–0x7F name the offset of the offending header field; 0x81–0xC0 are vendor-defined
 * (examples from libccid's Gemalto handling are named).
 */
export const SlotError = {
  CMD_ABORTED: 0xff,
  ICC_MUTE: 0xfe,
  XFR_PARITY_ERROR: 0xfd,
  XFR_OVERRUN: 0xfc,
  HW_ERROR: 0xfb,
  BAD_ATR_TS: 0xf8,
  BAD_ATR_TCK: 0xf7,
  ICC_PROTOCOL_NOT_SUPPORTED: 0xf6,
  ICC_CLASS_NOT_SUPPORTED: 0xf5,
  PROCEDURE_BYTE_CONFLICT: 0xf4,
  DEACTIVATED_PROTOCOL: 0xf3,
  BUSY_WITH_AUTO_SEQUENCE: 0xf2,
  PIN_TIMEOUT: 0xf0,
  PIN_CANCELLED: 0xef,
  CMD_SLOT_BUSY: 0xe0,
  CMD_NOT_SUPPORTED: 0x00,
} as const;

const NAMES: ReadonlyMap<number, string> = new Map(Object.entries(SlotError).map(([k, v]) => [v, k]));

const VENDOR_EXAMPLES: ReadonlyMap<number, string> = new Map([
  [0xa2, 'VENDOR_SHORT_CIRCUIT'],
  [0xa3, 'VENDOR_ATR_TOO_LONG'],
  [0xbb, 'VENDOR_EMV_PROTOCOL_ERROR'],
  [0xbd, 'VENDOR_T1_CARD_ERROR'],
  [0xbe, 'VENDOR_WRONG_APDU_LENGTH'],
]);

/** Header field named by a bError offset 0x01–0x7F (CCID 1.1 §6.2.6 "index of the bad parameter"). */
const FIELD_AT: ReadonlyMap<number, string> = new Map([
  [1, 'dwLength'],
  [5, 'bSlot'],
  [6, 'bSeq'],
  [7, 'bPowerSelect/bBWI/bProtocolNum'],
  [8, 'wLevelParameter/RFU'],
  [9, 'wLevelParameter/RFU'],
  [10, 'abData'],
]);

/** Stable symbolic name of a bError value (e.g. `ICC_MUTE`, `BAD_FIELD_dwLength`, `VENDOR_0x90`). */
export function slotErrorName(bError: number): string {
  const known = NAMES.get(bError);
  if (known) return known;
  if (bError >= 0x01 && bError <= 0x7f) return `BAD_FIELD_${FIELD_AT.get(bError) ?? `offset_${bError}`}`;
  if (bError >= 0x81 && bError <= 0xc0)
    return VENDOR_EXAMPLES.get(bError) ?? `VENDOR_0x${bError.toString(16)}`;
  return `RFU_0x${bError.toString(16)}`;
}

/** bmICCStatus (bStatus bits 0–1). */
export const IccStatus = { ACTIVE: 0, INACTIVE: 1, ABSENT: 2 } as const;
/** bmCommandStatus (bStatus bits 6–7). */
export const CommandStatus = { OK: 0, FAILED: 1, TIME_EXTENSION: 2 } as const;

export function iccStatusOf(bStatus: number): number {
  return bStatus & 0x03;
}
export function commandStatusOf(bStatus: number): number {
  return (bStatus >> 6) & 0x03;
}
