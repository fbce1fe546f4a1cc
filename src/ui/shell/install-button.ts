import { LitElement, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { installPrompt } from '../pwa/install-prompt';
import { theme } from './theme';

/**
 * Fallback install button (the "beforeinstallprompt" event of Chromium): on managed laptops the app is usually
 * force-installed by policy, so this is hidden until the browser offers installation, and stays
 * hidden when already running standalone. The offer is captured at startup (../pwa/install-prompt),
 * so a prompt that fired before this element existed still shows the button.
 */
export class InstallButton extends LitElement {
  static override styles = [theme];

  private readonly onChange = () => this.requestUpdate();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    installPrompt.addEventListener('change', this.onChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    installPrompt.removeEventListener('change', this.onChange);
  }

  private install(): Promise<void> {
    return installPrompt.prompt();
  }

  override render() {
    if (!installPrompt.available) return nothing;
    return html`<button class="secondary" @click=${this.install}>
      ${msg('Installieren', { id: 'install.button' })}
    </button>`;
  }
}
customElements.define('scss-install-button', InstallButton);
