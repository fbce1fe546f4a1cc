/**
 * One slot of a CCID reader and the card session on it: power-on with voltage selection, protocol
 * and parameter set-up like libccid (`CmdPowerOn`, `IFDHSetProtocolParameters`; docs/ccid-t1.md "Opening a reader"
 * steps 2–4), then APDU transmission at the reader's exchange level.
 */
import { TransportError, isAppError } from '../errors';
import { parseAtr, type Atr } from '../iso7816/atr';
import { transmitExtendedApdu, transmitShortApdu, type XfrIo } from './apdu-level';
import { CcidError, protocolError } from './errors';
import type { ExchangeLevel } from './descriptor';
import * as M from './messages';
import { chooseProtocol, parametersFromAtr, powerSelectOrder, ppsRequest } from './power';
import type { CcidReader, CommandOptions } from './reader';
import { IccStatus } from './slot-errors';
import { Semaphore } from './lock';
import { transmitT0 } from './t0-tpdu';
import { T1Host } from './t1-engine';

export class CcidSlot {
  constructor(
    readonly reader: CcidReader,
    readonly index: number,
  ) {}

  /** True when a card is in the slot (GetSlotStatus, CCID 1.1 §6.1.3). */
  async cardPresent(opt?: CommandOptions): Promise<boolean> {
    return (await this.reader.getSlotStatus(this.index, opt)).iccStatus !== IccStatus.ABSENT;
  }

  /** PC_to_RDR_IccPowerOn, trying each voltage of {@link powerSelectOrder}; resolves with the ATR. */
  async powerOn(opt?: CommandOptions): Promise<Uint8Array> {
    let last: unknown;
    for (const sel of powerSelectOrder(this.reader.descriptor, this.reader.options.voltageOrder)) {
      try {
        const r = await this.reader.command(
          this.index,
          (s) => M.iccPowerOn(this.index, s, sel),
          M.RDR_TO_PC.DataBlock,
          opt,
        );
        return r.data.slice();
      } catch (e) {
        // Only a card that stays silent or refuses this class is worth another voltage.
        if (!isAppError(e, 'ccid/icc-mute') && !isAppError(e, 'ccid/slot-error')) throw e;
        last = e;
        await this.powerOff(opt).catch(() => undefined);
      }
    }
    throw last;
  }

  /** PC_to_RDR_IccPowerOff (§6.1.2). */
  async powerOff(opt?: CommandOptions): Promise<void> {
    await this.reader.command(this.index, (s) => M.iccPowerOff(this.index, s), M.RDR_TO_PC.SlotStatus, opt);
  }

  /** Powers the card, negotiates protocol and parameters, and returns the session. */
  async connect(opt?: CommandOptions): Promise<CcidCardSession> {
    const atrBytes = await this.powerOn(opt);
    const atr = parseAtr(atrBytes);
    const d = this.reader.descriptor;
    const protocol = chooseProtocol(atr, d);
    const session = new CcidCardSession(this, atrBytes, atr, protocol);
    if (!d.features.autoParamNegotiation) {
      const pps =
        d.exchangeLevel === 'tpdu' ? ppsRequest(atr, d, protocol, this.reader.quirks.noPps) : undefined;
      if (pps) {
        const r = await session.xfr(pps, 0, 0, opt?.signal);
        if (r.data.length < 2 || r.data[0] !== 0xff || (r.data[1]! & 0x0f) !== protocol) {
          throw new CcidError('ccid/pps', 'The card refused the PPS request', { protocol });
        }
      }
      try {
        await this.reader.setParameters(parametersFromAtr(atr, d, protocol), this.index, opt);
      } catch (e) {
        if (!this.reader.quirks.ignoreSetParametersFailure || !isAppError(e, 'ccid/slot-error')) throw e;
      }
    }
    if (d.exchangeLevel === 'tpdu' && protocol === 1) {
      const t1 = new T1Host(
        (b, bwi, signal) => session.xfr(b, bwi, 0, signal, Math.max(1, bwi)).then((r) => r.data.slice()),
        {
          ifsc: atr.t1.ifsc,
          edc: atr.t1.edc,
        },
      );
      session.t1 = t1;
      if (!d.features.autoIfsd) await t1.negotiateIfsd(Math.min(254, d.dwMaxIFSD || 254), opt?.signal);
    }
    return session;
  }
}

/** A powered card in a slot. */
export class CcidCardSession implements XfrIo {
  t1: T1Host | undefined;
  readonly level: ExchangeLevel;
  private readonly apduLock = new Semaphore(1);
  readonly maxData: number;

  constructor(
    readonly slot: CcidSlot,
    readonly atr: Uint8Array,
    readonly atrInfo: Atr,
    readonly protocol: 0 | 1,
  ) {
    this.level = slot.reader.descriptor.exchangeLevel;
    this.maxData = slot.reader.descriptor.dwMaxCCIDMessageLength - M.HEADER_LENGTH;
  }

  /** One XfrBlock on this slot (§6.1.4). */
  xfr(
    data: Uint8Array,
    bwi: number,
    levelParameter: number,
    signal?: AbortSignal,
    timeoutMultiplier = 1,
  ): Promise<M.ReaderMessage> {
    const i = this.slot.index;
    if (data.length > this.maxData)
      return Promise.reject(protocolError(`${data.length} bytes exceed dwMaxCCIDMessageLength`));
    return this.slot.reader.command(
      i,
      (s) => M.xfrBlock(i, s, data, bwi, levelParameter),
      M.RDR_TO_PC.DataBlock,
      { signal, timeoutMultiplier },
    );
  }

  /** Whether extended-length APDUs reach the card (extended-APDU level, or TPDU with T=1 / ENVELOPE). */
  get extendedLength(): boolean {
    return this.level === 'extended-apdu' || this.level === 'tpdu';
  }

  /**
   * Sends one command APDU and returns the response APDU (SW1 SW2 included). APDUs are serialised
   * per session: one APDU may take many XfrBlocks (chaining, GET RESPONSE, T=1 blocks) that must
   * not interleave with another APDU's.
   */
  async transmit(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const release = await this.apduLock.acquire();
    try {
      return await this.transmitNow(apdu, signal);
    } finally {
      release();
    }
  }

  private transmitNow(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    switch (this.level) {
      case 'short-apdu':
        return transmitShortApdu(this, apdu, signal);
      case 'extended-apdu':
        return transmitExtendedApdu(this, apdu, signal);
      case 'tpdu':
        if (this.t1) return this.t1.transceive(apdu, signal);
        return transmitT0((t, sig) => this.xfr(t, 0, 0, sig).then((r) => r.data.slice()), apdu, signal);
      default:
        return Promise.reject(
          new TransportError(
            'transport/not-supported',
            'Character-level CCID readers (6 of 691 known) are not supported',
            { level: this.level },
          ),
        );
    }
  }

  /** Ends the session: `leave` keeps the card powered, `reset` re-powers it, `unpower` powers it off. */
  async disconnect(disposition: 'leave' | 'reset' | 'unpower' = 'leave'): Promise<void> {
    if (disposition === 'leave') return;
    await this.slot.powerOff();
    if (disposition === 'reset') await this.slot.powerOn();
  }
}
