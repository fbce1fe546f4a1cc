/**
 * The Web Smart Card `ReaderProvider` (docs/architecture.md "Interfaces"; WICG Web Smart Card,
 * the WICG Web Smart Card API draft): PC/SC through `navigator.smartCard`, exposed only in
 * isolated contexts (Isolated Web Apps) and shipped on ChromeOS only.
 *
 * Two contexts: one for listing, presence, connections and APDUs (one lane, in order), one for
 * the status watcher whose getStatusChange call is outstanding most of the time. Nothing here
 * touches the API until a reader is asked for — `isSupported()` only looks — because on desktop
 * Linux Chromium `establishContext()` kills the renderer (no SmartCardService binder there;
 * docs/architecture.md "Test tiers").
 */
import type { SmartCardResourceManager } from './web-smart-card-api';
import { withTimeout } from '../ccid/timing';
import { wsc } from './web-smart-card-errors';
import { ContextLane } from './web-smart-card-lane';
import { WebSmartCardReader, type WscReaderOptions } from './web-smart-card-reader';
import { watchReaders, type WatchOptions } from './web-smart-card-watch';
import type { RouteEnvironment } from './routes';
import { webSmartCardSupport } from './support';
import type { ReaderProvider, Support } from './types';

/** PC/SC's pseudo-reader for reader arrival (pcsc-lite, WinSCard); never a real reader. */
export const PNP_NOTIFICATION = '\\\\?PnP?\\Notification';

export interface WebSmartCardOptions extends WscReaderOptions, WatchOptions {
  /** Bound on establishContext. Why 10 s: the ChromeOS Smart Card Connector may still be starting. */
  establishTimeoutMs?: number;
}

type Env = RouteEnvironment & { navigator?: { smartCard?: unknown } };

export class WebSmartCardProvider extends EventTarget implements ReaderProvider {
  readonly kind = 'web-smart-card' as const;
  private lanes: Promise<{ main: ContextLane; watch: ContextLane }> | undefined;
  private readonly readers = new Map<string, WebSmartCardReader>();
  private watching: AbortController | undefined;

  constructor(
    private readonly env: Env = globalThis as Env,
    private readonly opts: WebSmartCardOptions = {},
  ) {
    super();
  }

  private get api(): SmartCardResourceManager | undefined {
    return (this.env.navigator?.smartCard ?? undefined) as SmartCardResourceManager | undefined;
  }

  /** Feature detection only (never establishContext, see the file comment). */
  isSupported(): Support {
    return webSmartCardSupport(this.env);
  }

  /** The API has no chooser (the permission prompt comes at connect), so this lists the readers. */
  requestReaders(): Promise<WebSmartCardReader[]> {
    return this.knownReaders();
  }

  /** Lists the PC/SC readers (WICG § listReaders(); none is `[]`) and starts watching them. */
  async knownReaders(): Promise<WebSmartCardReader[]> {
    if (this.isSupported().supported !== true) return [];
    const { main, watch } = await this.contexts();
    const names = await main.run(
      'listReaders',
      (ctx) => ctx.listReaders(),
      this.opts.controlTimeoutMs ?? 10_000,
    );
    const list = names.filter((n) => n !== PNP_NOTIFICATION);
    for (const [name, r] of this.readers)
      if (!list.includes(name) || r.disconnected) this.readers.delete(name);
    for (const name of list)
      if (!this.readers.has(name)) this.readers.set(name, new WebSmartCardReader(name, main, this.opts));
    this.restartWatch(watch);
    return [...this.readers.values()];
  }

  /** Stops the watcher (cancels its outstanding getStatusChange). Connections stay usable. */
  close(): void {
    this.watching?.abort();
    this.watching = undefined;
  }

  private contexts(): Promise<{ main: ContextLane; watch: ContextLane }> {
    const api = this.api!;
    const bound = this.opts.establishTimeoutMs ?? 10_000;
    this.lanes ??= (async () => {
      const establish = () =>
        withTimeout(
          wsc('establishContext', () => api.establishContext()),
          bound,
          'Web Smart Card establishContext',
        );
      const [a, b] = await Promise.all([establish(), establish()]);
      return { main: new ContextLane(a), watch: new ContextLane(b) };
    })();
    this.lanes.catch(() => (this.lanes = undefined));
    return this.lanes;
  }

  private restartWatch(watch: ContextLane): void {
    this.watching?.abort();
    const ac = new AbortController();
    this.watching = ac;
    const readers = [...this.readers.values()];
    void watchReaders(watch, readers, ac.signal, this.opts).finally(() => {
      if (this.watching === ac) this.watching = undefined;
      if (!ac.signal.aborted) this.dispatchEvent(new Event('readerschanged'));
    });
  }
}
