import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { Connectivity } from '../net/connectivity';
import { diagnosticsFacts, supportBundle } from '../flows';
import { errorText, getSupportContact } from './i18n/error-text';
import { lastError } from './last-error';
import type { SwUpdates } from './pwa/sw-updates';
import { APP_BASE, interceptLinks, loadView, routeOf } from './router';
import { documentTitle, renderRoute, type Route } from './routes';
import type { AppServices } from './services';
import { appHeader, headerStyles } from './shell/header';
import { theme } from './shell/theme';
import './shell/update-prompt';
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
    headerStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
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
      .skip:focus {
        left: 1rem;
        top: 0.5rem;
        background: var(--c-surface);
        color: var(--c-brand);
        padding: 0.5rem;
      }
      .notice {
        background: #fff4d6;
        border: 2px solid #8a6100;
        border-radius: var(--radius);
        padding: 0.5rem 1rem;
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
    loadView(this.route).catch((e: unknown) => console.warn('view failed to load', e));
    return renderRoute(this.route, {
      services: this.services,
      diagnostics: () => diagnosticsFacts(this.services?.session.state, this.services?.providerKind),
      bundle: () => this.supportBundle(),
    });
  }

  /** The support bundle (flows/support-bundle.ts) from this session's facts. No secrets. */
  private supportBundle() {
    const s = this.services;
    return supportBundle({
      appVersion: APP_VERSION,
      supportContact: getSupportContact(),
      lastError: lastError(),
      userAgent: navigator.userAgent,
      cmBaseUrl: s?.config.cmBaseUrl,
      configSource: s?.config.source,
      storeStatus: s?.store.status,
      connectivity: s?.connectivity.state,
      session: s?.session.state,
      providerKind: s?.providerKind,
      apduLog: s?.log.entries,
    });
  }

  override updated(changed: Map<string, unknown>): void {
    // Every update: a route change or a language switch (WCAG 2.4.2, the tab names the page).
    document.title = documentTitle(this.route);
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
      ${appHeader(this.route, this.connectivity)}
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
