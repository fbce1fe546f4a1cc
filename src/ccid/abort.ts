/**
 * Aborting a command (CCID 1.1 §5.3.1): the host sends the ABORT class request (bRequest 0x01,
 * wValue = bSeq << 8 | bSlot) on the control pipe, then PC_to_RDR_Abort with the same bSlot and
 * bSeq on the bulk pipe; the reader ends the aborted command (CMD_ABORTED) and answers the Abort
 * with RDR_to_PC_SlotStatus. libccid never aborts; WebUSB needs it because a transfer cannot be
 * cancelled, so a command whose deadline passed must be stopped in the reader before the slot is
 * reused.
 *
 * Chromium refuses class requests aimed at a protected-class interface unless `usb-unrestricted`
 * applies (Chromium change 7677820), so a refused or unanswered abort is tolerated: the
 * command is rejected anyway and any late reply is dropped by its stale bSeq.
 */
import { abort as abortMessage } from './messages';
import type { CcidPipe } from './pipe';
import type { Pending } from './pipe-types';

/** Runs the §5.3.1 abort for `p`, never longer than `waitMs`; never throws. */
export async function abortCommand(pipe: CcidPipe, p: Pending, waitMs: number): Promise<boolean> {
  if (pipe.closed) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const acknowledged = new Promise<void>((resolve) => {
    p.onAbortStatus = resolve;
  });
  const attempt = (async (): Promise<boolean> => {
    await pipe.device.controlTransferOut({
      requestType: 'class',
      recipient: 'interface',
      request: 0x01,
      value: (p.seq << 8) | p.slot,
      index: pipe.cfg.interfaceNumber,
    });
    await pipe.write(abortMessage(p.slot, p.seq));
    await acknowledged;
    return true;
  })().catch(() => false);
  // Why: the abort itself talks to a reader that may be wedged; bound it like every other wait.
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), waitMs);
  });
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
    p.onAbortStatus = undefined;
  }
}
