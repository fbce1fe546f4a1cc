/**
 * The composition root: builds the store, configuration, CM client, card session, connectivity
 * and provider choice, and hands them to the UI as {@link AppServices}. The only module that may
 * import every layer (ARCHITECTURE.md: main.ts "config, provider registry, app element").
 */
import { CmApiError, CmClient } from './cm';
import { CardSession } from './flows/card-session';
import type { FlowDeps } from './flows';
import { openAppStore } from './store';
import { ApduLog } from './transport/apdu-log';
import { loadProvider, providerOptions } from './transport/registry';
import type { SimulatorProvider } from './transport/simulator';
import { TransportError, type ProviderKind, type ReaderProvider } from './transport/types';
import { browserConfigSources, DEFAULT_CM_BASE, normaliseCmBaseUrl, resolveAppConfig, type AppConfig } from './ui/config/app-config';
import { Connectivity } from './ui/connectivity';
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
    readonly config: AppConfig,
    private byteOrder: 'dotnet' | 'rfc4122',
    readonly demo: boolean,
  ) {
    super();
    this.cm = new CmClient({ baseUrl: config.cmBaseUrl });
    this.session = new CardSession({ log: this.log, byteOrder: () => this.byteOrder });
    // Why 5 s: a probe only decides the offline badge; a slow server is shown as reachable later.
    this.connectivity.setProbe(() =>
      this.cm.getProfileTemplates({ signal: AbortSignal.timeout(5000) }).then(
        () => true,
        (e: unknown) => !(e instanceof CmApiError && UNREACHABLE.has(e.code)),
      ),
    );
  }

  get simulator(): AppServices['simulator'] {
    if (this.providerKind !== 'simulator') return undefined;
    const sim = this.provider as SimulatorProvider;
    return { card: sim.card, insert: (t) => sim.insert(t), remove: () => sim.remove() };
  }

  flowDeps(extra: Partial<FlowDeps> = {}): FlowDeps | undefined {
    const card = this.session.card;
    return card ? { card, cm: this.cm, store: this.store, cardIdByteOrder: this.byteOrder, ...extra } : undefined;
  }

  async useProvider(kind: ProviderKind): Promise<void> {
    const provider = await loadProvider(kind, this.config.bridge);
    // The simulator's reader is granted up front; real USB readers need the chooser (user gesture).
    let readers = await provider.knownReaders();
    if (readers.length === 0 && kind !== 'simulator') readers = await provider.requestReaders();
    if (readers.length === 0) throw new TransportError('transport/no-reader', 'no reader was chosen');
    this.provider = provider;
    this.providerKind = kind;
    if (provider instanceof EventTarget) provider.addEventListener('simcardchange', () => this.dispatchEvent(new Event('change')));
    if (kind === 'card-bridge') this.followBridgeReturn(provider);
    await this.session.useReader(readers[0]!);
    this.dispatchEvent(new Event('change'));
  }

  /**
   * At start, outside the demo: follow the card bridge if it is the first route and answers
   * without a prompt (managed machines pre-allow it); else leave the choice to the user.
   */
  async autoStart(): Promise<void> {
    if (this.providers[0]?.kind !== 'card-bridge' || !this.providers[0].support.supported) return;
    const provider = await loadProvider('card-bridge', this.config.bridge);
    const readers = await provider.knownReaders();
    if (readers.length === 0 || this.provider) return;
    this.provider = provider;
    this.providerKind = 'card-bridge';
    this.followBridgeReturn(provider);
    await this.session.useReader(readers[0]!);
    this.dispatchEvent(new Event('change'));
  }

  /** When the bridge comes back after its readers were lost, follow its first reader again. */
  private followBridgeReturn(provider: ReaderProvider): void {
    (provider as ReaderProvider & EventTarget).addEventListener('readerschanged', () => {
      if (this.provider !== provider || this.session.state.kind !== 'no-reader') return;
      void provider.knownReaders().then((r) => (r[0] && this.provider === provider ? this.session.useReader(r[0]) : undefined)).catch(() => undefined);
    });
  }

  async saveSetting(key: 'cmBaseUrl' | 'cardIdByteOrder', value: string): Promise<void> {
    await this.store.settings.set(key, value);
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
export async function composeServices(opts: { demo: boolean }): Promise<AppServices & EventTarget & { autoStart(): Promise<void> }> {
  const store = await openAppStore();
  let config: AppConfig;
  try {
    config = await resolveAppConfig(browserConfigSources(() => store.settings.get('cmBaseUrl')));
  } catch (e) {
    console.warn('configuration rejected, using the same-origin CM API', (e as { code?: string }).code);
    config = { cmBaseUrl: sameOriginDefault(), source: 'default' };
  }
  const order = (await store.settings.get('cardIdByteOrder')) === 'rfc4122' ? 'rfc4122' : 'dotnet';
  return new Services(store, config, order, opts.demo);
}
