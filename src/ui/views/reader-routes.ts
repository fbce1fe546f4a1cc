/**
 * The home view's plain-words list of the ways to a card reader this browser offers: WebUSB
 * (Chromium protects USB class 0x0B for ordinary pages), the WICG Web Smart Card API (Isolated
 * Web Apps only), WebHID (no APDUs), and the simulator in builds that have one, with the buttons
 * that insert and pull its virtual card. Templates only;
 * rendered inside the home view's shadow root, so its styles are exported for the view to adopt.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { CardRoutes, RouteStatus } from '../../transport/routes';
import type { AppServices } from '../services';

export const readerRoutesStyles = css`
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
`;

function statusWord(s: RouteStatus): string {
  if (s === 'available') return msg('verfügbar', { id: 'route.available' });
  if (s === 'limited') return msg('eingeschränkt', { id: 'route.limited' });
  return msg('nicht verfügbar', { id: 'route.unavailable' });
}

function webusbText(s: RouteStatus): string {
  if (s === 'available')
    return msg('Diese App läuft als Isolated Web App und darf USB-Kartenleser direkt ansprechen.', {
      id: 'route.webusb.available',
    });
  if (s === 'limited')
    return msg(
      'Der Browser sperrt USB-Kartenleser (Geräteklasse 0x0B) für normale Webseiten. Nur Leser mit herstellerspezifischer Schnittstelle funktionieren hier; für alle anderen brauchen Sie die App als Isolated Web App.',
      { id: 'route.webusb.limited' },
    );
  return msg(
    'Dieser Browser bietet kein WebUSB (z. B. Firefox oder Safari). Verwenden Sie Chrome oder Edge.',
    { id: 'route.webusb.unavailable' },
  );
}

function smartCardText(s: RouteStatus): string {
  if (s === 'available')
    return msg(
      'Die Web-Smart-Card-Schnittstelle ist da: Leser werden über den Kartendienst des Systems angesprochen.',
      { id: 'route.wsc.available' },
    );
  return msg(
    'Die Web-Smart-Card-Schnittstelle gibt es nur in Isolated Web Apps, derzeit nur unter ChromeOS.',
    { id: 'route.wsc.unavailable' },
  );
}

/** The simulator's entry: a virtual reader with a virtual card, no hardware. */
function simRoute(): TemplateResult {
  return html`<li data-status="available">
    <h3>${msg('Simulator', { id: 'route.sim.title' })}: ${statusWord('available')}</h3>
    <p>
      ${msg('Ein virtueller Leser mit virtueller Karte zum Ausprobieren, ganz ohne Hardware.', { id: 'route.sim' })}
    </p>
  </li>`;
}

/** The heading and list of reader routes; `simulator` adds the simulator's entry. */
export function readerRoutes(r: CardRoutes, simulator: boolean): TemplateResult {
  return html`<h2>${msg('Zugang zum Kartenleser in diesem Browser', { id: 'home.routes' })}</h2>
  <ul>
    <li data-status=${r.webusb}>
      <h3>WebUSB: ${statusWord(r.webusb)}</h3>
      <p>${webusbText(r.webusb)}</p>
    </li>
    <li data-status=${r.webSmartCard}>
      <h3>Web Smart Card API: ${statusWord(r.webSmartCard)}</h3>
      <p>${smartCardText(r.webSmartCard)}</p>
    </li>
    <li data-status="unavailable">
      <h3>WebHID: ${statusWord('unavailable')}</h3>
      <p>
        ${msg('Über WebHID ist kein Kartenleser erreichbar; Kartenleser sprechen dort kein APDU-Protokoll.', { id: 'route.webhid' })}
      </p>
    </li>
    ${__SIMULATOR__ && simulator ? simRoute() : nothing}
  </ul>`;
}

/** The simulator's card controls: insert a GIDS or a PIV card, pull the card. */
export function simControls(sim: NonNullable<AppServices['demoCard']>): TemplateResult {
  return html`<div class="row" role="group" aria-label=${msg('Simulator', { id: 'route.sim.title' })}>
    <button class="secondary" @click=${() => sim.insert('gids')} aria-pressed=${sim.card === 'gids'}>
      ${msg('GIDS-Karte einstecken', { id: 'home.sim.gids' })}
    </button>
    <button class="secondary" @click=${() => sim.insert('piv')} aria-pressed=${sim.card === 'piv'}>
      ${msg('PIV-Karte einstecken', { id: 'home.sim.piv' })}
    </button>
    <button class="secondary" @click=${() => sim.remove()} ?disabled=${!sim.card}>
      ${msg('Karte ziehen', { id: 'home.sim.remove' })}
    </button>
  </div>`;
}
