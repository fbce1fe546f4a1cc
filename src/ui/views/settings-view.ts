import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { parseUserCmUrl, type AppConfig } from '../../config/app-config';
import { theme } from '../shell/theme';

export interface SettingsChange {
  key: 'cmBaseUrl' | 'cardIdByteOrder';
  value: string;
}

/**
 * Settings: the CM server address (read-only when an administrator set it by policy or
 * config.json, with the source named) and the card-id byte order (the reference marks the MIM
 * `cardid` byte order unverified, so a deployment can switch it). Emits `settings-change`.
 */
export class SettingsView extends LitElement {
  static override properties = {
    config: { attribute: false },
    byteOrder: { attribute: false },
    error: { state: true },
    saved: { state: true },
  };
  declare config: AppConfig | undefined;
  declare byteOrder: 'dotnet' | 'rfc4122';
  declare error: string | undefined;
  declare saved: boolean;

  static override styles = [
    theme,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-width: 36rem;
      }
      label,
      legend {
        font-weight: 600;
      }
      input[type='url'] {
        font: inherit;
        width: 100%;
        box-sizing: border-box;
        padding: 0.4rem;
        border: 2px solid var(--c-border);
        border-radius: var(--radius);
      }
      .hint {
        color: var(--c-muted);
        margin: 0.25rem 0;
      }
      .error {
        color: var(--c-bad);
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    this.byteOrder = 'dotnet';
    this.saved = false;
    updateWhenLocaleChanges(this);
  }

  private sourceText(): string {
    switch (this.config?.source) {
      case 'managed':
        return msg('Von Ihrer IT per Richtlinie festgelegt.', { id: 'settings.source.managed' });
      case 'config-json':
        return msg('Von Ihrer IT in config.json festgelegt.', { id: 'settings.source.json' });
      case 'settings':
        return msg('Von Ihnen hier eingetragen.', { id: 'settings.source.settings' });
      default:
        return msg('Standard: derselbe Server wie diese App.', { id: 'settings.source.default' });
    }
  }

  private emit(change: SettingsChange): void {
    this.dispatchEvent(new CustomEvent('settings-change', { detail: change, bubbles: true, composed: true }));
  }

  /** Inline text for a rejected address: what is wrong, with an example of a right one (WCAG 3.3.3). */
  private urlError(code: string | undefined): string {
    switch (code) {
      case 'config/empty-url':
        return msg('Bitte geben Sie die Adresse des Zertifikatsservers ein.', { id: 'settings.err.empty' });
      case 'config/insecure-url':
        return msg('Die Adresse muss mit https:// beginnen (http:// nur für localhost).', {
          id: 'settings.err.https',
        });
      case 'config/credentials-in-url':
        return msg('Die Adresse darf keinen Benutzernamen und kein Kennwort enthalten.', {
          id: 'settings.err.credentials',
        });
      default:
        return msg(
          'Das ist keine vollständige Adresse. Beispiel: https://cm.firma.example/CertificateManagement/api/v1.0',
          { id: 'settings.err.url' },
        );
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const url = this.locked ? undefined : this.renderRoot.querySelector<HTMLInputElement>('#cm')!.value;
    this.error = undefined;
    this.saved = false;
    if (url !== undefined) {
      try {
        this.emit({ key: 'cmBaseUrl', value: parseUserCmUrl(url, location.origin) });
      } catch (err) {
        this.error = this.urlError((err as { code?: string }).code);
        return;
      }
    }
    const order = (form.elements.namedItem('order') as RadioNodeList).value;
    this.byteOrder = order === 'rfc4122' ? 'rfc4122' : 'dotnet';
    this.emit({ key: 'cardIdByteOrder', value: order });
    this.saved = true;
  }

  /** An address set by the administrator cannot be overridden by the user. */
  private get locked(): boolean {
    return this.config?.source === 'managed' || this.config?.source === 'config-json';
  }

  override render() {
    const locked = this.locked;
    return html`<h1>${msg('Einstellungen', { id: 'settings.title' })}</h1>
      <form @submit=${this.onSubmit} novalidate>
        <div>
          <label for="cm">${msg('Adresse des Zertifikatsservers (MIM CM)', { id: 'settings.cm' })}</label>
          <p class="hint" id="cm-hint">${this.sourceText()}</p>
          <input
            id="cm"
            type="url"
            .value=${this.config?.cmBaseUrl ?? ''}
            ?readonly=${locked}
            aria-describedby=${this.error ? 'cm-hint cm-error' : 'cm-hint'}
            aria-invalid=${this.error ? 'true' : 'false'}
          />
          ${this.error ? html`<p class="error" id="cm-error">${this.error}</p>` : nothing}
        </div>
        <fieldset>
          <legend>${msg('Byte-Reihenfolge der Karten-ID', { id: 'settings.order' })}</legend>
          <p class="hint">
            ${msg('Nur ändern, wenn Ihre IT es sagt: Karten werden sonst nicht gefunden.', { id: 'settings.order.hint' })}
          </p>
          <label
            ><input type="radio" name="order" value="dotnet" .checked=${this.byteOrder !== 'rfc4122'} /> .NET
            (Windows)</label
          >
          <label
            ><input type="radio" name="order" value="rfc4122" .checked=${this.byteOrder === 'rfc4122'} /> RFC
            4122</label
          >
        </fieldset>
        <div><button type="submit">${msg('Speichern', { id: 'settings.save' })}</button></div>
        <p role="status">
          ${this.saved ? msg('Gespeichert. Die App verwendet die Einstellungen ab sofort.', { id: 'settings.saved' }) : ''}
        </p>
      </form>`;
  }
}
customElements.define('scss-settings-view', SettingsView);
