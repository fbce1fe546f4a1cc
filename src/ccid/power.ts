/**
 * Decisions taken between power-on and the first APDU, as libccid takes them (libccid `commands.c`,
 * `CmdPowerOn`, `IFDHSetProtocolParameters`): which bPowerSelect values to try, which protocol to
 * use, whether to send PPS (ISO/IEC 7816-3 §9) and the SetParameters structure (CCID 1.1 §6.1.7).
 */
import type { Atr } from '../iso7816/atr';
import type { CcidDescriptor } from './descriptor';
import type { ProtocolParameters } from './parameters';

/** bPowerSelect values: 1 = 5 V, 2 = 3 V, 3 = 1.8 V (CCID 1.1 §6.1.1). */
const DEFAULT_VOLTAGE_ORDER: readonly number[] = [1, 2, 3];

/**
 * Power-on attempts: automatic (0) when the reader selects voltage or activates the card itself
 * (dwFeatures 0x08 / 0x04); otherwise `order` filtered by bVoltageSupport. Why 5 V first: libccid's
 * default — the class of a T=15 card is only known after an ATR has been read.
 */
export function powerSelectOrder(
  d: CcidDescriptor,
  order: readonly number[] = DEFAULT_VOLTAGE_ORDER,
): number[] {
  if (d.features.autoVoltage || d.features.autoActivation) return [0];
  const list = order.filter((v) => v >= 1 && v <= 3 && d.bVoltageSupport & (1 << (v - 1)));
  return list.length ? list : [0];
}

/** T=1 when card and reader both offer it (and the card is not fixed to T=0 by TA2), else T=0. */
export function chooseProtocol(atr: Atr, d: CcidDescriptor): 0 | 1 {
  if (atr.specificMode && atr.specificProtocol !== undefined) return atr.specificProtocol === 1 ? 1 : 0;
  const readerT1 = (d.dwProtocols & 2) !== 0;
  const readerT0 = (d.dwProtocols & 1) !== 0;
  if (atr.protocols.includes(1) && (readerT1 || !readerT0)) return 1;
  return 0;
}

/**
 * The Fi/Di byte to use: TA1 when the reader can run that rate (dwDefaultClock kHz × Di / Fi ≤
 * dwMaxDataRate), else the default 0x11.
 */
function effectiveTa1(atr: Atr, d: CcidDescriptor): number {
  const ta1 = atr.ta1 ?? 0x11;
  if (ta1 === 0x11 || !atr.fi || !atr.di) return 0x11;
  const rate = (d.dwDefaultClock * 1000 * atr.di) / atr.fi;
  return rate <= d.dwMaxDataRate ? ta1 : 0x11;
}

/**
 * PPS request (ISO/IEC 7816-3 §9.2): PPSS FF, PPS0 (0x10 | T when PPS1 present), PPS1, PCK; or
 * undefined when none is needed (card in specific mode, reader negotiates itself, default speed
 * and first-offered protocol).
 */
export function ppsRequest(
  atr: Atr,
  d: CcidDescriptor,
  protocol: 0 | 1,
  noPps = false,
): Uint8Array | undefined {
  if (noPps || atr.specificMode || d.features.autoPps || d.features.autoParamNegotiation) return undefined;
  const ta1 = effectiveTa1(atr, d);
  const firstProtocol = atr.protocols[0] ?? 0;
  if (ta1 === 0x11 && protocol === firstProtocol) return undefined;
  const pps = ta1 === 0x11 ? [0xff, protocol] : [0xff, 0x10 | protocol, ta1];
  return Uint8Array.from([...pps, pps.reduce((a, b) => a ^ b, 0)]);
}

/** SetParameters structure from the ATR (libccid defaults T=1 `11 10 00 4D 00 20 00`, T=0 `11 00 00 0A 00`). */
export function parametersFromAtr(atr: Atr, d: CcidDescriptor, protocol: 0 | 1): ProtocolParameters {
  const findexDindex = effectiveTa1(atr, d);
  const inverseConvention = atr.convention === 'inverse';
  const guardTime = atr.tc1 ?? 0;
  if (protocol === 0)
    return { protocol: 0, findexDindex, inverseConvention, guardTime, waitingInteger: atr.wi, clockStop: 0 };
  return {
    protocol: 1,
    findexDindex,
    crc: atr.t1.edc === 'crc',
    inverseConvention,
    guardTime,
    bwi: atr.t1.bwi,
    cwi: atr.t1.cwi,
    clockStop: 0,
    ifsc: atr.t1.ifsc,
    nad: 0,
  };
}
