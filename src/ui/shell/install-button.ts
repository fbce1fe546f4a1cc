import { LitElement, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { theme } from './theme';

/** Chromium's non-standard `beforeinstallprompt` event (MDN: limited availability). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Fallback install button (product-and-conventions.md C4): on managed laptops the app is usually
 * force-installed by policy, so this starts hidden, appears only when the browser offers
 * installation, and stays hidden when already running standalone.
 */
export class InstallButton extends LitElement {
  static override properties = { deferred: { state: true } };
  declare deferred: BeforeInstallPromptEvent | undefined;
  static override styles = [theme];

  private readonly onPrompt = (e: Event) => {
    e.preventDefault(); // keep the browser's mini-infobar away; our button is the UI
    if (!matchMedia('(display-mode: standalone)').matches) this.deferred = e as BeforeInstallPromptEvent;
  };
  private readonly onInstalled = () => (this.deferred = undefined);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeinstallprompt', this.onPrompt);
    window.addEventListener('appinstalled', this.onInstalled);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeinstallprompt', this.onPrompt);
    window.removeEventListener('appinstalled', this.onInstalled);
  }

  private async install(): Promise<void> {
    const ev = this.deferred;
    if (!ev) return;
    this.deferred = undefined; // the event can prompt only once
    await ev.prompt();
  }

  override render() {
    if (!this.deferred) return nothing;
    return html`<button class="secondary" @click=${this.install}>${msg('Installieren', { id: 'install.button' })}</button>`;
  }
}
customElements.define('scss-install-button', InstallButton);
