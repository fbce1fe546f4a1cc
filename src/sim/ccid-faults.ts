/**
 * Faults the virtual CCID reader can inject into the next XfrBlock (the APDU exchange), so every
 * failure path of the host driver can be exercised without hardware (fault injection).
 */
export type ReaderFault =
  /** The reader vanishes while the command is in flight (USB unplug mid-transfer). */
  | { kind: 'unplug' }
  /** The card is pulled out mid-APDU: NotifySlotChange, then a failed reply with ICC absent. */
  | { kind: 'card-removed' }
  /** bulk-IN halts until the host issues CLEAR_FEATURE(ENDPOINT_HALT). */
  | { kind: 'stall-in' }
  /** bulk-OUT halts once. */
  | { kind: 'stall-out' }
  /** `count` replies with a foreign bSeq precede the real one (late answers of old commands). */
  | { kind: 'stale'; count: number }
  /** `count` time-extension replies (bmCommandStatus = 2) before the answer, `intervalMs` apart. */
  | { kind: 'time-extension'; count: number; multiplier?: number; intervalMs?: number }
  /** RDR_to_PC_HardwareError on interrupt-IN and the command fails with HW_ERROR. */
  | { kind: 'hardware-error'; code?: number }
  /** The reply's dwLength is off by `delta`. */
  | { kind: 'bogus-length'; delta: number }
  /** The reply stops after `bytes` bytes (ends on a short packet). */
  | { kind: 'short-packet'; bytes: number }
  /** `count` zero-length packets before the reply (Gemalto firmware on USB 3 ports). */
  | { kind: 'zlp'; count: number }
  /** No reply at all until the host aborts the command (CCID 1.1 §5.3.1). */
  | { kind: 'mute' }
  /** The reply comes `ms` later. */
  | { kind: 'latency'; ms: number };
