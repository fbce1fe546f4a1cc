/**
 * Interrupt-IN messages (CCID 1.1 §6.3): RDR_to_PC_NotifySlotChange (0x50) and
 * RDR_to_PC_HardwareError (0x51).
 */
import { CcidError } from './errors';
import { INTERRUPT } from './messages';

interface SlotChange {
  slot: number;
  present: boolean;
  changed: boolean;
}

type InterruptMessage =
  | { type: 'slot-change'; slots: SlotChange[] }
  | { type: 'hardware-error'; slot: number; seq: number; code: number };

/**
 * Decodes an interrupt message. NotifySlotChange carries 2 bits per slot, 4 slots per byte (bit
 * 2n = present, bit 2n+1 = changed); `slotCount` limits how many slots are reported (the trailing
 * bits of the last byte are padding). Throws `ccid/message` on an unknown type or a short message.
 */
export function decodeInterruptMessage(bytes: Uint8Array, slotCount: number): InterruptMessage {
  const type = bytes[0];
  if (type === INTERRUPT.NotifySlotChange) {
    const needed = 1 + Math.ceil(slotCount / 4);
    if (bytes.length < needed) {
      throw new CcidError(
        'ccid/message',
        `NotifySlotChange of ${bytes.length} bytes for ${slotCount} slots`,
        { length: bytes.length },
      );
    }
    const slots: SlotChange[] = [];
    for (let s = 0; s < slotCount; s++) {
      const bits = (bytes[1 + (s >> 2)]! >> ((s & 3) * 2)) & 3;
      slots.push({ slot: s, present: (bits & 1) !== 0, changed: (bits & 2) !== 0 });
    }
    return { type: 'slot-change', slots };
  }
  if (type === INTERRUPT.HardwareError) {
    if (bytes.length < 4)
      throw new CcidError('ccid/message', `HardwareError of ${bytes.length} bytes`, { length: bytes.length });
    return { type: 'hardware-error', slot: bytes[1]!, seq: bytes[2]!, code: bytes[3]! };
  }
  throw new CcidError(
    'ccid/message',
    `Unknown interrupt message type ${type === undefined ? '(empty)' : '0x' + type.toString(16)}`,
    {
      type,
    },
  );
}
