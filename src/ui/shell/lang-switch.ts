import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { getLocale, setAppLocale, type AppLocale } from '../i18n/locale';
import { theme } from './theme';

/**
 * DE/EN language switch: two toggle buttons with `aria-pressed`, each labelled in its own language
 * (`lang` attribute) so a screen reader pronounces "Deutsch" and "English" correctly (WCAG 3.1.2).
 */
export class LangSwitch extends LitElement {
  static override styles = [
    theme,
    css`
      [role='group'] {
        display: flex;
        gap: 0.25rem;
      }
      button[aria-pressed='true'] {
        background: var(--c-brand-contrast);
        color: var(--c-brand);
        font-weight: 600;
      }
      button {
        border-color: var(--c-brand-contrast);
      }
    `,
  ];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private async choose(locale: AppLocale): Promise<void> {
    if (locale === getLocale()) return;
    await setAppLocale(locale);
    this.dispatchEvent(new CustomEvent('locale-changed', { detail: locale, bubbles: true, composed: true }));
  }

  override render() {
    const current = getLocale();
    return html`<div role="group" aria-label=${msg('Sprache', { id: 'lang.group' })}>
      <button lang="de" aria-pressed=${current === 'de'} @click=${() => this.choose('de')}>Deutsch</button>
      <button lang="en" aria-pressed=${current === 'en'} @click=${() => this.choose('en')}>English</button>
    </div>`;
  }
}
customElements.define('scss-lang-switch', LangSwitch);
