import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { Connectivity } from '../net/connectivity';
import { errorText, getSupportContact } from './i18n/error-text';
import { lastError } from './last-error';
import type { SwUpdates } from './pwa/sw-updates';
import { APP_BASE, hrefOf, interceptLinks, loadView, routeOf, type Route } from './router';
import type { AppServices } from './services';
import { theme } from './shell/theme';
import './shell/lang-switch';
import './shell/offline-indicator';
import './shell/update-prompt';
import './shell/install-button';
import './shell/sign-in-status';
import './views/home-view';

/** The version from package.json, set by Vite at build time (`define`); "dev" where Vite did not build. */
const APP_VERSION: string = import.meta.env?.APP_VERSION ?? 'dev';

/**
 * The root element: header (title, language, connectivity, install), the current view, the update
 * prompt, and the one polite live region through which every component announces status changes
 * (WCAG 4.1.3) by dispatching a bubbling `announce` event with the text as detail.
 */
export class AppShell extends LitElement {
  static override properties = {
    connectivity: { attribute: false },
    updates: { attribute: false },
    services: { attribute: false },
    status: { state: true },
    route: { state: true },
  };
  declare connectivity: Connectivity | undefined;
  declare updates: SwUpdates | undefined;
  declare services: (AppServices & EventTarget) | undefined;
  declare status: string;
  declare route: Route;
  private stopLinks: (() => void) | undefined;

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem 1rem;
        padding: 0.5rem 1rem;
        background: var(--c-brand);
        color: var(--c-brand-contrast);
      }
      .brand {
        font-weight: 700;
        font-size: 1.15rem;
        margin-right: auto;
      }
      main {
        max-width: 56rem;
        margin: 0 auto;
        padding: 1rem;
      }
      .skip {
        position: absolute;
        left: -999px;
      }
      nav.main {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      /* A label wraps as a whole, never in the middle ("Meine / Karten"). */
      nav.main a {
        color: var(--c-brand-contrast);
        padding: 0.35rem 0.5rem;
        white-space: nowrap;
      }
      nav.main a[aria-current='page'] {
        font-weight: 700;
        text-decoration-thickness: 3px;
      }
      .notice {
        background: #fff4d6;
        border: 2px solid #8a6100;
        border-radius: var(--radius);
        padding: 0.5rem 1rem;
      }
      .skip:focus {
        left: 1rem;
        top: 0.5rem;
        background: var(--c-surface);
        color: var(--c-brand);
        padding: 0.5rem;
      }
    `,
  ];

  private readonly onConnectivity = () => {
    const s = this.connectivity?.state;
    this.status =
      s === 'offline'
        ? msg('Sie sind offline. Gespeicherte Daten bleiben lesbar.', { id: 'net.announce.offline' })
        : s === 'server-unreachable'
          ? msg('Der Kartenserver ist nicht erreichbar.', { id: 'net.announce.unreachable' })
          : msg('Wieder online.', { id: 'net.announce.online' });
  };

  private readonly onStoreStatus = () => this.requestUpdate();
  // Diagnostics and Settings render facts of the session and services: follow their changes (a
  // card read after the first render, e.g. after a reload, must show up in Diagnostics).
  private readonly onServicesChange = () => this.requestUpdate();

  private readonly onOfflineReady = () => {
    this.status = msg('Die App ist jetzt auch offline verfügbar.', { id: 'shell.offline-ready' });
  };

  constructor() {
    super();
    this.status = '';
    this.route = routeOf(location.pathname, APP_BASE);
    updateWhenLocaleChanges(this);
    this.addEventListener('announce', (e) => (this.status = String((e as CustomEvent).detail)));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopLinks = interceptLinks(
      this,
      (r) => this.navigate(r),
      APP_BASE,
      () => this.canLeave(),
    );
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLinks?.();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  private currentViewUnfinished(): boolean {
    return (
      (this.renderRoot.querySelector('main > *') as { unfinished?: boolean } | null)?.unfinished === true
    );
  }

  /** Back or a link in the middle of a flow asks first (the browser's own dialog: keyboard and screen reader ready). */
  private canLeave(): boolean {
    if (!this.currentViewUnfinished()) return true;
    return window.confirm(
      msg(
        'Der Vorgang ist noch nicht fertig. Wenn Sie die Seite jetzt verlassen, wird er angehalten; bereits erledigte Schritte bleiben erhalten und Sie können später weitermachen. Seite trotzdem verlassen?',
        { id: 'shell.leave-flow' },
      ),
    );
  }

  /** Closing or reloading the tab mid-flow: the browser's generic "leave site?" prompt. */
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.currentViewUnfinished()) e.preventDefault();
  };

  /** Shows a view and moves focus to its heading, so screen readers announce the new page (WCAG 2.4.3). */
  private async navigate(route: Route): Promise<void> {
    this.route = route;
    await loadView(route);
    await this.updateComplete;
    const view = this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(
      'main > *',
    );
    await view?.updateComplete;
    const h1 = view?.shadowRoot?.querySelector<HTMLElement>('h1');
    if (h1) {
      h1.tabIndex = -1;
      h1.focus();
    }
  }

  private view() {
    const s = this.services;
    loadView(this.route).catch((e: unknown) => console.warn('view failed to load', e));
    switch (this.route) {
      case '/pin':
        return html`<scss-pin-view .services=${s}></scss-pin-view>`;
      case '/unblock':
        return html`<scss-unblock-view .services=${s}></scss-unblock-view>`;
      case '/enroll':
        return html`<scss-enroll-view .services=${s}></scss-enroll-view>`;
      case '/retire':
        return html`<scss-retire-view .services=${s}></scss-retire-view>`;
      case '/cards':
        return html`<scss-cards-view .services=${s}></scss-cards-view>`;
      case '/change-pin':
        return html`<scss-change-pin-view .services=${s}></scss-change-pin-view>`;
      case '/offline-unblock':
        return html`<scss-offline-unblock-view .services=${s}></scss-offline-unblock-view>`;
      case '/renew':
        return html`<scss-renew-view .services=${s}></scss-renew-view>`;
      case '/settings':
        return html`<scss-settings-view
          .config=${s?.config}
          .byteOrder=${s?.cardIdByteOrder ?? 'dotnet'}
          @settings-change=${(e: CustomEvent<{ key: 'cmBaseUrl' | 'cardIdByteOrder'; value: string }>) => s?.saveSetting?.(e.detail.key, e.detail.value)}
        ></scss-settings-view>`;
      case '/diagnostics':
        return html`<scss-diagnostics-view
          .log=${s?.log}
          .info=${this.diagnostics()}
          .supportContact=${getSupportContact()}
          .bundle=${() => this.supportBundle()}
        ></scss-diagnostics-view>`;
      default:
        return html`<scss-home-view .services=${s}></scss-home-view>`;
    }
  }

  private diagnostics() {
    const st = this.services?.session.state;
    const info = st?.kind === 'ready' ? st.info : undefined;
    return {
      reader: [
        this.services?.providerKind ?? '–',
        'readerName' in (st ?? {})
          ? String((st as { readerName: string }).readerName)
          : (info?.readerName ?? '–'),
      ],
      atr: info ? [info.atrHex, ...info.atrLines] : [],
      card: info
        ? [`type: ${info.type}`, `cardid: ${info.cardId ?? '–'}`]
        : st?.kind === 'error'
          ? [`error: ${st.error.code}`]
          : [],
    };
  }

  /**
   * The support bundle: app version, reader and card facts, the last error shown (code,
   * correlation and request id), the redacted APDU log. No secrets.
   */
  private supportBundle() {
    return {
      app: 'smartcard-self-service',
      appVersion: APP_VERSION,
      createdAt: new Date().toISOString(),
      supportContact: getSupportContact(),
      lastError: lastError() ?? null,
      userAgent: navigator.userAgent,
      cmBaseUrl: this.services?.config.cmBaseUrl,
      configSource: this.services?.config.source,
      storeStatus: this.services?.store.status,
      connectivity: this.services?.connectivity.state,
      ...this.diagnostics(),
      apduLog: this.services?.log.entries ?? [],
    };
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('connectivity')) {
      (changed.get('connectivity') as Connectivity | undefined)?.removeEventListener(
        'change',
        this.onConnectivity,
      );
      this.connectivity?.addEventListener('change', this.onConnectivity);
    }
    if (changed.has('services')) {
      // The store may fall back to memory mid-session (quota, another tab's upgrade): show the notice.
      const old = changed.get('services') as (AppServices & EventTarget) | undefined;
      old?.store.events.removeEventListener('status', this.onStoreStatus);
      old?.session.removeEventListener('change', this.onServicesChange);
      old?.removeEventListener?.('change', this.onServicesChange);
      this.services?.store.events.addEventListener('status', this.onStoreStatus);
      this.services?.session.addEventListener('change', this.onServicesChange);
      this.services?.addEventListener?.('change', this.onServicesChange);
    }
    if (changed.has('updates')) {
      (changed.get('updates') as SwUpdates | undefined)?.removeEventListener(
        'offline-ready',
        this.onOfflineReady,
      );
      this.updates?.addEventListener('offline-ready', this.onOfflineReady);
    }
  }

  private cmHost(): string | undefined {
    const base = this.services?.config.cmBaseUrl;
    try {
      return base ? new URL(base, location.origin).host : undefined;
    } catch {
      return undefined;
    }
  }

  /** Fragment links do not reach into shadow DOM, so the skip control is a button that moves focus (WCAG 2.4.1). */
  private skipToMain(): void {
    this.renderRoot.querySelector<HTMLElement>('#main')?.focus();
  }

  override render() {
    return html`<button class="skip secondary" @click=${this.skipToMain}>
        ${msg('Zum Inhalt springen', { id: 'shell.skip' })}
      </button>
      <header>
        <span class="brand">Smartcard Self-Service</span>
        <nav class="main" aria-label=${msg('Hauptmenü', { id: 'shell.nav' })}>
          ${(
            [
              ['/', msg('Start', { id: 'shell.nav.home' })],
              ['/cards', msg('Meine Karten', { id: 'shell.nav.cards' })],
              ['/settings', msg('Einstellungen', { id: 'settings.title' })],
              ['/diagnostics', msg('Diagnose', { id: 'diag.title' })],
            ] as const
          ).map(
            ([path, label]) =>
              html`<a href=${hrefOf(path)} aria-current=${this.route === path ? 'page' : nothing}
                >${label}</a
              >`,
          )}
        </nav>
        <scss-offline-indicator .connectivity=${this.connectivity}></scss-offline-indicator>
        <scss-install-button></scss-install-button>
        <scss-lang-switch></scss-lang-switch>
      </header>
      <scss-sign-in-status
        .session=${this.services?.auth}
        .issues=${this.services?.authIssues}
        .supportContact=${this.services?.config.supportContact}
        .cmHost=${this.cmHost()}
      ></scss-sign-in-status>
      ${
        this.services && !this.services.store.status.persistent
          ? html`<p class="notice" role="note">
              ${errorText({ code: this.services.store.status.reason ?? 'store/unavailable' }).what}
              ${errorText({ code: this.services.store.status.reason ?? 'store/unavailable' }).next}
            </p>`
          : nothing
      }
      <main id="main" tabindex="-1">${this.view()}</main>
      <scss-update-prompt .updates=${this.updates}></scss-update-prompt>
      <div id="status" role="status" aria-live="polite" class="visually-hidden">${this.status}</div>`;
  }
}
customElements.define('scss-app', AppShell);
