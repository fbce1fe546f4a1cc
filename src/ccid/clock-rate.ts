/**
 * Clock and data-rate control of a CCID reader: PC_to_RDR_IccClock (CCID 1.1 §6.1.9),
 * PC_to_RDR_SetDataRateAndClockFrequency (§6.1.14) and the GET_CLOCK_FREQUENCIES /
 * GET_DATA_RATES class requests (§5.3.2, §5.3.3).
 */
import * as M from './messages';
import type { CcidReader, CommandOptions } from './reader';
import { withTimeout } from './timing';
import { resultBytes } from './usb-device';

/** Stops (1) or restarts (0) the ICC clock; resolves with bClockStatus (0 running, 1 L, 2 H, 3 unknown). */
export async function iccClock(
  reader: CcidReader,
  command: 0 | 1,
  slot = 0,
  opt?: CommandOptions,
): Promise<number> {
  return (await reader.command(slot, (s) => M.iccClock(slot, s, command), M.RDR_TO_PC.SlotStatus, opt)).b9;
}

/** Asks for a clock (kHz) and data rate (bps); resolves with what the reader set. */
export async function setDataRateAndClockFrequency(
  reader: CcidReader,
  clockKhz: number,
  dataRate: number,
  slot = 0,
  opt?: CommandOptions,
): Promise<{ clockKhz: number; dataRate: number }> {
  const r = await reader.command(
    slot,
    (s) => M.setDataRateAndClockFrequency(slot, s, clockKhz, dataRate),
    M.RDR_TO_PC.DataRateAndClockFrequency,
    opt,
  );
  const v = new DataView(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  return { clockKhz: v.getUint32(0, true), dataRate: v.getUint32(4, true) };
}

/**
 * GET_CLOCK_FREQUENCIES (0x02) or GET_DATA_RATES (0x03): the list of dwords the reader supports;
 * empty when it stalls the request (many readers do, see libccid readers/*.txt). Note Chromium
 * refuses class requests to a protected-class interface outside the IWA route (WebUSB spec, "check the validity of the control transfer parameters").
 */
export async function classList(reader: CcidReader, request: 0x02 | 0x03): Promise<number[]> {
  const d = reader.descriptor;
  const n = request === 0x02 ? d.bNumClockSupported : d.bNumDataRatesSupported;
  const r = await withTimeout(
    reader.device.controlTransferIn(
      { requestType: 'class', recipient: 'interface', request, value: 0, index: reader.interfaceNumber },
      Math.max(1, n || 64) * 4,
    ),
    reader.options.timeoutMs ?? 3000,
    'CCID class request',
  );
  if (r.status !== 'ok') return [];
  const b = resultBytes(r);
  const out: number[] = [];
  for (let o = 0; o + 4 <= b.length; o += 4)
    out.push((b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0);
  return out;
}
