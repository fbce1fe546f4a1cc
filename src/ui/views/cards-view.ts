import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { syncMyCards } from '../../flows/sync-cards';
import type { CardRecord } from '../../store';
import { errorText } from '../i18n/error-text';
import { getLocale } from '../i18n/locale';
import type { AppServices } from '../services';
import { theme } from '../shell/theme';
import { DEFAULT_EXPIRY_WARNING_DAYS } from '../../flows';
import '../components/expiry-notice';

const fmtDate = (v: string | number | undefined) => {
  if (v === undefined || v === '' || v === 0) return '–';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(d);
};
const fmtTime = (v: number) => new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(v));

/**
 * My cards and certificates: what the CM server knows of the user's cards, from the local cache
 * (readable offline, with "last synced"), refreshed from the server on request when online.
 */
export class CardsView extends LitElement {
  static override properties = { services: { attribute: false }, cards: { state: true } };
  declare services: AppServices | undefined;
  declare cards: CardRecord[];

  static override styles = [
    theme,
    css`
      article {
        background: var(--c-panel);
        border-radius: var(--radius);
        padding: 0.75rem 1rem;
        margin: 0.75rem 0;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: left;
        padding: 0.2rem 0.4rem;
        border-bottom: 1px solid #c8c8c8;
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
      this.dispatchEvent(new CustomEvent('announce', { detail: msg('Karten aktualisiert.', { id: 'cards.updated' }), bubbles: true, composed: true }));
    },
    autoRun: false,
  });

  private readonly onNet = () => this.requestUpdate();

  constructor() {
    super();
    this.cards = [];
    updateWhenLocaleChanges(this);
  }

  // Why not connectedCallback: this view is loaded lazily, and Lit restores properties set before
  // the element was defined only at the first update — `services` is not there yet on connect.
  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('services')) return;
    (changed.get('services') as AppServices | undefined)?.connectivity.removeEventListener('change', this.onNet);
    this.services?.connectivity.addEventListener('change', this.onNet);
    void this.services?.store.cards.list().then((cards) => (this.cards = cards));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.services?.connectivity.removeEventListener('change', this.onNet);
  }

  private card(c: CardRecord) {
    return html`<article aria-labelledby="c-${c.cardId}">
      <h2 id="c-${c.cardId}">${c.profileTemplate?.name || msg('Smartcard', { id: 'cards.card' })}</h2>
      <p>
        ${msg('Karten-ID', { id: 'card.id' })}: ${c.cardId} · ${msg('Status', { id: 'cards.status' })}: ${c.status ?? msg('beim Server unbekannt', { id: 'cards.unknown' })}
      </p>
      ${c.certificates.length === 0
        ? html`<p class="muted">${msg('Keine Zertifikate.', { id: 'cards.nocerts' })}</p>`
        : html`<table>
            <caption class="visually-hidden">${msg('Zertifikate', { id: 'cards.certs' })}</caption>
            <thead><tr><th scope="col">${msg('Vorlage', { id: 'cards.template' })}</th><th scope="col">${msg('Seriennummer', { id: 'cards.serial' })}</th><th scope="col">${msg('Gültig bis', { id: 'cards.until' })}</th></tr></thead>
            <tbody>${c.certificates.map((x) => html`<tr><td>${x.template ?? '–'}</td><td>${x.serialNumber}</td><td>${fmtDate(x.notAfter)}</td></tr>`)}</tbody>
          </table>`}
      <scss-expiry-notice .certificates=${c.certificates} warn-days=${this.services?.config.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS}></scss-expiry-notice>
      <p class="muted">
        ${c.lastSynced ? msg(str`Zuletzt abgeglichen: ${fmtTime(c.lastSynced)}`, { id: 'cards.synced' }) : msg('Noch nie mit dem Server abgeglichen.', { id: 'cards.never' })}
      </p>
    </article>`;
  }

  override render() {
    const online = this.services?.connectivity.state === 'online';
    return html`<h1>${msg('Meine Karten und Zertifikate', { id: 'cards.title' })}</h1>
      ${online
        ? nothing
        : html`<p role="note">${msg('Offline: Sie sehen den zuletzt gespeicherten Stand; Änderungen sind jetzt nicht möglich.', { id: 'cards.offline' })}</p>`}
      <button @click=${() => this.refresh.run()} ?disabled=${!online || this.refresh.status === 1} aria-busy=${this.refresh.status === 1}>
        ${msg('Vom Server aktualisieren', { id: 'cards.refresh' })}
      </button>
      ${this.refresh.render({
        error: (e) => {
          const t = errorText(e);
          return html`<div role="alert"><p class="error">${t.what}</p><p>${t.next}</p></div>`;
        },
      })}
      ${this.cards.length === 0
        ? html`<p>${msg('Noch keine Karten gespeichert. Aktualisieren Sie, sobald Sie online sind.', { id: 'cards.empty' })}</p>`
        : this.cards.map((c) => this.card(c))}`;
  }
}
customElements.define('scss-cards-view', CardsView);
