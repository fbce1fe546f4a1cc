/**
 * One slot of the virtual CCID reader: ICC power state, protocol parameters, and the reader-side
 * handling of every PC_to_RDR command (CCID 1.1 §6.1) at the configured exchange level — APDU
 * pass-through, extended-APDU chaining by wLevelParameter (§6.1.4), or TPDU with the card-side
 * T=0 / T=1 engines.
 */
import { parseAtr } from '../iso7816/atr';
import type { VirtualCard } from './ccid-card';
import { MSG, REPLY, reply, replyTypeFor, type HostCommand } from './ccid-frames';
import type { SimLevel } from './ccid-config';
import { T0Card } from './ccid-t0';
import { T1Card } from './t1-card';

export const FAILED = 1;
const ERR = { CMD_NOT_SUPPORTED: 0x00, ICC_MUTE: 0xfe, BAD_LENGTH: 0x01, BAD_FIELD7: 0x07, BAD_LEVEL: 0x08 };

interface SlotConfig {
  level: SimLevel;
  maxMessage: number;
  voltageSupport: number;
  /** bPowerSelect values the card refuses (to exercise the host's voltage fallback). */
  rejectVoltages: number[];
  t1WtxPerCommand: number;
}

export class SimSlot {
  card: VirtualCard | undefined;
  powered = false;
  protocol = 0;
  params: Uint8Array = Uint8Array.of(0x11, 0x00, 0x00, 0x0a, 0x00);
  t0: T0Card | undefined;
  t1: T1Card | undefined;
  busy = false;
  currentSeq = -1;
  abortSeqs = new Set<number>();
  abortNow: (() => void) | undefined;
  /** Set when the running command was aborted (CCID 1.1 §5.3.1); long-running faults stop on it. */
  aborted = false;
  done: Promise<void> = Promise.resolve();
  private extIn: number[] | undefined;
  private extOut: Uint8Array | undefined;
  private extOff = 0;
  /** Commands received per type (for tests: e.g. "no SetParameters was sent"). */
  readonly seen = new Map<number, number>();
  /** bPowerSelect of every IccPowerOn received, in order. */
  readonly powerSelects: number[] = [];
  ppsSeen: Uint8Array | undefined;

  constructor(
    readonly index: number,
    private readonly cfg: SlotConfig,
  ) {}

  get iccStatus(): number {
    return this.card ? (this.powered ? 0 : 1) : 2;
  }

  fail(cmd: HostCommand, bError: number): Uint8Array {
    return reply(replyTypeFor(cmd.type), cmd.slot, cmd.seq, FAILED, this.iccStatus, bError, 0);
  }

  ok(cmd: HostCommand, data?: Uint8Array, b9 = 0, type = replyTypeFor(cmd.type)): Uint8Array {
    return reply(type, cmd.slot, cmd.seq, 0, this.iccStatus, 0, b9, data);
  }

  /** Executes one command and returns the reply message. */
  async execute(cmd: HostCommand): Promise<Uint8Array> {
    this.seen.set(cmd.type, (this.seen.get(cmd.type) ?? 0) + 1);
    switch (cmd.type) {
      case MSG.IccPowerOn:
        return this.powerOn(cmd);
      case MSG.IccPowerOff:
        this.powered = false;
        return this.ok(cmd);
      case MSG.GetSlotStatus:
        return this.ok(cmd);
      case MSG.XfrBlock:
        if (!this.card || !this.powered) return this.fail(cmd, ERR.ICC_MUTE);
        return this.xfr(cmd);
      case MSG.GetParameters:
        return this.ok(cmd, this.params, this.protocol);
      case MSG.ResetParameters:
        this.params =
          this.protocol === 1
            ? Uint8Array.of(0x11, 0x10, 0, 0x4d, 0, 0x20, 0)
            : Uint8Array.of(0x11, 0, 0, 0x0a, 0);
        return this.ok(cmd, this.params, this.protocol);
      case MSG.SetParameters:
        if (cmd.b7 > 1) return this.fail(cmd, ERR.BAD_FIELD7);
        if (cmd.data.length !== (cmd.b7 === 0 ? 5 : 7)) return this.fail(cmd, ERR.BAD_LENGTH);
        this.protocol = cmd.b7;
        this.params = cmd.data;
        return this.ok(cmd, this.params, this.protocol);
      case MSG.Escape:
        return this.ok(cmd, cmd.data);
      case MSG.IccClock:
        return this.ok(cmd, undefined, cmd.b7 === 1 ? 1 : 0);
      case MSG.T0APDU:
        return this.ok(cmd);
      case MSG.SetDataRateAndClockFrequency:
        return cmd.data.length === 8 ? this.ok(cmd, cmd.data) : this.fail(cmd, ERR.BAD_LENGTH);
      default: // Secure (no PIN pad), Mechanical (no mechanics), unknown types
        return this.fail(cmd, ERR.CMD_NOT_SUPPORTED);
    }
  }

  private powerOn(cmd: HostCommand): Uint8Array {
    this.powerSelects.push(cmd.b7);
    if (!this.card) return this.fail(cmd, ERR.ICC_MUTE);
    if (cmd.b7 > 3) return this.fail(cmd, ERR.BAD_FIELD7);
    if (cmd.b7 !== 0 && !(this.cfg.voltageSupport & (1 << (cmd.b7 - 1))))
      return this.fail(cmd, ERR.BAD_FIELD7);
    if (this.cfg.rejectVoltages.includes(cmd.b7)) return this.fail(cmd, ERR.ICC_MUTE);
    const atr = parseAtr(this.card.atr);
    this.protocol = atr.protocols[0] === 1 ? 1 : 0;
    this.params =
      this.protocol === 1
        ? Uint8Array.of(0x11, 0x10, 0, 0x4d, 0, 0x20, 0)
        : Uint8Array.of(0x11, 0, 0, 0x0a, 0);
    this.t0 = new T0Card(this.card);
    this.t1 = new T1Card(this.card, {
      edc: atr.t1.edc,
      ifsc: atr.t1.ifsc,
      wtxPerCommand: this.cfg.t1WtxPerCommand,
    });
    this.extIn = undefined;
    this.extOut = undefined;
    this.card.reset?.();
    this.powered = true;
    return this.ok(cmd, this.card.atr);
  }

  private async xfr(cmd: HostCommand): Promise<Uint8Array> {
    const card = this.card!;
    switch (this.cfg.level) {
      case 'tpdu':
        if (cmd.data[0] === 0xff) {
          // PPS request (ISO/IEC 7816-3 §9): the card accepts by echoing it.
          this.ppsSeen = cmd.data;
          return this.ok(cmd, cmd.data);
        }
        return this.ok(
          cmd,
          this.protocol === 1 ? await this.t1!.handle(cmd.data) : await this.t0!.handle(cmd.data),
        );
      case 'short-apdu':
        if (cmd.data.length > 261 || cmd.data.length < 4) return this.fail(cmd, ERR.BAD_LENGTH);
        return this.ok(cmd, await card.process(cmd.data));
      case 'extended-apdu':
        return this.extended(cmd, card);
      default:
        return this.fail(cmd, ERR.CMD_NOT_SUPPORTED);
    }
  }

  /** wLevelParameter chaining (CCID 1.1 §6.1.4, Table 6.1-3 / §6.2.1 bChainParameter). */
  private async extended(cmd: HostCommand, card: VirtualCard): Promise<Uint8Array> {
    const level = cmd.b8 | (cmd.b9 << 8);
    if (level === 0x10) return this.nextOut(cmd);
    if (level === 0x01 || level === 0x00) this.extIn = [];
    if (!this.extIn || ![0, 1, 2, 3].includes(level)) return this.fail(cmd, ERR.BAD_LEVEL);
    for (const b of cmd.data) this.extIn.push(b);
    if (level === 0x01 || level === 0x03) return this.ok(cmd, undefined, 0x10);
    const apdu = Uint8Array.from(this.extIn);
    this.extIn = undefined;
    this.extOut = await card.process(apdu);
    this.extOff = 0;
    return this.nextOut(cmd, true);
  }

  private nextOut(cmd: HostCommand, first = false): Uint8Array {
    const out = this.extOut;
    if (!out) return this.fail(cmd, ERR.BAD_LEVEL);
    const room = this.cfg.maxMessage - 10;
    const end = Math.min(out.length, this.extOff + room);
    const chunk = out.subarray(this.extOff, end);
    this.extOff = end;
    const more = end < out.length;
    if (!more) this.extOut = undefined;
    const chain = first ? (more ? 0x01 : 0x00) : more ? 0x03 : 0x02;
    return reply(REPLY.DataBlock, cmd.slot, cmd.seq, 0, this.iccStatus, 0, chain, chunk);
  }
}
