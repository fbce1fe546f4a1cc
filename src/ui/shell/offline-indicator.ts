import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { Connectivity } from '../../net/connectivity';
import { theme } from './theme';

/**
 * Shows whether server-bound actions are possible. Text plus an icon shape, never colour alone
 * (WCAG 1.4.1). Announcements of changes go through the app's live region, not from here.
 */
export class OfflineIndicator extends LitElement {
  static override properties = { connectivity: { attribute: false } };
  declare connectivity: Connectivity | undefined;

  static override styles = [
    theme,
    css`
      span {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
        padding: 0.2em 0.6em;
        border-radius: 999px;
        background: var(--c-surface);
        color: var(--c-text);
        font-size: 0.9rem;
      }
      .offline {
        color: var(--c-bad);
        font-weight: 600;
      }
    `,
  ];

  private readonly onChange = () => this.requestUpdate();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('connectivity')) {
      (changed.get('connectivity') as Connectivity | undefined)?.removeEventListener('change', this.onChange);
      this.connectivity?.addEventListener('change', this.onChange);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connectivity?.removeEventListener('change', this.onChange);
  }

  override render() {
    const state = this.connectivity?.state;
    if (!state) return nothing;
    if (state === 'online')
      return html`<span data-state="online">● ${msg('Online', { id: 'net.online' })}</span>`;
    const text =
      state === 'offline'
        ? msg('Offline – nur gespeicherte Daten', { id: 'net.offline' })
        : msg('Server nicht erreichbar', { id: 'net.unreachable' });
    return html`<span class="offline" data-state=${state}>✕ ${text}</span>`;
  }
}
customElements.define('scss-offline-indicator', OfflineIndicator);
