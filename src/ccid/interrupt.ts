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
