import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { SwUpdates } from '../pwa/sw-updates';
import { theme } from './theme';

/**
 * "New version — reload / later" (workbox-window "waiting" worker, the usual PWA update prompt). Appears when a new service worker
 * is waiting; never reloads on its own. "Later" hides it until the next waiting worker.
 * Emits `announce` (bubbling) so the app's live region reads the news once.
 */
export class UpdatePrompt extends LitElement {
  static override properties = { updates: { attribute: false }, open: { state: true } };
  declare updates: SwUpdates | undefined;
  declare open: boolean;

  static override styles = [
    theme,
    css`
      section {
        position: fixed;
        inset: auto 1rem 1rem auto;
        max-width: 24rem;
        background: var(--c-surface);
        border: 2px solid var(--c-brand);
        border-radius: var(--radius);
        padding: 1rem;
        box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
    `,
  ];

  private readonly onNeedRefresh = () => {
    this.open = true;
    this.dispatchEvent(
      new CustomEvent('announce', {
        detail: msg('Eine neue Version ist verfügbar.', { id: 'update.announce' }),
        bubbles: true,
        composed: true,
      }),
    );
  };

  constructor() {
    super();
    this.open = false;
    updateWhenLocaleChanges(this);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('updates')) {
      (changed.get('updates') as SwUpdates | undefined)?.removeEventListener(
        'need-refresh',
        this.onNeedRefresh,
      );
      this.updates?.addEventListener('need-refresh', this.onNeedRefresh);
      if (this.updates?.needRefresh) this.open = true;
    }
  }

  override render() {
    if (!this.open) return nothing;
    return html`<section aria-labelledby="update-title">
      <h2 id="update-title">${msg('Neue Version verfügbar', { id: 'update.title' })}</h2>
      <p>
        ${msg('Laden Sie neu, wenn gerade keine Kartenoperation läuft.', { id: 'update.body' })}
      </p>
      <div class="actions">
        <button id="reload" @click=${() => this.updates?.applyUpdate()}>
          ${msg('Neu laden', { id: 'update.reload' })}
        </button>
        <button id="later" class="secondary" @click=${() => (this.open = false)}>
          ${msg('Später', { id: 'update.later' })}
        </button>
      </div>
    </section>`;
  }
}
customElements.define('scss-update-prompt', UpdatePrompt);
