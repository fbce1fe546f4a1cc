import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { Connectivity } from './connectivity';
import type { SwUpdates } from './pwa/sw-updates';
import { theme } from './shell/theme';
import './shell/lang-switch';
import './shell/offline-indicator';
import './shell/update-prompt';
import './shell/install-button';
import './views/home-view';

/**
 * The root element: header (title, language, connectivity, install), the current view, the update
 * prompt, and the one polite live region through which every component announces status changes
 * (WCAG 4.1.3) by dispatching a bubbling `announce` event with the text as detail.
 */
export class AppShell extends LitElement {
  static override properties = {
    connectivity: { attribute: false },
    updates: { attribute: false },
    status: { state: true },
  };
  declare connectivity: Connectivity | undefined;
  declare updates: SwUpdates | undefined;
  declare status: string;

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

  private readonly onOfflineReady = () => {
    this.status = msg('Die App ist jetzt auch offline verfügbar.', { id: 'shell.offline-ready' });
  };

  constructor() {
    super();
    this.status = '';
    updateWhenLocaleChanges(this);
    this.addEventListener('announce', (e) => (this.status = String((e as CustomEvent).detail)));
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('connectivity')) {
      (changed.get('connectivity') as Connectivity | undefined)?.removeEventListener('change', this.onConnectivity);
      this.connectivity?.addEventListener('change', this.onConnectivity);
    }
    if (changed.has('updates')) {
      (changed.get('updates') as SwUpdates | undefined)?.removeEventListener('offline-ready', this.onOfflineReady);
      this.updates?.addEventListener('offline-ready', this.onOfflineReady);
    }
  }

  /** Fragment links do not reach into shadow DOM, so the skip control is a button that moves focus (WCAG 2.4.1). */
  private skipToMain(): void {
    this.renderRoot.querySelector<HTMLElement>('#main')?.focus();
  }

  override render() {
    return html`<button class="skip secondary" @click=${this.skipToMain}>${msg('Zum Inhalt springen', { id: 'shell.skip' })}</button>
      <header>
        <span class="brand">Smartcard Self-Service</span>
        <scss-offline-indicator .connectivity=${this.connectivity}></scss-offline-indicator>
        <scss-install-button></scss-install-button>
        <scss-lang-switch></scss-lang-switch>
      </header>
      <main id="main" tabindex="-1">
        <scss-home-view></scss-home-view>
      </main>
      <scss-update-prompt .updates=${this.updates}></scss-update-prompt>
      <div id="status" role="status" aria-live="polite" class="visually-hidden">${this.status}</div>`;
  }
}
customElements.define('scss-app', AppShell);
