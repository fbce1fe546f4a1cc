import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { syncMyCards } from '../../flows/sync-cards';
import type { CardRecord } from '../../store';
import { errorText } from '../i18n/error-text';
import { cardStatusText, certValidity, formatDate, formatDateTime, validityText } from '../i18n/format';
import type { AppServices } from '../services';
import { theme } from '../shell/theme';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../../flows';
import '../components/expiry-notice';

/**
 * My cards and certificates: what the CM server knows of the user's cards, from the local cache
 * (readable offline, with "last synced"). Opened online, it syncs by itself (so after a flow the
 * new state is there without a click); offline it says so; a server that does not answer or that
 * the browser blocks (CORS) is named as such, never as "offline".
 */
export class CardsView extends LitElement {
  static override properties = {
    services: { attribute: false },
    cards: { state: true },
    synced: { state: true },
  };
  declare services: AppServices | undefined;
  declare cards: CardRecord[];
  /** True once a sync in this view succeeded (the list then is the server's, even when empty). */
  declare synced: boolean;

  static override styles = [
    theme,
    css`
      article {
        background: var(--c-panel);
        border-radius: var(--radius);
        padding: 0.75rem 1rem;
        margin: 0.75rem 0;
        overflow-wrap: anywhere;
      }
      h2 {
        margin: 0 0 0.25rem;
        font-size: 1.15rem;
      }
      ul.certs {
        list-style: none;
        padding: 0;
        margin: 0.5rem 0;
        display: grid;
        gap: 0.5rem;
      }
      ul.certs > li {
        background: var(--c-surface);
        border: 1px solid #c8c8c8;
        border-radius: var(--radius);
        padding: 0.5rem 0.75rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.15rem 0.75rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      /* Phones: label above value, so a long serial number never pushes the page sideways. */
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
        dd {
          margin-bottom: 0.25rem;
        }
      }
      .mark {
        display: inline-block;
        margin-left: 0.5rem;
        padding: 0 0.4rem;
        border-radius: var(--radius);
        font-weight: 600;
      }
      .mark.expired {
        background: #fbe3e3;
        color: var(--c-bad);
        border: 1px solid var(--c-bad);
      }
      .mark.expiring {
        background: #fff4d6;
        color: #5c4100;
        border: 1px solid #8a6100;
      }
      .muted {
        color: var(--c-muted);
      }
      .error {
        color: var(--c-bad);
        font-weight: 600;
      }
    `,
  ];

  private readonly refresh = new Task(this, {
    task: async (_args, { signal }) => {
      const s = this.services!;
      this.cards = await syncMyCards(s.cm, s.store, { signal });
      this.synced = true;
      this.dispatchEvent(
        new CustomEvent('announce', {
          detail: msg('Karten aktualisiert.', { id: 'cards.updated' }),
          bubbles: true,
          composed: true,
        }),
      );
    },
    autoRun: false,
  });

  private readonly onNet = () => {
    this.requestUpdate();
    // Back online after opening offline: fetch what was missed, once.
    if (this.services?.connectivity.state === 'online' && !this.synced && this.refresh.status !== 1)
      void this.refresh.run();
  };

  constructor() {
    super();
    this.cards = [];
    this.synced = false;
    updateWhenLocaleChanges(this);
  }

  // Why not connectedCallback: this view is loaded lazily, and Lit restores properties set before
  // the element was defined only at the first update — `services` is not there yet on connect.
  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('services')) return;
    (changed.get('services') as AppServices | undefined)?.connectivity.removeEventListener(
      'change',
      this.onNet,
    );
    this.services?.connectivity.addEventListener('change', this.onNet);
    const s = this.services;
    if (!s) return;
    void s.store.cards.list().then((cards) => {
      if (!this.synced) this.cards = cards;
    });
    // Anything but "offline" is worth a try: a server the probe could not reach may answer now,
    // and if not, the error says why (unreachable, CORS) instead of a stale "offline".
    if (s.connectivity.state !== 'offline') void this.refresh.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.services?.connectivity.removeEventListener('change', this.onNet);
  }

  private cert(x: CardRecord['certificates'][number]) {
    const v = certValidity(x.notAfter);
    const mark = validityText(v);
    return html`<li data-validity=${v.kind}>
      <dl>
        <dt>${msg('Vorlage', { id: 'cards.template' })}</dt>
        <dd>${x.template ?? '–'}</dd>
        <dt>${msg('Seriennummer', { id: 'cards.serial' })}</dt>
        <dd>${x.serialNumber}</dd>
        <dt>${msg('Gültig bis', { id: 'cards.until' })}</dt>
        <dd>
          ${formatDate(x.notAfter)}${mark ? html`<span class="mark ${v.kind}">${mark}</span>` : nothing}
        </dd>
      </dl>
    </li>`;
  }

  private card(c: CardRecord) {
    return html`<article aria-labelledby="c-${c.cardId}">
      <h2 id="c-${c.cardId}">${c.profileTemplate?.name || msg('Smartcard', { id: 'cards.card' })}</h2>
      <dl>
        <dt>${msg('Karten-ID', { id: 'card.id' })}</dt>
        <dd>${c.cardId}</dd>
        <dt>${msg('Status', { id: 'cards.status' })}</dt>
        <dd data-status=${c.status ?? 'unknown'}>${cardStatusText(c.status)}</dd>
      </dl>
      ${
        c.certificates.length === 0
          ? html`<p class="muted">${msg('Keine Zertifikate.', { id: 'cards.nocerts' })}</p>`
          : html`<h3 class="visually-hidden">${msg('Zertifikate', { id: 'cards.certs' })}</h3>
              <ul class="certs">
                ${c.certificates.map((x) => this.cert(x))}
              </ul>`
      }
      <scss-expiry-notice
        .certificates=${c.certificates}
        warn-days=${this.services?.config.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS}
      ></scss-expiry-notice>
      <p class="muted">
        ${c.lastSynced ? msg(str`Zuletzt abgeglichen: ${formatDateTime(c.lastSynced)}`, { id: 'cards.synced' }) : msg('Noch nie mit dem Server abgeglichen.', { id: 'cards.never' })}
      </p>
    </article>`;
  }

  private emptyText() {
    const state = this.services?.connectivity.state;
    if (this.refresh.status === 1) return msg('Karten werden vom Server geladen …', { id: 'cards.loading' });
    if (this.synced)
      return msg('Beim Zertifikatsserver ist für Sie keine Karte registriert.', { id: 'cards.none' });
    if (state === 'offline')
      return msg('Noch keine Karten gespeichert. Sobald Sie online sind, werden sie geladen.', {
        id: 'cards.empty',
      });
    return msg('Noch keine Karten gespeichert.', { id: 'cards.empty.online' });
  }

  override render() {
    const state = this.services?.connectivity.state;
    const loading = this.refresh.status === 1;
    return html`<h1>${msg('Meine Karten und Zertifikate', { id: 'cards.title' })}</h1>
      ${
        state === 'offline'
          ? html`<p role="note">
              ${msg('Offline: Sie sehen den zuletzt gespeicherten Stand; Änderungen sind jetzt nicht möglich.', { id: 'cards.offline' })}
            </p>`
          : nothing
      }
      <button
        @click=${() => this.refresh.run()}
        ?disabled=${state === 'offline' || loading}
        aria-busy=${loading}
      >
        ${msg('Vom Server aktualisieren', { id: 'cards.refresh' })}
      </button>
      ${this.refresh.render({
        error: (e) => {
          // A sync that failed because the network is gone is said by the offline note above.
          if (state === 'offline') return nothing;
          const t = errorText(e);
          return html`<div role="alert">
            <p class="error">${t.what}</p>
            <p>${t.next}</p>
            <p>${msg('Sie sehen den zuletzt gespeicherten Stand.', { id: 'cards.stale' })}</p>
          </div>`;
        },
      })}
      ${this.cards.length === 0 ? html`<p>${this.emptyText()}</p>` : this.cards.map((c) => this.card(c))}`;
  }
}
customElements.define('scss-cards-view', CardsView);
