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
import { detectCardRoutes, type CardRoutes } from '../../transport/routes';
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
import { readerRoutes, readerRoutesStyles, simControls } from './reader-routes';

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
    readerRoutesStyles,
    css`
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
      ${__SIMULATOR__ && s.demoCard ? simControls(s.demoCard) : nothing}
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

  /** The simulator is a route only where this build has one (demo builds, `__SIMULATOR__`). */
  private hasSimulator(): boolean {
    return __SIMULATOR__ && (this.services?.providers?.some((p) => p.kind === 'simulator') ?? false);
  }

  override render() {
    return html`<h1>${msg('Ihre Smartcard selbst verwalten', { id: 'home.title' })}</h1>
      <p>
        ${msg('Vorgeschlagene PIN abrufen, gesperrte PIN entsperren, Karte registrieren und Ihre Karten und Zertifikate ansehen.', { id: 'home.intro' })}
      </p>
      ${this.cardSection()}
      ${readerRoutes(this.routes, this.hasSimulator())}`;
  }
}
customElements.define('scss-home-view', HomeView);
