import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { DEFAULT_EXPIRY_WARNING_DAYS, type ActionVerdict, type EverydayVerdict } from '../../flows';
import { HomeCardStatus } from '../../flows/home-status';
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

  /** Follows the card session and CM (flows/home-status.ts); the view only renders its snapshot. */
  private status: HomeCardStatus | undefined;
  private readonly onStatus = () => {
    const o = this.status!.snapshot;
    this.cmStatus = o.cmStatus === null ? NOT_REGISTERED : o.cmStatus;
    this.verdicts = o.verdicts;
    this.everyday = o.everyday;
    this.certs = o.certs;
  };
  private readonly onSession = () => this.requestUpdate();

  /** The card's CM status in the current language. */
  private statusWords(): string | undefined {
    if (this.cmStatus === undefined) return undefined;
    return this.cmStatus === NOT_REGISTERED
      ? msg('nicht registriert', { id: 'home.not-registered' })
      : cardStatusText(this.cmStatus);
  }
  private readonly onServices = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    const s = this.services;
    if (!s) return;
    s.session.addEventListener('change', this.onSession);
    s.addEventListener('change', this.onServices);
    this.status = new HomeCardStatus({ session: s.session, store: s.store, cm: () => s.cm });
    this.status.addEventListener('change', this.onStatus);
    this.status.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.services?.session.removeEventListener('change', this.onSession);
    this.services?.removeEventListener('change', this.onServices);
    this.status?.removeEventListener('change', this.onStatus);
    this.status?.stop();
    this.status = undefined;
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
  private hasDemoReader(): boolean {
    return __SIMULATOR__ && (this.services?.providers?.some((p) => p.kind === 'simulator') ?? false);
  }

  override render() {
    return html`<h1>${msg('Ihre Smartcard selbst verwalten', { id: 'home.title' })}</h1>
      <p>
        ${msg('Vorgeschlagene PIN abrufen, gesperrte PIN entsperren, Karte registrieren und Ihre Karten und Zertifikate ansehen.', { id: 'home.intro' })}
      </p>
      ${this.cardSection()}
      ${readerRoutes(this.routes, this.hasDemoReader())}`;
  }
}
customElements.define('scss-home-view', HomeView);
