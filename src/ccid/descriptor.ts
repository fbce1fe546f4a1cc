/**
 * The CCID class descriptor (CCID 1.1 §5.1, Table 5.1-1): 54 bytes, bDescriptorType 0x21
 * (0xFF on some proprietary readers), all multi-byte fields little-endian.
 */
import { CcidError } from './errors';

/** dwFeatures bits (CCID 1.1 §5.1, dwFeatures). */
export const Feature = {
  AUTO_CONF_ATR: 0x02,
  AUTO_ACTIVATION: 0x04,
  AUTO_VOLTAGE: 0x08,
  AUTO_CLOCK: 0x10,
  AUTO_BAUD: 0x20,
  AUTO_PARAM_NEGOTIATION: 0x40,
  AUTO_PPS: 0x80,
  CLOCK_STOP: 0x100,
  NAD_NOT_ZERO: 0x200,
  AUTO_IFSD: 0x400,
  /** ICCD spec "token" bit, not defined by CCID 1.1 (libccid prints "Unknown (ICCD?)"). */
  ICCD_TOKEN: 0x800,
  LEVEL_TPDU: 0x10000,
  LEVEL_SHORT_APDU: 0x20000,
  LEVEL_EXTENDED_APDU: 0x40000,
  LEVEL_MASK: 0x70000,
  REMOTE_WAKEUP: 0x100000,
} as const;

export type ExchangeLevel = 'character' | 'tpdu' | 'short-apdu' | 'extended-apdu';

interface DecodedFeatures {
  autoConfAtr: boolean;
  autoActivation: boolean;
  autoVoltage: boolean;
  autoClock: boolean;
  autoBaud: boolean;
  autoParamNegotiation: boolean;
  autoPps: boolean;
  clockStop: boolean;
  nadNotZero: boolean;
  autoIfsd: boolean;
  iccdToken: boolean;
  remoteWakeup: boolean;
}

export interface CcidDescriptor {
  bLength: number;
  bDescriptorType: number;
  /** BCD, e.g. 0x0110 for CCID 1.10. */
  bcdCCID: number;
  bMaxSlotIndex: number;
  /** Bit 0 5 V, bit 1 3 V, bit 2 1.8 V. */
  bVoltageSupport: number;
  /** Bit 0 T=0, bit 1 T=1. */
  dwProtocols: number;
  dwDefaultClock: number;
  dwMaximumClock: number;
  bNumClockSupported: number;
  dwDataRate: number;
  dwMaxDataRate: number;
  bNumDataRatesSupported: number;
  dwMaxIFSD: number;
  dwSynchProtocols: number;
  dwMechanical: number;
  dwFeatures: number;
  dwMaxCCIDMessageLength: number;
  bClassGetResponse: number;
  bClassEnvelope: number;
  wLcdLayout: number;
  bPINSupport: number;
  bMaxCCIDBusySlots: number;
  features: DecodedFeatures;
  exchangeLevel: ExchangeLevel;
  /** Number of slots (bMaxSlotIndex + 1). */
  slots: number;
}

const CCID_DESCRIPTOR_LENGTH = 54;

/** Exchange level from dwFeatures bits 16–18 (CCID 1.1 §5.1; none set = character level). */
export function exchangeLevelOf(dwFeatures: number): ExchangeLevel {
  if (dwFeatures & Feature.LEVEL_EXTENDED_APDU) return 'extended-apdu';
  if (dwFeatures & Feature.LEVEL_SHORT_APDU) return 'short-apdu';
  if (dwFeatures & Feature.LEVEL_TPDU) return 'tpdu';
  return 'character';
}

/** Decodes every dwFeatures flag (CCID 1.1 §5.1). */
export function decodeFeatures(f: number): DecodedFeatures {
  const has = (bit: number): boolean => (f & bit) !== 0;
  return {
    autoConfAtr: has(Feature.AUTO_CONF_ATR),
    autoActivation: has(Feature.AUTO_ACTIVATION),
    autoVoltage: has(Feature.AUTO_VOLTAGE),
    autoClock: has(Feature.AUTO_CLOCK),
    autoBaud: has(Feature.AUTO_BAUD),
    autoParamNegotiation: has(Feature.AUTO_PARAM_NEGOTIATION),
    autoPps: has(Feature.AUTO_PPS),
    clockStop: has(Feature.CLOCK_STOP),
    nadNotZero: has(Feature.NAD_NOT_ZERO),
    autoIfsd: has(Feature.AUTO_IFSD),
    iccdToken: has(Feature.ICCD_TOKEN),
    remoteWakeup: has(Feature.REMOTE_WAKEUP),
  };
}

/**
 * Parses the 54-byte CCID class descriptor (CCID 1.1 §5.1). Accepts bDescriptorType 0x21 and the
 * proprietary 0xFF some vendor-class readers use; anything shorter than 54 bytes, with a bLength
 * other than 54, or another type throws `CcidError` `ccid/descriptor`. Extra bytes after the 54
 * are ignored (callers pass a slice of a configuration descriptor).
 */
export function parseCcidDescriptor(bytes: Uint8Array): CcidDescriptor {
  if (bytes.length < CCID_DESCRIPTOR_LENGTH) {
    throw new CcidError('ccid/descriptor', `CCID class descriptor too short (${bytes.length} of 54 bytes)`, {
      length: bytes.length,
    });
  }
  if (bytes[0] !== CCID_DESCRIPTOR_LENGTH) {
    throw new CcidError('ccid/descriptor', `CCID class descriptor bLength is ${bytes[0]}, expected 54`, {
      bLength: bytes[0],
    });
  }
  if (bytes[1] !== 0x21 && bytes[1] !== 0xff) {
    throw new CcidError('ccid/descriptor', `Not a CCID class descriptor (type 0x${bytes[1]!.toString(16)})`, {
      bDescriptorType: bytes[1],
    });
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, CCID_DESCRIPTOR_LENGTH);
  const u32 = (o: number): number => v.getUint32(o, true);
  const dwFeatures = u32(40);
  const bMaxSlotIndex = bytes[4]!;
  return {
    bLength: bytes[0]!,
    bDescriptorType: bytes[1]!,
    bcdCCID: v.getUint16(2, true),
    bMaxSlotIndex,
    bVoltageSupport: bytes[5]!,
    dwProtocols: u32(6),
    dwDefaultClock: u32(10),
    dwMaximumClock: u32(14),
    bNumClockSupported: bytes[18]!,
    dwDataRate: u32(19),
    dwMaxDataRate: u32(23),
    bNumDataRatesSupported: bytes[27]!,
    dwMaxIFSD: u32(28),
    dwSynchProtocols: u32(32),
    dwMechanical: u32(36),
    dwFeatures,
    dwMaxCCIDMessageLength: u32(44),
    bClassGetResponse: bytes[48]!,
    bClassEnvelope: bytes[49]!,
    wLcdLayout: v.getUint16(50, true),
    bPINSupport: bytes[52]!,
    bMaxCCIDBusySlots: bytes[53]!,
    features: decodeFeatures(dwFeatures),
    exchangeLevel: exchangeLevelOf(dwFeatures),
    slots: bMaxSlotIndex + 1,
  };
}
