import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { theme } from '../shell/theme';

/** Splits a PIN into groups of 4 for reading aloud and copying by eye ("1234 5678 90"). */
export function groupPin(pin: string, size = 4): string[] {
  const groups: string[] = [];
  for (let i = 0; i < pin.length; i += size) groups.push(pin.slice(i, i + size));
  return groups;
}

/**
 * Shows a server-proposed PIN (WCAG 2.1 SC 3.3.2; as the MIM CM portal shows it): hidden until the user reveals it,
 * large monospace digits in groups, a copy button, never auto-hidden without a control. The PIN is
 * dropped from the element when it leaves the page, and never written anywhere.
 */
/**
 * Why 30 s: long enough to paste the PIN into the card's PIN dialog or a password manager, short
 * enough that it does not linger in the clipboard (other apps and clipboard histories read it).
 */
export const CLIPBOARD_CLEAR_MS = 30_000;

export class PinDisplay extends LitElement {
  static override properties = {
    pin: { attribute: false },
    clearAfterMs: { attribute: false },
    revealed: { state: true },
    copied: { state: true },
    clipboard: { state: true },
  };
  declare pin: string;
  /** When the copied PIN is wiped from the clipboard (tests shorten it). */
  declare clearAfterMs: number;
  declare revealed: boolean;
  declare copied: boolean;
  /** After the wipe: done, or refused by the browser (no focus / no permission). */
  declare clipboard: 'cleared' | 'not-cleared' | undefined;
  private clearTimer: ReturnType<typeof setTimeout> | undefined;

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
      .note {
        color: var(--c-muted);
        font-size: 0.9rem;
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
    this.clearAfterMs = CLIPBOARD_CLEAR_MS;
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pin = '';
    this.revealed = false;
    // Leaving the PIN screen: wipe a copied PIN now rather than later.
    if (this.clearTimer !== undefined) void this.clearClipboard();
  }

  private async copy(): Promise<void> {
    await navigator.clipboard.writeText(this.pin);
    this.copied = true;
    this.clipboard = undefined;
    clearTimeout(this.clearTimer);
    this.clearTimer = setTimeout(() => void this.clearClipboard(), this.clearAfterMs);
  }

  /**
   * Overwrites the clipboard with nothing (Async Clipboard API `writeText('')`). Browsers allow it
   * only while the page has focus; otherwise the user is told the PIN is still there. It is not
   * read first (that would ask for a second permission), so text copied since is overwritten too.
   */
  private async clearClipboard(): Promise<void> {
    clearTimeout(this.clearTimer);
    this.clearTimer = undefined;
    try {
      await navigator.clipboard.writeText('');
      this.clipboard = 'cleared';
    } catch {
      this.clipboard = 'not-cleared';
    }
  }

  private statusText(): string {
    if (this.clipboard === 'cleared')
      return msg('Die Zwischenablage wurde geleert.', { id: 'pindisplay.cleared' });
    if (this.clipboard === 'not-cleared')
      return msg('Die PIN ist noch in der Zwischenablage. Kopieren Sie etwas anderes, um sie zu entfernen.', {
        id: 'pindisplay.not-cleared',
      });
    return this.copied ? msg('In die Zwischenablage kopiert.', { id: 'pindisplay.copied' }) : '';
  }

  override render() {
    if (!this.pin) return nothing;
    return html`<div>
      ${
        this.revealed
          ? html`<p class="pin" aria-label=${this.pin.split('').join(' ')}>
            ${groupPin(this.pin).map((g) => html`<span>${g}</span>`)}
          </p>`
          : html`<p class="pin" aria-hidden="true">${groupPin('•'.repeat(this.pin.length)).map((g) => html`<span>${g}</span>`)}</p>
            <p class="visually-hidden">${msg('Die PIN ist verborgen.', { id: 'pindisplay.hidden' })}</p>`
      }
      <div class="row">
        <button class="secondary" aria-pressed=${this.revealed} @click=${() => (this.revealed = !this.revealed)}>
          ${msg('PIN anzeigen', { id: 'pin.show' })}
        </button>
        <button class="secondary" aria-describedby="clip-note" @click=${this.copy}>${msg('PIN kopieren', { id: 'pindisplay.copy' })}</button>
      </div>
      <p class="note" id="clip-note">
        ${msg(str`Eine kopierte PIN bleibt in der Zwischenablage, wo auch andere Programme sie lesen können. Die App leert die Zwischenablage nach ${Math.round(this.clearAfterMs / 1000)} Sekunden, sofern der Browser es erlaubt.`, { id: 'pindisplay.clip-note' })}
      </p>
      <p role="status">${this.statusText()}</p>
    </div>`;
  }
}
customElements.define('scss-pin-display', PinDisplay);
