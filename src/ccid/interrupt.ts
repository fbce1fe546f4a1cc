/**
 * The interrupt-IN loop (CCID 1.1 §6.3): one standing transfer at a time, decoding
 * NotifySlotChange into per-slot presence and HardwareError into events. It ends when the device
 * is closed or unplugged (the transfer then rejects); a stalled endpoint is cleared and resumed.
 */
import { isAppError } from '../errors';
import { decodeInterruptMessage } from './notify';
import type { CcidReader } from './reader';
import { resultBytes, type UsbDeviceLike } from './usb-device';

export function runInterruptLoop(
  reader: CcidReader,
  device: UsbDeviceLike,
  ep: number,
  packetSize: number,
): void {
  void (async () => {
    while (!reader.closed) {
      let r: USBInTransferResult;
      try {
        r = await device.transferIn(ep, Math.max(8, packetSize));
        if (r.status === 'stall') {
          await device.clearHalt('in', ep);
          continue;
        }
      } catch (e) {
        const name = (e as { name?: string } | null)?.name;
        if (name === 'NotFoundError') reader.handleDisconnect();
        return;
      }
      const bytes = resultBytes(r);
      if (bytes.length === 0) continue;
      try {
        const m = decodeInterruptMessage(bytes, reader.slots.length);
        if (m.type === 'slot-change')
          for (const s of m.slots) reader.onSlotChange(s.slot, s.present, s.changed);
        else reader.onHardwareError(m.slot, m.seq, m.code);
      } catch (e) {
        // A malformed notification is dropped; the next GetSlotStatus tells the truth anyway.
        if (!isAppError(e, 'ccid/message')) throw e;
      }
    }
  })();
}

/**
 * Readers without interrupt-IN (75 of libccid's descriptors) report card movement only through
 * PC_to_RDR_GetSlotStatus (CCID 1.1 §6.3), so presence is polled every `intervalMs` while the
 * reader is open. Why 500 ms: fast enough that an inserted card shows up before the user looks
 * back at the screen, slow enough to leave the slot free for APDUs (polls queue behind them).
 */
export function runSlotPolling(reader: CcidReader, intervalMs: number): void {
  const tick = async (): Promise<void> => {
    if (reader.closed) return;
    for (const slot of reader.slots) {
      try {
        const present = await slot.cardPresent();
        reader.onSlotChange(slot.index, present, false);
      } catch (e) {
        if (reader.closed) return;
        // A card pulled mid-poll reports as removed; other errors wait for the next tick.
        if (isAppError(e, 'transport/card-removed')) reader.onSlotChange(slot.index, false, false);
      }
    }
    schedule();
  };
  const schedule = (): void => {
    const t = setTimeout(() => void tick(), intervalMs);
    (t as { unref?: () => void }).unref?.(); // Node: never keep a test process alive for polling
  };
  schedule();
}
