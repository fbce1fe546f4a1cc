/**
 * `CardReader` (transport/types.ts) for one PC/SC reader reached through the Web Smart Card API.
 * Presence is asked with getStatusChange (state "unaware" answers at once, PC/SC SCardGetStatusChange);
 * connect is shared mode with T=0 or T=1 (WICG § connect(); the permission prompt appears here);
 * insert/remove/gone events come from the provider's status watcher.
 */
import type { SmartCardProtocol } from './web-smart-card-api';
import { WebSmartCardConnection, type WscConnectionOptions } from './web-smart-card-connection';
import type { ContextLane } from './web-smart-card-lane';
import type { AppError } from '../errors';
import {
  ReaderGoneEvent,
  TransportError,
  type CardConnection,
  type CardProtocol,
  type CardReader,
  type ReaderEventType,
} from './types';

/** Why T=0 and T=1: the two ISO/IEC 7816-3 protocols; "raw" is for memory cards we do not manage. */
const PREFERRED_PROTOCOLS: SmartCardProtocol[] = ['t0', 't1'];

export interface WscReaderOptions extends WscConnectionOptions {
  /** Bound on connect (includes the user's answer to the permission prompt). Why 120 s: a person reads the prompt. */
  connectTimeoutMs?: number;
}

const PROTOCOL: Record<SmartCardProtocol, CardProtocol> = { t0: 'T0', t1: 'T1', raw: 'RAW' };

/** Maps the IDL protocol to the transport's spelling (ISO/IEC 7816-3 §10/§11; PC/SC raw). */
function toCardProtocol(p: SmartCardProtocol | undefined): CardProtocol {
  return p ? PROTOCOL[p] : 'T1';
}

export class WebSmartCardReader extends EventTarget implements CardReader {
  private gone = false;

  constructor(
    readonly name: string,
    private readonly lane: ContextLane,
    private readonly opts: WscReaderOptions = {},
  ) {
    super();
  }

  /** True once the platform reported the reader unknown or unavailable. */
  get disconnected(): boolean {
    return this.gone;
  }

  async cardPresent(): Promise<boolean> {
    this.ensureThere();
    const [state] = await this.lane.run(
      'getStatusChange',
      (ctx) =>
        ctx.getStatusChange([{ readerName: this.name, currentState: { unaware: true } }], { timeout: 0 }),
      this.opts.controlTimeoutMs ?? 10_000,
    );
    if (!state || state.eventState.unknown || state.eventState.unavailable) {
      this.markGone();
      throw new TransportError('transport/device-gone', `reader ${this.name} is gone`, {
        op: 'getStatusChange',
      });
    }
    return state.eventState.present && !state.eventState.mute;
  }

  async connect(): Promise<CardConnection> {
    this.ensureThere();
    const { connection, activeProtocol } = await this.lane.run(
      'connect',
      (ctx) => ctx.connect(this.name, 'shared', { preferredProtocols: PREFERRED_PROTOCOLS }),
      this.opts.connectTimeoutMs ?? 120_000,
    );
    // The connect result carries no ATR; status() does (§ SmartCardConnectionStatus.answerToReset).
    const status = await this.lane
      .run('status', () => connection.status(), this.opts.controlTimeoutMs ?? 10_000)
      .catch(async (e: unknown) => {
        await this.lane.run('disconnect', () => connection.disconnect('leave'), 5000).catch(() => undefined);
        throw e;
      });
    const protocol =
      activeProtocol ??
      (['t0', 't1', 'raw'].includes(status.state) ? (status.state as SmartCardProtocol) : undefined);
    const atr = new Uint8Array(status.answerToReset ?? new ArrayBuffer(0));
    return new WebSmartCardConnection(this.lane, connection, atr, toCardProtocol(protocol), this.opts);
  }

  override addEventListener(type: ReaderEventType | string, listener: (ev: Event) => void): void {
    super.addEventListener(type, listener);
  }

  override removeEventListener(type: ReaderEventType | string, listener: (ev: Event) => void): void {
    super.removeEventListener(type, listener);
  }

  /** Called by the watcher: a card arrived or left. */
  notifyCard(present: boolean): void {
    if (!this.gone) this.dispatchEvent(new Event(present ? 'cardinserted' : 'cardremoved'));
  }

  /**
   * Called by the watcher (or on an "unknown reader" answer): the reader left; fires once. With
   * `reason` (e.g. the card bridge's connection closed) the `disconnected` event is a
   * {@link ReaderGoneEvent} carrying it, so the app can say why rather than "no reader".
   */
  markGone(reason?: AppError): void {
    if (this.gone) return;
    this.gone = true;
    this.dispatchEvent(reason ? new ReaderGoneEvent(reason) : new Event('disconnected'));
  }

  private ensureThere(): void {
    if (this.gone)
      throw new TransportError('transport/device-gone', `reader ${this.name} is gone`, { op: 'connect' });
  }
}
