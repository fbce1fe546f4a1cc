/**
 * The composition root: builds the store, configuration, CM client, card session, connectivity
 * and provider choice, and hands them to the UI as {@link AppServices}. The only module that may
 * import every layer (docs/architecture.md "Layers": main.ts "config, provider registry, app element").
 */
import type { AuthSession } from './auth';
import { CmApiError, CmClient } from './cm';
import { CardSession } from './flows/card-session';
import type { FlowDeps } from './flows';
import { openAppStore } from './store';
import { ApduLog } from './transport/apdu-log';
import { loadProvider, providerOptions } from './transport/registry';
import type { SimulatorProvider } from './sim/simulator-provider';
import { TransportError, type CardReader, type ProviderKind, type ReaderProvider } from './transport/types';
import { once, startAuthSession } from './config/auth-source';
import {
  browserConfigSources,
  DEFAULT_CM_BASE,
  normaliseCmBaseUrl,
  resolveAppConfig,
  type AppConfig,
} from './config/app-config';
import { Connectivity, ownOriginAnswers } from './net/connectivity';
import { setSupportContact } from './ui/i18n/error-text';
import type { AppServices } from './ui/services';

/** CM codes that mean "no answer came back"; any HTTP answer (even 401/403/500) means reachable. */
const UNREACHABLE = new Set(['cm/network', 'cm/cors', 'cm/timeout']);

class Services extends EventTarget implements AppServices {
  readonly log = new ApduLog();
  readonly session: CardSession;
  readonly connectivity = new Connectivity(window);
  readonly cm: CmClient;
  readonly providers = providerOptions();
  providerKind: ProviderKind | undefined;
  private provider: ReaderProvider | undefined;

  constructor(
    readonly store: AppServices['store'],
    public config: AppConfig,
    private byteOrder: 'dotnet' | 'rfc4122',
    readonly demo: boolean,
    readonly auth: AuthSession,
    readonly authIssues?: readonly string[],
  ) {
    super();
    // Windows mode sends credentials so the browser can negotiate cross-origin too (CORS with
    // Allow-Credentials); with bearer tokens cookies are not needed across origins.
    this.cm = new CmClient({
      baseUrl: config.cmBaseUrl,
      auth,
      credentials: auth.mode === 'windows' ? 'include' : 'same-origin',
    });
    this.session = new CardSession({ log: this.log, byteOrder: () => this.byteOrder });
    // Why 5 s: a probe only decides the offline badge; a slow server is shown as reachable later.
    this.connectivity.setProbe(() =>
      this.cm.getProfileTemplates({ signal: AbortSignal.timeout(5000) }).then(
        () => true,
        (e: unknown) => {
          if (!(e instanceof CmApiError && UNREACHABLE.has(e.code))) return true;
          // CORS means the server answered and the browser blocked it: the network is up.
          return e.code === 'cm/cors' ? false : ownOriginAnswers().then((up) => (up ? false : 'offline'));
        },
      ),
    );
  }

  get demoCard(): AppServices['demoCard'] {
    if (!__SIMULATOR__ || this.providerKind !== 'simulator') return undefined;
    const sim = this.provider as SimulatorProvider;
    return { card: sim.card, insert: (t) => sim.insert(t), remove: () => sim.remove() };
  }

  flowDeps(extra: Partial<FlowDeps> = {}): FlowDeps | undefined {
    const card = this.session.card;
    return card
      ? { card, cm: this.cm, store: this.store, cardIdByteOrder: this.byteOrder, ...extra }
      : undefined;
  }

  async useProvider(kind: ProviderKind): Promise<void> {
    // Only the composition root reaches sim/ (docs/architecture.md "Layers"); the bundler drops this
    // dynamic import where __SIMULATOR__ is false, so production builds hold no simulator code.
    const provider: ReaderProvider =
      __SIMULATOR__ && kind === 'simulator'
        ? await (await import('./sim/simulator-provider')).SimulatorProvider.create()
        : await loadProvider(kind, this.config.bridge);
    let readers: CardReader[];
    try {
      // The simulator's reader is granted up front; real USB readers need the chooser (user gesture).
      readers = await provider.knownReaders();
      if (readers.length === 0 && !(__SIMULATOR__ && kind === 'simulator'))
        readers = await provider.requestReaders();
      if (readers.length === 0) throw new TransportError('transport/no-reader', 'no reader was chosen');
    } catch (e) {
      provider.close?.(); // a route that was not taken keeps no socket or watcher open
      throw e;
    }
    this.adopt(provider, kind);
    if (__SIMULATOR__ && provider instanceof EventTarget)
      provider.addEventListener('simcardchange', () => this.dispatchEvent(new Event('change')));
    if (kind === 'card-bridge') this.followBridgeReturn(provider);
    await this.session.useReader(readers[0]!);
    this.dispatchEvent(new Event('change'));
  }

  get cardIdByteOrder(): 'dotnet' | 'rfc4122' {
    return this.byteOrder;
  }

  /**
   * At start, outside the demo: follow the card bridge if it is the first route and answers
   * without a prompt (managed machines pre-allow it); else leave the choice to the user.
   */
  async autoStart(): Promise<void> {
    if (this.providers[0]?.kind !== 'card-bridge' || !this.providers[0].support.supported) return;
    const provider = await loadProvider('card-bridge', this.config.bridge);
    const readers = await provider.knownReaders();
    if (readers.length === 0 || this.provider) return provider.close?.();
    this.adopt(provider, 'card-bridge');
    this.followBridgeReturn(provider);
    await this.session.useReader(readers[0]!);
    this.dispatchEvent(new Event('change'));
  }

  /**
   * When the bridge comes back after its readers were lost (the socket closed, or the status
   * watcher gave up), follow its first reader again — the card is read afresh on a new connection,
   * and a flow view waiting for that card continues by itself. One re-follow at a time: a second
   * `readerschanged` while one runs would release the reader just followed and re-read the card
   * under a flow that has started on it.
   */
  private followBridgeReturn(provider: ReaderProvider): void {
    let following = false;
    (provider as ReaderProvider & EventTarget).addEventListener('readerschanged', () => {
      if (following || this.provider !== provider || this.session.following) return;
      following = true;
      void provider
        .knownReaders()
        .then((r) =>
          r[0] && this.provider === provider && !this.session.following
            ? this.session.useReader(r[0])
            : undefined,
        )
        .catch(() => undefined)
        .finally(() => (following = false));
    });
  }

  /** Makes `provider` the route, closing the one it replaces (its socket, its status watcher). */
  private adopt(provider: ReaderProvider, kind: ProviderKind): void {
    if (this.provider !== provider) this.provider?.close?.();
    this.provider = provider;
    this.providerKind = kind;
  }

  async saveSetting(key: 'cmBaseUrl' | 'cardIdByteOrder', value: string): Promise<void> {
    await this.store.settings.set(key, value);
    if (key === 'cmBaseUrl' && this.config.source !== 'managed' && this.config.source !== 'config-json') {
      // Applies at once: later calls (and the reachability probe) go to the new address.
      this.config = { ...this.config, cmBaseUrl: value, source: 'settings' };
      this.cm.setBaseUrl(value);
      this.dispatchEvent(new Event('change'));
      void this.connectivity.check();
    }
    if (key === 'cardIdByteOrder') {
      this.byteOrder = value === 'rfc4122' ? 'rfc4122' : 'dotnet';
      await this.session.identify();
    }
  }
}

/**
 * The same-origin API path, absolute where the origin allows it. An Isolated Web App's
 * `isolated-app:` origin has no CM behind it and fails the https check; the app must still start
 * (the user or policy then sets the address), so the relative path is kept as a placeholder.
 */
function sameOriginDefault(): string {
  try {
    return normaliseCmBaseUrl(DEFAULT_CM_BASE, location.origin);
  } catch {
    return DEFAULT_CM_BASE;
  }
}

/** Builds the services; never throws — a broken configuration falls back to the same-origin API. */
export async function composeServices(opts: {
  demo: boolean;
}): Promise<AppServices & EventTarget & { autoStart(): Promise<void> }> {
  // IndexedDB opens while config.json and the managed policy are fetched: neither waits for the
  // other (docs/flow-timing.md "Boot"); the stored CM address is read once the store is open.
  const opening = openAppStore();
  const sources = browserConfigSources(async () => (await opening).settings.get('cmBaseUrl'));
  sources.managed = once(sources.managed);
  sources.configJson = once(sources.configJson);
  void sources.managed?.().catch(() => undefined); // started now; resolveAppConfig reads the answers
  void sources.configJson?.().catch(() => undefined);
  const store = await opening;
  let config: AppConfig;
  try {
    config = await resolveAppConfig(sources);
  } catch (e) {
    console.warn('configuration rejected, using the same-origin CM API', (e as { code?: string }).code);
    config = { cmBaseUrl: sameOriginDefault(), source: 'default' };
  }
  setSupportContact(config.supportContact);
  const order = (await store.settings.get('cardIdByteOrder')) === 'rfc4122' ? 'rfc4122' : 'dotnet';
  const { auth, issues } = await startAuthSession(sources);
  return new Services(store, config, order, opts.demo, auth, issues);
}
