import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { ProviderKind, Support } from '../../transport/types';
import { theme } from '../shell/theme';

export interface ProviderOption {
  kind: ProviderKind;
  support: Support;
}

/**
 * Chooses how to reach the card: WebUSB, Web Smart Card (and the simulator in demo builds) — each unavailable route stays
 * visible, disabled, with the reason in words ("always explain why a route is
 * unavailable"). Emits `provider-chosen` with the kind; the app does the connecting.
 */
export class ReaderChooser extends LitElement {
  static override properties = { options: { attribute: false }, selected: { type: String } };
  declare options: ProviderOption[];
  declare selected: ProviderKind | undefined;

  static override styles = [
    theme,
    css`
      fieldset {
        border: 1px solid var(--c-border);
        border-radius: var(--radius);
      }
      label {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        padding: 0.35rem 0;
      }
      .why {
        color: var(--c-muted);
        margin: 0 0 0.4rem 1.75rem;
      }
    `,
  ];

  constructor() {
    super();
    this.options = [];
    updateWhenLocaleChanges(this);
  }

  private name(kind: ProviderKind): string {
    if (__SIMULATOR__ && kind === 'simulator')
      return msg('Simulator (virtuelle Karte)', { id: 'chooser.sim' });
    if (kind === 'webusb') return msg('USB-Kartenleser (WebUSB)', { id: 'chooser.webusb' });
    if (kind === 'card-bridge')
      return msg('Kartenbrücke (Kartenleser dieses Computers)', { id: 'chooser.bridge' });
    return msg('Kartendienst des Systems (Web Smart Card)', { id: 'chooser.wsc' });
  }

  private why(reason: string): string {
    switch (reason) {
      case 'webusb-unavailable':
        return msg('Dieser Browser hat kein WebUSB; verwenden Sie Chrome oder Edge.', {
          id: 'chooser.why.nousb',
        });
      case 'websocket-unavailable':
        return msg('Dieser Browser kann die Kartenbrücke nicht erreichen; verwenden Sie Chrome oder Edge.', {
          id: 'chooser.why.nowebsocket',
        });
      case 'insecure-context':
        return msg('Nur über https verfügbar.', { id: 'chooser.why.insecure' });
      case 'not-isolated':
        return msg('Nur in der als Isolated Web App installierten App (ChromeOS).', {
          id: 'chooser.why.isolated',
        });
      case 'smartcard-unavailable':
        return msg(
          'Dieses ChromeOS-Gerät bietet keinen Kartendienst; Ihre IT aktiviert ihn mit der Smart Card Connector-Erweiterung.',
          { id: 'chooser.why.nosmartcard' },
        );
      default:
        return msg('In diesem Browser nicht verfügbar.', { id: 'chooser.why.other' });
    }
  }

  private choose(kind: ProviderKind): void {
    this.selected = kind;
    this.dispatchEvent(new CustomEvent('provider-chosen', { detail: kind, bubbles: true, composed: true }));
  }

  override render() {
    return html`<fieldset>
      <legend>${msg('Zugang zur Karte', { id: 'chooser.legend' })}</legend>
      ${this.options.map(
        (o) => html`<label>
            <input type="radio" name="provider" value=${o.kind} .checked=${this.selected === o.kind}
              ?disabled=${!o.support.supported} aria-describedby=${o.support.supported ? nothing : `why-${o.kind}`}
              @change=${() => this.choose(o.kind)} />
            ${this.name(o.kind)}
          </label>
          ${o.support.supported ? nothing : html`<p class="why" id="why-${o.kind}">${this.why(o.support.reason)}</p>`}`,
      )}
    </fieldset>`;
  }
}
customElements.define('scss-reader-chooser', ReaderChooser);
