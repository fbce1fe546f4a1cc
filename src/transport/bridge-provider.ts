/**
 * The "Kartenbrücke / Card bridge" route: the local card bridge (bridge/, docs/bridge-protocol.md)
 * reached over `ws://127.0.0.1:PORT/`, presented to the app through the very same
 * `WebSmartCardProvider` that drives `navigator.smartCard` — one provider, two backends — by
 * handing it an environment whose `smartCard` is {@link BridgeResourceManager}.
 *
 * Prompts: on an unmanaged machine the first socket raises the browser's Local Network Access
 * prompt, so `knownReaders()` (called without a user gesture, e.g. at start) opens no socket unless
 * the permission is already granted (IT's LoopbackNetworkAllowedForUrls policy, or an earlier
 * "Allow"); `requestReaders()` (a click on the route) may.
 */
import { diagnoseBridgeFailure, loopbackPermission, type LnaState } from './bridge-diagnose';
import { DEFAULT_BRIDGE_PORT } from './bridge-protocol';
import { BridgeResourceManager } from './bridge-smart-card';
import { cardBridgeSupport } from './bridge-support';
import type { BridgeSocketOptions } from './bridge-client';
import { WebSmartCardProvider, type WebSmartCardOptions } from './web-smart-card';
import type { WebSmartCardReader } from './web-smart-card-reader';
import { TransportError, type CardReader, type ReaderProvider, type Support } from './types';

interface BridgeProviderOptions extends WebSmartCardOptions, BridgeSocketOptions {
  port?: number;
  /** Where IT offers the bridge for download (shown when it is not running). */
  downloadUrl?: string;
  permission?: () => Promise<LnaState>;
  fetchImpl?: typeof fetch;
}

export class BridgeProvider extends EventTarget implements ReaderProvider {
  readonly kind = 'card-bridge' as const;
  readonly port: number;
  readonly manager: BridgeResourceManager;
  private readonly inner: WebSmartCardProvider;

  constructor(private readonly opts: BridgeProviderOptions = {}) {
    super();
    this.port = opts.port ?? DEFAULT_BRIDGE_PORT;
    this.manager = new BridgeResourceManager(`ws://127.0.0.1:${this.port}/`, opts);
    // Why 130 s: establishContext includes opening the socket, which may wait on the prompt (above).
    this.inner = new WebSmartCardProvider(
      { navigator: { smartCard: this.manager }, isIsolatedContext: true },
      { establishTimeoutMs: 130_000, ...opts },
    );
    this.inner.addEventListener('readerschanged', () => {
      this.dispatchEvent(new Event('readerschanged'));
      this.watchForReturn();
    });
    this.manager.addEventListener('socketclose', () => this.socketClosed());
  }

  /** The readers handed out since the socket last closed. */
  private handedOut: WebSmartCardReader[] = [];

  private async list(): Promise<WebSmartCardReader[]> {
    const readers = await this.inner.knownReaders();
    this.handedOut = readers;
    return readers;
  }

  /**
   * The socket closed: the bridge has released every handle of ours, so no connection on these
   * readers works any more — even once a later call reopens the socket to a restarted bridge. The
   * readers are reported gone at once, with the reason, rather than when the status watcher gives
   * up: a bridge back within the watcher's back-off would otherwise leave the app on a dead
   * connection. Then look for the bridge again ({@link watchForReturn}).
   */
  private socketClosed(): void {
    if (this.closed || this.handedOut.length === 0) return;
    const readers = this.handedOut;
    this.handedOut = [];
    this.inner.close(); // the watcher's readers are the ones now gone; knownReaders() starts a new one
    const reason = new TransportError('transport/bridge-gone', 'the card bridge connection closed', {});
    for (const r of readers) r.markGone(reason);
    this.watchForReturn();
  }

  isSupported(): Support {
    return cardBridgeSupport(globalThis as { WebSocket?: unknown });
  }

  /** Readers without a prompt: only when the loopback permission is already granted (or not gated). */
  async knownReaders(): Promise<CardReader[]> {
    const lna = await (this.opts.permission ?? loopbackPermission)();
    if (lna !== 'granted' && lna !== 'unsupported') return [];
    return this.list().catch(() => []);
  }

  /** After a user gesture: connects (the LNA prompt may appear), or says exactly what is wrong. */
  async requestReaders(): Promise<CardReader[]> {
    let readers: CardReader[];
    // Why 120 s while the prompt may be up: the socket waits for the user's answer to the Local
    // Network Access prompt; otherwise 5 s (loopback answers at once or refuses at once).
    const lna = await (this.opts.permission ?? loopbackPermission)();
    this.manager.setOpenTimeout(lna === 'prompt' ? 120_000 : (this.opts.openTimeoutMs ?? 5000));
    try {
      readers = await this.list();
    } catch (e) {
      throw await diagnoseBridgeFailure(e, {
        port: this.port,
        downloadUrl: this.opts.downloadUrl,
        origin: globalThis.location?.origin,
        permission: this.opts.permission,
        fetchImpl: this.opts.fetchImpl,
      });
    }
    if (readers.length === 0)
      throw new TransportError('transport/bridge-no-reader', 'the card bridge sees no reader', {
        port: this.port,
      });
    return readers;
  }

  private returning: ReturnType<typeof setTimeout> | undefined;

  /**
   * After the status watcher gave up (bridge stopped, readers gone), look for the bridge again and
   * announce `readerschanged` once it lists readers, so the app can follow them without a reload.
   * Why every 2 s for at most 5 min: a restarted bridge (logon task, update) is back within
   * seconds; after that the user chooses the route again.
   */
  private watchForReturn(tries = 150): void {
    clearTimeout(this.returning);
    if (tries <= 0 || this.closed) return;
    this.returning = setTimeout(() => {
      this.list().then(
        (readers) =>
          readers.length > 0
            ? this.dispatchEvent(new Event('readerschanged'))
            : this.watchForReturn(tries - 1),
        () => this.watchForReturn(tries - 1),
      );
    }, 2000);
  }

  private closed = false;

  /** Stops watching and closes the socket (the bridge releases every handle). */
  close(): void {
    this.closed = true;
    clearTimeout(this.returning);
    this.inner.close();
    this.manager.close();
  }
}
