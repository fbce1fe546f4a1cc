import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { theme } from '../shell/theme';

/** Splits a PIN into groups of 4 for reading aloud and copying by eye ("1234 5678 90"). */
export function groupPin(pin: string, size = 4): string[] {
  const groups: string[] = [];
  for (let i = 0; i < pin.length; i += size) groups.push(pin.slice(i, i + size));
  return groups;
}

/**
 * Shows a server-proposed PIN (product-and-conventions.md C5): hidden until the user reveals it,
 * large monospace digits in groups, a copy button, never auto-hidden without a control. The PIN is
 * dropped from the element when it leaves the page, and never written anywhere.
 */
export class PinDisplay extends LitElement {
  static override properties = { pin: { attribute: false }, revealed: { state: true }, copied: { state: true } };
  declare pin: string;
  declare revealed: boolean;
  declare copied: boolean;

  static override styles = [
    theme,
    css`
      .pin {
        font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
        font-size: 2rem;
        letter-spacing: 0.1em;
        display: flex;
        gap: 0.6em;
        padding: 0.5rem 0;
      }
      .row {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    `,
  ];

  constructor() {
    super();
    this.pin = '';
    this.revealed = false;
    this.copied = false;
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pin = '';
    this.revealed = false;
  }

  private async copy(): Promise<void> {
    await navigator.clipboard.writeText(this.pin);
    this.copied = true;
  }

  override render() {
    if (!this.pin) return nothing;
    return html`<div>
      ${this.revealed
        ? html`<p class="pin" aria-label=${this.pin.split('').join(' ')}>
            ${groupPin(this.pin).map((g) => html`<span>${g}</span>`)}
          </p>`
        : html`<p class="pin" aria-hidden="true">${groupPin('•'.repeat(this.pin.length)).map((g) => html`<span>${g}</span>`)}</p>
            <p class="visually-hidden">${msg('Die PIN ist verborgen.', { id: 'pindisplay.hidden' })}</p>`}
      <div class="row">
        <button class="secondary" aria-pressed=${this.revealed} @click=${() => (this.revealed = !this.revealed)}>
          ${msg('PIN anzeigen', { id: 'pin.show' })}
        </button>
        <button class="secondary" @click=${this.copy}>${msg('PIN kopieren', { id: 'pindisplay.copy' })}</button>
      </div>
      <p role="status">${this.copied ? msg('In die Zwischenablage kopiert.', { id: 'pindisplay.copied' }) : ''}</p>
    </div>`;
  }
}
customElements.define('scss-pin-display', PinDisplay);
