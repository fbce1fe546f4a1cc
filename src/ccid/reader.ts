/**
 * `CcidReader`: the CCID host driver for one USB reader (CCID 1.1; libccid's behaviour as in
 * docs/ccid-t1.md "Opening a reader"). Owns the bulk pipe and the interrupt loop, serialises commands per slot
 * (one outstanding command per slot, at most bMaxCCIDBusySlots slots busy), maps failed replies to
 * typed errors, and exposes Escape, Get/Set/ResetParameters, clock control and the class requests.
 * Events (CustomEvent): `slotchange` {slot, present}, `hardwareerror` {slot, seq, code},
 * `disconnected`.
 */
import { sleep } from '../common/sleep';
import { deviceGone } from './errors';
import type { CcidDescriptor } from './descriptor';
import { runInterruptLoop, runSlotPolling } from './interrupt';
import { Semaphore } from './lock';
import * as M from './messages';
import { openCcidInterface } from './open';
import { decodeParameters, encodeParameters, type ProtocolParameters } from './parameters';
import { CcidPipe } from './pipe';
import { applyQuirks, mergeQuirks, quirksFor, type Quirk, type QuirkSet } from './quirks';
import { checkReply, isSlotBusy } from './reply';
import { iccStatusOf, IccStatus } from './slot-errors';
import { CcidSlot } from './slot';
import { withTimeout } from './timing';
import { bcdDevice, type UsbDeviceLike } from './usb-device';

export interface CcidReaderOptions {
  /** Base wait per command. Why 3000: libccid's DEFAULT_COM_READ_TIMEOUT. */
  timeoutMs?: number;
  /** Ceiling with time extensions. Why 120 s: RSA key generation with WTX can exceed a minute. */
  maxTotalMs?: number;
  /** Bound on the CCID §5.3.1 abort after a timeout. */
  abortWaitMs?: number;
  /** bPowerSelect fallback order when the reader cannot choose the voltage (default 5 V, 3 V, 1.8 V). */
  voltageOrder?: number[];
  quirks?: readonly Quirk[];
  staleLimit?: number;
  /** GetSlotStatus polling period for readers without interrupt-IN (see interrupt.ts). */
  pollMs?: number;
}

export interface CommandOptions {
  signal?: AbortSignal | undefined;
  /** Multiplies the base timeout (WTX-granted time for T=1 blocks). */
  timeoutMultiplier?: number;
}

export class CcidReader extends EventTarget {
  readonly slots: CcidSlot[];
  readonly quirks: QuirkSet;
  readonly present: boolean[];
  private readonly pipe: CcidPipe;
  private readonly slotLocks: Semaphore[];
  private readonly busySlots: Semaphore;
  private disconnected = false;

  private constructor(
    readonly device: UsbDeviceLike,
    readonly descriptor: CcidDescriptor,
    readonly rawDescriptor: CcidDescriptor,
    readonly interfaceNumber: number,
    private readonly endpoints: {
      in: number;
      out: number;
      int?: number;
      packetSize: number;
      intPacketSize: number;
    },
    quirks: QuirkSet,
    readonly options: CcidReaderOptions,
  ) {
    super();
    this.quirks = quirks;
    this.pipe = new CcidPipe(device, {
      interfaceNumber,
      epIn: endpoints.in,
      epOut: endpoints.out,
      packetSize: endpoints.packetSize,
      maxMessage: descriptor.dwMaxCCIDMessageLength,
      staleLimit: options.staleLimit,
      abortWaitMs: options.abortWaitMs,
    });
    this.slots = Array.from({ length: descriptor.slots }, (_, i) => new CcidSlot(this, i));
    this.present = Array.from({ length: descriptor.slots }, () => false);
    this.slotLocks = this.slots.map(() => new Semaphore(1));
    this.busySlots = new Semaphore(Math.max(1, descriptor.bMaxCCIDBusySlots));
  }

  /** Opens and claims the reader (CCID 1.1 §4, §5.1) and starts the interrupt loop if it has one. */
  static async open(device: UsbDeviceLike, options: CcidReaderOptions = {}): Promise<CcidReader> {
    const { itf } = await openCcidInterface(device, options.timeoutMs ?? 3000);
    const bulkIn = itf.endpoints.find((e) => e.type === 'bulk' && e.direction === 'in');
    const bulkOut = itf.endpoints.find((e) => e.type === 'bulk' && e.direction === 'out');
    const intIn = itf.endpoints.find((e) => e.type === 'interrupt' && e.direction === 'in');
    if (!bulkIn || !bulkOut) throw deviceGone('the CCID interface lacks bulk endpoints');
    const q = mergeQuirks(quirksFor(device.vendorId, device.productId, bcdDevice(device), options.quirks));
    const reader = new CcidReader(
      device,
      applyQuirks(itf.ccid, q),
      itf.ccid,
      itf.bInterfaceNumber,
      {
        in: bulkIn.number,
        out: bulkOut.number,
        int: intIn?.number,
        packetSize: bulkIn.wMaxPacketSize,
        intPacketSize: intIn?.wMaxPacketSize ?? 8,
      },
      q,
      options,
    );
    if (intIn) runInterruptLoop(reader, device, intIn.number, intIn.wMaxPacketSize);
    else runSlotPolling(reader, options.pollMs ?? 500);
    return reader;
  }

  get name(): string {
    return (
      this.device.productName ||
      `CCID reader ${this.device.vendorId.toString(16)}:${this.device.productId.toString(16)}`
    );
  }

  get hasInterrupt(): boolean {
    return this.endpoints.int !== undefined;
  }

  get closed(): boolean {
    return this.pipe.closed;
  }

  /** Stale frames dropped so far (diagnostics). */
  get droppedFrames(): number {
    return this.pipe.droppedFrames;
  }

  /** Runs one command on `slot` and returns its checked reply. */
  async command(
    slot: number,
    build: (seq: number) => Uint8Array,
    replyType: number,
    opt: CommandOptions = {},
  ): Promise<M.ReaderMessage> {
    if (this.pipe.closed) throw deviceGone('reader closed');
    const releaseSlot = await this.slotLocks[slot]!.acquire();
    const releaseBusy = await this.busySlots.acquire();
    try {
      const base = (this.options.timeoutMs ?? 3000) * (this.quirks.timeoutMultiplier ?? 1);
      const started = Date.now();
      for (let attempt = 1; ; attempt++) {
        const msg = await this.pipe.exchange(slot, build, {
          timeoutMs: base * Math.max(1, opt.timeoutMultiplier ?? 1),
          maxTotalMs: Math.max(this.options.maxTotalMs ?? 120_000, base),
          signal: opt.signal,
        });
        this.onSlotChange(slot, iccStatusOf(msg.bStatus) !== IccStatus.ABSENT, false);
        // Why retry CMD_SLOT_BUSY: a command abandoned after a timeout whose abort was refused may
        // still run in the reader; wait for it (10 ms steps, bounded by the base timeout).
        if (!isSlotBusy(msg) || Date.now() - started + 10 * attempt > base) return checkReply(msg, replyType);
        await sleep(10 * attempt);
      }
    } finally {
      releaseBusy();
      releaseSlot();
    }
  }

  /** PC_to_RDR_GetSlotStatus (§6.1.3): bmICCStatus 0 active, 1 inactive, 2 absent. */
  async getSlotStatus(slot = 0, opt?: CommandOptions): Promise<{ iccStatus: number; clockStatus: number }> {
    const r = await this.command(slot, (s) => M.getSlotStatus(slot, s), M.RDR_TO_PC.SlotStatus, opt);
    return { iccStatus: iccStatusOf(r.bStatus), clockStatus: r.b9 };
  }

  /** PC_to_RDR_Escape (§6.1.8): vendor command, vendor answer. */
  async escape(data: Uint8Array, slot = 0, opt?: CommandOptions): Promise<Uint8Array> {
    return (await this.command(slot, (s) => M.escape(slot, s, data), M.RDR_TO_PC.Escape, opt)).data.slice();
  }

  /** PC_to_RDR_GetParameters (§6.1.5). */
  async getParameters(slot = 0, opt?: CommandOptions): Promise<ProtocolParameters> {
    const r = await this.command(slot, (s) => M.getParameters(slot, s), M.RDR_TO_PC.Parameters, opt);
    return decodeParameters(r.b9, r.data);
  }

  /** PC_to_RDR_SetParameters (§6.1.7). */
  async setParameters(p: ProtocolParameters, slot = 0, opt?: CommandOptions): Promise<ProtocolParameters> {
    const r = await this.command(
      slot,
      (s) => M.setParameters(slot, s, p.protocol, encodeParameters(p)),
      M.RDR_TO_PC.Parameters,
      opt,
    );
    return decodeParameters(r.b9, r.data);
  }

  /** PC_to_RDR_ResetParameters (§6.1.6). */
  async resetParameters(slot = 0, opt?: CommandOptions): Promise<ProtocolParameters> {
    const r = await this.command(slot, (s) => M.resetParameters(slot, s), M.RDR_TO_PC.Parameters, opt);
    return decodeParameters(r.b9, r.data);
  }

  /** Interrupt-IN events (§6.3), called by the interrupt loop. */
  onSlotChange(slot: number, present: boolean, changed: boolean): void {
    const was = this.present[slot];
    this.present[slot] = present;
    if (changed || was !== present)
      this.dispatchEvent(new CustomEvent('slotchange', { detail: { slot, present } }));
  }

  onHardwareError(slot: number, seq: number, code: number): void {
    this.dispatchEvent(new CustomEvent('hardwareerror', { detail: { slot, seq, code } }));
  }

  /** USB disconnect: every pending operation rejects at once with `transport/device-gone`. */
  handleDisconnect(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    this.pipe.failAll(deviceGone('USB disconnect'));
    this.dispatchEvent(new Event('disconnected'));
  }

  /** Releases the interface and closes the device; pending commands reject. */
  async close(): Promise<void> {
    this.pipe.failAll(deviceGone('reader closed'));
    try {
      // Why 1 s: close() only releases the handle; if the OS stalls it, the app moves on anyway.
      await withTimeout(this.device.close(), 1000, 'USB close');
    } catch {
      // Closing a device that is already gone is not an error worth surfacing.
    }
  }
}
