import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { theme } from '../shell/theme';

/** Why a PIN was rejected before it reached the card; stable codes the component words itself. */
export type PinProblem = 'too-short' | 'too-long' | 'charset' | 'mismatch' | 'empty';

export interface PinRules {
  minLength: number;
  maxLength: number;
  /** Digits only (numeric keyboard on touch devices). */
  numeric: boolean;
}

/** Checks a PIN against the rules; the flows layer re-checks against the full server policy. */
export function checkPin(pin: string, confirm: string | undefined, r: PinRules): PinProblem | undefined {
  if (pin === '') return 'empty';
  if (pin.length < r.minLength) return 'too-short';
  if (pin.length > r.maxLength) return 'too-long';
  if (r.numeric && !/^[0-9]+$/.test(pin)) return 'charset';
  if (confirm !== undefined && confirm !== pin) return 'mismatch';
  return undefined;
}

/**
 * PIN entry (WCAG 2.1 SC 3.3.2 "Labels or Instructions"): visible labels, the limits stated up front, a
 * show/hide toggle, a confirm field, errors named in text next to the field (WCAG 3.3.1/3.3.3),
 * retries left in words, paste allowed, `autocomplete="off"` (a card PIN is no site password).
 * Emits `pin-submit` with `{ pin }` and clears both fields at once, so the PIN lives only in the
 * event for the one operation that needs it.
 */
export class PinEntry extends LitElement {
  static override properties = {
    rules: { attribute: false },
    confirm: { type: Boolean },
    retriesLeft: { type: Number, attribute: 'retries-left' },
    label: { type: String },
    submitLabel: { type: String, attribute: 'submit-label' },
    problem: { state: true },
    visible: { state: true },
  };
  declare rules: PinRules;
  declare confirm: boolean;
  declare retriesLeft: number | undefined;
  declare label: string | undefined;
  declare submitLabel: string | undefined;
  declare problem: PinProblem | undefined;
  declare visible: boolean;

  static override styles = [
    theme,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        max-width: 24rem;
      }
      label {
        font-weight: 600;
        display: block;
      }
      input {
        font: inherit;
        font-size: 1.2rem;
        letter-spacing: 0.15em;
        padding: 0.4rem;
        width: 100%;
        box-sizing: border-box;
        border: 2px solid var(--c-border);
        border-radius: var(--radius);
      }
      input[aria-invalid='true'] {
        border-color: var(--c-bad);
      }
      .hint {
        color: var(--c-muted);
        margin: 0.25rem 0 0;
      }
      .error {
        color: var(--c-bad);
        font-weight: 600;
        margin: 0.25rem 0 0;
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
    this.rules = { minLength: 4, maxLength: 8, numeric: true };
    this.confirm = true;
    this.visible = false;
    updateWhenLocaleChanges(this);
  }

  private problemText(p: PinProblem): string {
    switch (p) {
      case 'empty':
        return msg('Bitte geben Sie eine PIN ein.', { id: 'pin.err.empty' });
      // The error repeats the rule exactly as the hint states it ("Genau 8 Ziffern."), so the two never disagree.
      case 'too-short':
        return msg(str`Die PIN ist zu kurz. ${this.lengthRule()}`, { id: 'pin.err.short' });
      case 'too-long':
        return msg(str`Die PIN ist zu lang. ${this.lengthRule()}`, { id: 'pin.err.long' });
      case 'charset':
        return msg('Die PIN darf nur Ziffern enthalten.', { id: 'pin.err.charset' });
      case 'mismatch':
        return msg('Die beiden Eingaben stimmen nicht überein. Bitte geben Sie die PIN erneut ein.', {
          id: 'pin.err.mismatch',
        });
    }
  }

  /** The length rule in words, used both as the hint and inside the length errors. */
  private lengthRule(): string {
    const { minLength, maxLength, numeric } = this.rules;
    const exact = minLength === maxLength;
    return numeric
      ? exact
        ? msg(str`Genau ${minLength} Ziffern.`, { id: 'pin.hint.numeric.exact' })
        : msg(str`${minLength} bis ${maxLength} Ziffern.`, { id: 'pin.hint.numeric' })
      : exact
        ? msg(str`Genau ${minLength} Zeichen.`, { id: 'pin.hint.any.exact' })
        : msg(str`${minLength} bis ${maxLength} Zeichen.`, { id: 'pin.hint.any' });
  }

  private input(id: string): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const pin = this.input('pin').value;
    const confirm = this.confirm ? this.input('pin2').value : undefined;
    this.problem = checkPin(pin, confirm, this.rules);
    if (this.problem) {
      // Move focus to the field to fix, so keyboard and screen-reader users land on it.
      void this.updateComplete.then(() => this.input(this.problem === 'mismatch' ? 'pin2' : 'pin').focus());
      return;
    }
    this.clear();
    this.dispatchEvent(new CustomEvent('pin-submit', { detail: { pin }, bubbles: true, composed: true }));
  }

  /** Empties the fields (also called by views when they are left). */
  clear(): void {
    for (const id of ['pin', 'pin2']) {
      const el = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
      if (el) el.value = '';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clear();
  }

  override render() {
    const { maxLength, numeric } = this.rules;
    const hint = this.lengthRule();
    const type = this.visible ? 'text' : 'password';
    const err = this.problem;
    const mainErr = err && err !== 'mismatch';
    return html`<form novalidate @submit=${this.onSubmit}>
      ${
        this.retriesLeft !== undefined
          ? html`<p class="error" id="retries">
              ${
                this.retriesLeft === 1
                  ? msg('Achtung: nur noch 1 Versuch, danach ist die PIN gesperrt.', {
                      id: 'pin.retries.one',
                    })
                  : msg(str`Noch ${this.retriesLeft} Versuche.`, { id: 'pin.retries' })
              }
            </p>`
          : nothing
      }
      <div>
        <label for="pin">${this.label ?? msg('Neue PIN', { id: 'pin.label' })}</label>
        <p class="hint" id="pin-hint">${hint}</p>
        <input
          id="pin"
          type=${type}
          autocomplete="off"
          inputmode=${numeric ? 'numeric' : 'text'}
          maxlength=${maxLength}
          aria-describedby=${mainErr ? 'pin-hint pin-error' : 'pin-hint'}
          aria-invalid=${mainErr ? 'true' : 'false'}
        />
        ${mainErr ? html`<p class="error" id="pin-error">${this.problemText(err)}</p>` : nothing}
      </div>
      ${
        this.confirm
          ? html`<div>
              <label for="pin2">${msg('PIN wiederholen', { id: 'pin.confirm' })}</label>
              <input
                id="pin2"
                type=${type}
                autocomplete="off"
                inputmode=${numeric ? 'numeric' : 'text'}
                maxlength=${maxLength}
                aria-describedby=${err === 'mismatch' ? 'pin2-error' : nothing}
                aria-invalid=${err === 'mismatch' ? 'true' : 'false'}
              />
              ${err === 'mismatch' ? html`<p class="error" id="pin2-error">${this.problemText(err)}</p>` : nothing}
            </div>`
          : nothing
      }
      <div class="row">
        <button
          type="button"
          class="secondary"
          aria-pressed=${this.visible}
          @click=${() => (this.visible = !this.visible)}
        >
          ${msg('PIN anzeigen', { id: 'pin.show' })}
        </button>
        <button type="submit">${this.submitLabel ?? msg('PIN setzen', { id: 'pin.submit' })}</button>
      </div>
    </form>`;
  }
}
customElements.define('scss-pin-entry', PinEntry);
