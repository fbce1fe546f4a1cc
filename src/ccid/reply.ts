/**
 * Turning a failed RDR_to_PC reply into a typed error (CCID 1.1 §6.2.6; libccid `CCID_Receive`
 * mapping: ICC absent → card removed, 0xFE → mute, 0xE0 → slot busy).
 */
import { TransportError } from '../errors';
import { CcidError, protocolError } from './errors';
import type { ReaderMessage } from './messages';
import {
  CommandStatus,
  IccStatus,
  SlotError,
  commandStatusOf,
  iccStatusOf,
  slotErrorName,
} from './slot-errors';

/** Returns `msg` when it is a successful reply of `expectedType`; otherwise throws the typed error. */
export function checkReply(msg: ReaderMessage, expectedType: number): ReaderMessage {
  if (commandStatusOf(msg.bStatus) === CommandStatus.FAILED) {
    const data = {
      slot: msg.slot,
      bError: msg.bError,
      errorName: slotErrorName(msg.bError),
      iccStatus: iccStatusOf(msg.bStatus),
    };
    if (iccStatusOf(msg.bStatus) === IccStatus.ABSENT)
      throw new TransportError('transport/card-removed', 'No card in the reader', data);
    if (msg.bError === SlotError.ICC_MUTE)
      throw new CcidError('ccid/icc-mute', 'The card does not answer (ICC_MUTE)', data);
    if (msg.bError === SlotError.CMD_SLOT_BUSY)
      throw new TransportError('transport/busy', 'The reader slot is busy', data);
    throw new CcidError(
      'ccid/slot-error',
      `The reader reported ${data.errorName} (bError 0x${msg.bError.toString(16)})`,
      data,
    );
  }
  if (msg.type !== expectedType) {
    throw protocolError(
      `reply type 0x${msg.type.toString(16)} to a command expecting 0x${expectedType.toString(16)}`,
      { type: msg.type },
    );
  }
  return msg;
}

/** A failed reply with bError CMD_SLOT_BUSY (CCID 1.1 §6.2.6). */
export function isSlotBusy(msg: ReaderMessage): boolean {
  return commandStatusOf(msg.bStatus) === CommandStatus.FAILED && msg.bError === SlotError.CMD_SLOT_BUSY;
}
