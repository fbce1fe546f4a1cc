import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { SessionState } from '../../flows/card-session';
import { errorText, supportSuffix } from '../i18n/error-text';
import { theme } from '../shell/theme';

/**
 * The live card panel: what is in the reader right now — insert prompt, reading, or the card's
 * type, id, decoded ATR and CM status; errors in words with the next step. Purely presentational:
 * it renders the `CardSession` state it is given.
 */
export class CardPanel extends LitElement {
  static override properties = {
    state: { attribute: false },
    cmStatus: { type: String, attribute: 'cm-status' },
    noRoute: { type: String, attribute: 'no-route' },
  };
  declare state: SessionState;
  declare cmStatus: string | undefined;
  /**
   * Set when this browser has no route to an ordinary card reader: `no-webusb` (Firefox, Safari,
   * or no secure context) or `webusb-limited` (Chrome/Edge web page: class-0x0B readers blocked).
   */
  declare noRoute: 'no-webusb' | 'webusb-limited' | undefined;

  static override styles = [
    theme,
    css`
      section {
        background: var(--c-panel);
        border-radius: var(--radius);
        padding: 0.75rem 1rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        word-break: break-all;
      }
      pre {
        white-space: pre-wrap;
        font-size: 0.85rem;
      }
      .error {
        color: var(--c-bad);
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    this.state = { kind: 'no-reader' };
    updateWhenLocaleChanges(this);
  }

  private typeName(t: string): string {
    if (t === 'gids') return msg('GIDS (Windows-Smartcard)', { id: 'card.type.gids' });
    if (t === 'piv') return msg('PIV', { id: 'card.type.piv' });
    return msg('Unbekannte Karte', { id: 'card.type.unknown' });
  }

  /** What this computer/browser lacks, and what to do (the card bridge comes from IT). */
  private noRouteText(why: 'no-webusb' | 'webusb-limited') {
    const lacks =
      why === 'no-webusb'
        ? msg(
            'Dieser Browser kann keine Kartenleser ansprechen (er bietet kein WebUSB und keinen Kartendienst).',
            { id: 'card.noroute.nousb' },
          )
        : msg(
            'Chrome und Edge sperren für Webseiten fast alle USB-Kartenleser, und auf diesem Computer ist keine Kartenbrücke eingerichtet.',
            { id: 'card.noroute.limited' },
          );
    return html`<div class="noroute" data-no-route=${why}>
      <p class="error">
        ${msg('Von diesem Computer aus kann die App Ihre Karte nicht lesen.', { id: 'card.noroute' })}
      </p>
      <p>${lacks}</p>
      <p>
        ${msg('Bitten Sie Ihre IT um die „Kartenbrücke“ (Card bridge) für diesen Computer, und verwenden Sie Chrome oder Microsoft Edge.', { id: 'card.noroute.next' })}${supportSuffix()}
      </p>
    </div>`;
  }

  private body() {
    const s = this.state;
    switch (s.kind) {
      case 'no-reader':
        return this.noRoute
          ? this.noRouteText(this.noRoute)
          : html`<p>${msg('Kein Kartenleser ausgewählt.', { id: 'card.no-reader' })}</p>`;
      case 'no-card':
        return html`<p>${msg('Bitte stecken Sie Ihre Karte ein.', { id: 'card.insert' })}</p>`;
      case 'reading':
        return html`<p>${msg('Karte wird gelesen …', { id: 'card.reading' })}</p>`;
      case 'error': {
        const t = errorText(s.error);
        return html`<p class="error">${t.what}</p>
          <p>${t.next}</p>`;
      }
      case 'ready':
        return html`<dl>
            <dt>${msg('Kartentyp', { id: 'card.type' })}</dt>
            <dd>${this.typeName(s.info.type)}</dd>
            ${
              s.info.cardId
                ? html`<dt>${msg('Karten-ID', { id: 'card.id' })}</dt>
                    <dd>${s.info.cardId}</dd>`
                : nothing
            }
            ${
              this.cmStatus
                ? html`<dt>${msg('Status beim Server', { id: 'card.cm-status' })}</dt>
                    <dd>${this.cmStatus}</dd>`
                : nothing
            }
            <dt>ATR</dt>
            <dd>${s.info.atrHex}</dd>
          </dl>
          <details>
            <summary>${msg('ATR entschlüsselt', { id: 'card.atr-decoded' })}</summary>
            <pre>${s.info.atrLines.join('\n')}</pre>
          </details>`;
    }
  }

  override render() {
    const reader =
      this.state.kind === 'ready'
        ? this.state.info.readerName
        : 'readerName' in this.state
          ? this.state.readerName
          : undefined;
    return html`<section aria-labelledby="card-title" aria-busy=${this.state.kind === 'reading'}>
      <h2 id="card-title">
        ${msg('Ihre Karte', { id: 'card.title' })}${reader ? html` <small>(${reader})</small>` : nothing}
      </h2>
      ${this.body()}
    </section>`;
  }
}
customElements.define('scss-card-panel', CardPanel);
