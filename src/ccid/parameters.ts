/**
 * Protocol data structures of PC_to_RDR_SetParameters / RDR_to_PC_Parameters (CCID 1.1 §6.1.7,
 * Tables 6.1-7 and 6.1-8).
 */
import { CcidError } from './errors';

interface T0Parameters {
  protocol: 0;
  /** bmFindexDindex: TA1 (Fi index high nibble, Di index low nibble). */
  findexDindex: number;
  /** bmTCCKST0 bit 1: inverse convention. */
  inverseConvention: boolean;
  /** bGuardTimeT0: TC1 (extra guard time). */
  guardTime: number;
  /** bWaitingIntegerT0: TC2 (WI), default 10. */
  waitingInteger: number;
  /** bClockStop: 0 not allowed, 1 low, 2 high, 3 either. */
  clockStop: number;
}

interface T1Parameters {
  protocol: 1;
  findexDindex: number;
  /** bmTCCKST1 bit 0: CRC instead of LRC. */
  crc: boolean;
  inverseConvention: boolean;
  guardTime: number;
  /** bmWaitingIntegersT1: BWI (high nibble) and CWI (low nibble), TB3. */
  bwi: number;
  cwi: number;
  clockStop: number;
  /** bIFSC: information field size of the card. */
  ifsc: number;
  nad: number;
}

export type ProtocolParameters = T0Parameters | T1Parameters;

/** 5-byte T=0 or 7-byte T=1 structure for SetParameters (CCID 1.1 §6.1.7). */
export function encodeParameters(p: ProtocolParameters): Uint8Array {
  if (p.protocol === 0) {
    return Uint8Array.of(
      p.findexDindex,
      p.inverseConvention ? 0x02 : 0x00,
      p.guardTime,
      p.waitingInteger,
      p.clockStop,
    );
  }
  return Uint8Array.of(
    p.findexDindex,
    0x10 | (p.crc ? 0x01 : 0) | (p.inverseConvention ? 0x02 : 0),
    p.guardTime,
    ((p.bwi & 0x0f) << 4) | (p.cwi & 0x0f),
    p.clockStop,
    p.ifsc,
    p.nad,
  );
}

/**
 * Decodes the abProtocolDataStructure of RDR_to_PC_Parameters (CCID 1.1 §6.2.3) for bProtocolNum 0
 * or 1. Throws `ccid/message` on another protocol number or a wrong length.
 */
export function decodeParameters(protocolNum: number, d: Uint8Array): ProtocolParameters {
  if (protocolNum === 0 && d.length === 5) {
    return {
      protocol: 0,
      findexDindex: d[0]!,
      inverseConvention: (d[1]! & 0x02) !== 0,
      guardTime: d[2]!,
      waitingInteger: d[3]!,
      clockStop: d[4]!,
    };
  }
  if (protocolNum === 1 && d.length === 7) {
    return {
      protocol: 1,
      findexDindex: d[0]!,
      crc: (d[1]! & 0x01) !== 0,
      inverseConvention: (d[1]! & 0x02) !== 0,
      guardTime: d[2]!,
      bwi: d[3]! >> 4,
      cwi: d[3]! & 0x0f,
      clockStop: d[4]!,
      ifsc: d[5]!,
      nad: d[6]!,
    };
  }
  throw new CcidError(
    'ccid/message',
    `Unexpected protocol data structure (protocol ${protocolNum}, ${d.length} bytes)`,
    {
      protocolNum,
      length: d.length,
    },
  );
}
