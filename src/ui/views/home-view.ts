import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { detectCardRoutes, type CardRoutes, type RouteStatus } from '../../transport/routes';
import { theme } from '../shell/theme';

/**
 * Home: what this app does, and in plain words which ways to a card reader this browser offers
 * (shared/reference/ccid-webusb.md §0). Detection only; nothing here touches a device.
 */
export class HomeView extends LitElement {
  static override properties = { routes: { attribute: false } };
  declare routes: CardRoutes;

  static override styles = [
    theme,
    css`
      ul {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      li {
        background: var(--c-panel);
        border-left: 6px solid var(--c-border);
        border-radius: var(--radius);
        padding: 0.75rem 1rem;
      }
      li[data-status='available'] {
        border-left-color: var(--c-good);
      }
      li[data-status='unavailable'] {
        border-left-color: var(--c-bad);
      }
      h3 {
        margin: 0 0 0.25rem;
        font-size: 1.05rem;
      }
      p {
        margin: 0.25rem 0;
      }
    `,
  ];

  constructor() {
    super();
    this.routes = detectCardRoutes(globalThis as never);
    updateWhenLocaleChanges(this);
  }

  private statusWord(s: RouteStatus) {
    if (s === 'available') return msg('verfügbar', { id: 'route.available' });
    if (s === 'limited') return msg('eingeschränkt', { id: 'route.limited' });
    return msg('nicht verfügbar', { id: 'route.unavailable' });
  }

  private webusbText(s: RouteStatus) {
    if (s === 'available')
      return msg('Diese App läuft als Isolated Web App und darf USB-Kartenleser direkt ansprechen.', { id: 'route.webusb.available' });
    if (s === 'limited')
      return msg('Der Browser sperrt USB-Kartenleser (Geräteklasse 0x0B) für normale Webseiten. Nur Leser mit herstellerspezifischer Schnittstelle funktionieren hier; für alle anderen brauchen Sie die App als Isolated Web App.', { id: 'route.webusb.limited' });
    return msg('Dieser Browser bietet kein WebUSB (z. B. Firefox oder Safari). Verwenden Sie Chrome oder Edge.', { id: 'route.webusb.unavailable' });
  }

  private smartCardText(s: RouteStatus) {
    if (s === 'available')
      return msg('Die Web-Smart-Card-Schnittstelle ist da: Leser werden über den Kartendienst des Systems angesprochen.', { id: 'route.wsc.available' });
    return msg('Die Web-Smart-Card-Schnittstelle gibt es nur in Isolated Web Apps, derzeit nur unter ChromeOS.', { id: 'route.wsc.unavailable' });
  }

  override render() {
    const r = this.routes;
    return html`<h1>${msg('Ihre Smartcard selbst verwalten', { id: 'home.title' })}</h1>
      <p>
        ${msg('Vorgeschlagene PIN abrufen, gesperrte PIN entsperren, Karte registrieren und Ihre Karten und Zertifikate ansehen.', { id: 'home.intro' })}
      </p>
      <h2>${msg('Zugang zum Kartenleser in diesem Browser', { id: 'home.routes' })}</h2>
      <ul>
        <li data-status=${r.webusb}>
          <h3>WebUSB: ${this.statusWord(r.webusb)}</h3>
          <p>${this.webusbText(r.webusb)}</p>
        </li>
        <li data-status=${r.webSmartCard}>
          <h3>Web Smart Card API: ${this.statusWord(r.webSmartCard)}</h3>
          <p>${this.smartCardText(r.webSmartCard)}</p>
        </li>
        <li data-status="unavailable">
          <h3>WebHID: ${this.statusWord('unavailable')}</h3>
          <p>${msg('Über WebHID ist kein Kartenleser erreichbar; Kartenleser sprechen dort kein APDU-Protokoll.', { id: 'route.webhid' })}</p>
        </li>
        <li data-status="available">
          <h3>${msg('Simulator', { id: 'route.sim.title' })}: ${this.statusWord('available')}</h3>
          <p>${msg('Ein virtueller Leser mit virtueller Karte zum Ausprobieren, ganz ohne Hardware.', { id: 'route.sim' })}</p>
        </li>
      </ul>`;
  }
}
customElements.define('scss-home-view', HomeView);
