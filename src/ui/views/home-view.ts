import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import {
  DEFAULT_EXPIRY_WARNING_DAYS,
  actionsByCardType,
  everydayByCardType,
  type ActionVerdict,
  type EverydayVerdict,
} from '../../flows';
import { CardLookup } from '../../flows/card-overview';
import { detectCardRoutes, type CardRoutes, type RouteStatus } from '../../transport/routes';
import type { ProviderKind } from '../../transport/types';
import '../components/card-actions';
import '../components/everyday-actions';
import '../components/expiry-notice';
import type { CertificateSummary } from '../../store';
import '../components/card-panel';
import '../components/reader-chooser';
import { errorText } from '../i18n/error-text';
import { cardStatusText } from '../i18n/format';
import type { AppServices } from '../services';
import { theme } from '../shell/theme';

/** Marks "CM does not know this card" apart from CM's own status names. */
const NOT_REGISTERED = '\u0000not-registered';

/**
 * Home: the reader choice, the live card panel with the card's status at the CM server, the four
 * actions, and in plain words which ways to a card reader this browser offers
 * (Chromium protects USB class 0x0B; the WICG Web Smart Card API is IWA-only). Card and server
 * work happens in the services and flows.
 */
export class HomeView extends LitElement {
  static override properties = {
    routes: { attribute: false },
    services: { attribute: false },
    cmStatus: { state: true },
    providerError: { state: true },
    verdicts: { state: true },
    everyday: { state: true },
    certs: { state: true },
  };
  /** What can be done with the card in the reader (flows/card-actions.ts); undefined without a card. */
  declare verdicts: ActionVerdict[] | undefined;
  /** Change PIN, offline unblock, renew (flows/everyday-actions.ts); undefined without a card. */
  declare everyday: EverydayVerdict[] | undefined;
  /** The inserted card's certificates as cached (expiry: days left, warning). */
  declare certs: CertificateSummary[] | undefined;
  declare routes: CardRoutes;
  declare services: (AppServices & EventTarget) | undefined;
  declare cmStatus: string | undefined;
  declare providerError: unknown;

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
      .banner {
        background: #fff4d6;
        border: 2px solid #8a6100;
        border-radius: var(--radius);
        padding: 0.5rem 1rem;
      }
      .error {
        color: var(--c-bad);
        font-weight: 600;
      }
      .row {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        margin: 0.5rem 0;
      }
    `,
  ];

  private readonly onSession = () => {
    this.requestUpdate();
    const s = this.services?.session.state;
    if (s?.kind === 'reading') this.overview().prefetch(); // names and certificates need no card id
    if (s?.kind !== 'ready') {
      this.lookupTicket++;
      this.cmStatus = this.statusCardId = this.verdicts = this.everyday = this.certs = undefined;
      return;
    }
    const services = this.services!;
    // Lookups overlap when cards are swapped quickly: only the answer for the card still in the
    // reader may set the status.
    const ticket = ++this.lookupTicket;
    if (s.info.cardId !== this.statusCardId) this.cmStatus = this.certs = undefined; // never show one card's status for another
    const cardId = s.info.cardId;
    const readCerts = () =>
      cardId &&
      services.store.cards.get(cardId).then(
        (r) => ticket === this.lookupTicket && (this.certs = r?.certificates),
        () => undefined,
      );
    void readCerts();
    this.statusCardId = s.info.cardId;
    const card = services.session.card;
    // The card type decides at once; the server's answer (status, operations) refines it. Offline or
    // refused, the card-type verdicts stay (the flow then says what is wrong).
    this.verdicts = card ? actionsByCardType(card.capabilities) : undefined;
    this.everyday = card ? everydayByCardType(card.capabilities) : undefined;
    this.overview()
      .lookup(s.info, card?.capabilities)
      .then(
        (o) => {
          if (ticket !== this.lookupTicket) return;
          // The CM status name is kept, not its words: a language switch re-renders it (see statusWords).
          this.cmStatus = o.status === null ? NOT_REGISTERED : o.status;
          if (o.verdicts) this.verdicts = o.verdicts;
          if (o.everyday) this.everyday = o.everyday;
          void readCerts();
        },
        () => {
          if (ticket === this.lookupTicket) this.cmStatus = undefined; // offline or server error: no status shown
        },
      );
  };
  private lookup: { cm: unknown; it: CardLookup } | undefined;
  /** One lookup helper per CM client (a new one after the services change it). */
  private overview(): CardLookup {
    const s = this.services!;
    if (this.lookup?.cm !== s.cm) this.lookup = { cm: s.cm, it: new CardLookup(s.cm, s.store) };
    return this.lookup.it;
  }
  private lookupTicket = 0;

  /** The card's CM status in the current language. */
  private statusWords(): string | undefined {
    if (this.cmStatus === undefined) return undefined;
    return this.cmStatus === NOT_REGISTERED
      ? msg('nicht registriert', { id: 'home.not-registered' })
      : cardStatusText(this.cmStatus);
  }
  private statusCardId: string | undefined;
  private readonly onServices = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    this.services?.session.addEventListener('change', this.onSession);
    this.services?.addEventListener('change', this.onServices);
    if (this.services?.session.state.kind === 'ready') this.onSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.services?.session.removeEventListener('change', this.onSession);
    this.services?.removeEventListener('change', this.onServices);
  }

  private async choose(kind: ProviderKind): Promise<void> {
    this.providerError = undefined;
    try {
      await this.services?.useProvider?.(kind);
    } catch (e) {
      this.providerError = e;
    }
  }

  private simControls() {
    const sim = __SIMULATOR__ ? this.services?.demoCard : undefined;
    if (!__SIMULATOR__ || !sim) return nothing;
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

  /** The simulator as a route, only where this build has one (demo builds, `__SIMULATOR__`). */
  private simRoute() {
    if (!__SIMULATOR__ || !this.services?.providers?.some((p) => p.kind === 'simulator')) return nothing;
    return html`<li data-status="available">
      <h3>${msg('Simulator', { id: 'route.sim.title' })}: ${this.statusWord('available')}</h3>
      <p>
        ${msg('Ein virtueller Leser mit virtueller Karte zum Ausprobieren, ganz ohne Hardware.', { id: 'route.sim' })}
      </p>
    </li>`;
  }

  private cardSection() {
    const s = this.services;
    if (!s) return nothing;
    const err = this.providerError ? errorText(this.providerError) : undefined;
    return html`${
      __SIMULATOR__ && s.demo
        ? html`<p class="banner" role="note">
              ${msg('Demo: Simulierter Kartenleser mit einer neuen, leeren Karte und ein nachgebildeter Zertifikatsserver. Registrieren Sie die Karte zuerst.', { id: 'home.demo' })}
            </p>`
        : nothing
    }
      <scss-reader-chooser
        .options=${s.providers ?? []}
        .selected=${s.providerKind}
        @provider-chosen=${(e: CustomEvent<ProviderKind>) => this.choose(e.detail)}
      ></scss-reader-chooser>
      ${
        err
          ? html`<div role="alert">
              <p class="error">${err.what}</p>
              <p>${err.next}</p>
            </div>`
          : nothing
      }
      ${this.simControls()}
      <scss-card-panel
        .state=${s.session.state}
        cm-status=${this.statusWords() ?? nothing}
        no-route=${this.noRoute() ?? nothing}
      ></scss-card-panel>
      <scss-expiry-notice
        .certificates=${this.certs}
        warn-days=${s.config?.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS}
        ?renew-offered=${this.everyday?.some((v) => v.action === 'renew' && v.available) ?? false}
      ></scss-expiry-notice>
      <scss-card-actions .verdicts=${this.verdicts}></scss-card-actions>
      <scss-everyday-actions .verdicts=${this.everyday}></scss-everyday-actions>`;
  }

  constructor() {
    super();
    this.routes = detectCardRoutes(globalThis as never);
    updateWhenLocaleChanges(this);
  }

  /**
   * Why no ordinary reader can be reached here, or undefined when a route exists: the Web Smart
   * Card API or unrestricted WebUSB (IWA), or the demo's simulator.
   */
  private noRoute(): 'no-webusb' | 'webusb-limited' | undefined {
    const r = this.routes;
    if (this.services?.demo || r.webSmartCard === 'available' || r.webusb === 'available') return undefined;
    return r.webusb === 'limited' ? 'webusb-limited' : 'no-webusb';
  }

  private statusWord(s: RouteStatus) {
    if (s === 'available') return msg('verfügbar', { id: 'route.available' });
    if (s === 'limited') return msg('eingeschränkt', { id: 'route.limited' });
    return msg('nicht verfügbar', { id: 'route.unavailable' });
  }

  private webusbText(s: RouteStatus) {
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

  private smartCardText(s: RouteStatus) {
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

  override render() {
    const r = this.routes;
    return html`<h1>${msg('Ihre Smartcard selbst verwalten', { id: 'home.title' })}</h1>
      <p>
        ${msg('Vorgeschlagene PIN abrufen, gesperrte PIN entsperren, Karte registrieren und Ihre Karten und Zertifikate ansehen.', { id: 'home.intro' })}
      </p>
      ${this.cardSection()}
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
          <p>
            ${msg('Über WebHID ist kein Kartenleser erreichbar; Kartenleser sprechen dort kein APDU-Protokoll.', { id: 'route.webhid' })}
          </p>
        </li>
        ${this.simRoute()}
      </ul>`;
  }
}
customElements.define('scss-home-view', HomeView);
