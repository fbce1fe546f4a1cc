import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import {
  DEFAULT_EXPIRY_WARNING_DAYS,
  certificateExpiry,
  supersededSerials,
  type CertificateExpiry,
} from '../../flows';
import type { CertificateSummary } from '../../store';
import { hrefOf } from '../router';
import { countWord } from '../i18n/count-words';
import { theme } from '../shell/theme';

const ID_LEFT = { id: 'expiry.left' };
const ID_WARN_NEXT = { id: 'expiry.warn.next' };

/**
 * Days left for each certificate of a card (`flows/expiry.ts` decides), and — when one is inside
 * the warning window or expired — one warning with one next step: "renew" where CM offers Renew or
 * OnlineUpdate for the card (`renewOffered`), else who to ask. A certificate a newer one of its
 * template outlives (renewed) is shown as replaced and never warned about.
 */
export class ExpiryNotice extends LitElement {
  static override properties = {
    certificates: { attribute: false },
    warnDays: { type: Number, attribute: 'warn-days' },
    now: { type: Number },
    renewOffered: { type: Boolean, attribute: 'renew-offered' },
  };
  declare certificates: readonly CertificateSummary[] | undefined;
  declare warnDays: number;
  /** Clock for tests; default `Date.now()` at render. */
  declare now: number | undefined;
  declare renewOffered: boolean;

  static override styles = [
    theme,
    css`
      ul {
        margin: 0.25rem 0 0.5rem;
        padding-left: 1.25rem;
        /* Certificate template names have no break points: break them rather than scroll sideways at 320 px. */
        overflow-wrap: anywhere;
      }
      .warn {
        background: var(--c-panel);
        border-left: 6px solid var(--c-bad);
        padding: 0.5rem 1rem;
        margin: 0.5rem 0;
      }
      .warn p {
        margin: 0.25rem 0;
      }
      a {
        display: inline-block;
        padding: 0.55rem 1rem;
        border-radius: var(--radius);
        background: var(--c-brand);
        color: var(--c-brand-contrast);
        text-decoration: none;
      }
    `,
  ];

  constructor() {
    super();
    this.warnDays = DEFAULT_EXPIRY_WARNING_DAYS;
    this.renewOffered = false;
    updateWhenLocaleChanges(this);
  }

  private line(e: CertificateExpiry, replaced: boolean) {
    const name = e.template || e.serialNumber;
    if (replaced)
      return html`<li>
        ${name}: ${msg('durch ein neueres Zertifikat ersetzt', { id: 'expiry.replaced' })}
      </li>`;
    if (e.state === 'unknown')
      return html`<li>${name}: ${msg('Ablaufdatum unbekannt', { id: 'expiry.unknown' })}</li>`;
    if (e.state === 'expired')
      return html`<li><strong>${name}: ${msg('abgelaufen', { id: 'expiry.expired' })}</strong></li>`;
    const left = e.daysLeft!;
    const words =
      left === 0
        ? msg('läuft heute ab', { id: 'expiry.today' })
        : left === 1
          ? msg('noch 1 Tag', { id: 'expiry.left.one' })
          : msg(str`noch ${left <= 15 ? countWord(left) : left} Tage`, ID_LEFT);
    return html`<li>
      ${e.state === 'soon' ? html`<strong>${name}: ${words}</strong>` : html`${name}: ${words}`}
    </li>`;
  }

  override render() {
    const certs = this.certificates ?? [];
    if (certs.length === 0) return nothing;
    const now = this.now ?? Date.now();
    const list = certs.map((c) => certificateExpiry(c, now, this.warnDays));
    const replaced = supersededSerials(certs);
    const due = list.filter(
      (e) => !replaced.has(e.serialNumber) && (e.state === 'soon' || e.state === 'expired'),
    );
    return html`<ul aria-label=${msg('Gültigkeit der Zertifikate', { id: 'expiry.list' })}>
        ${list.map((e) => this.line(e, replaced.has(e.serialNumber)))}
      </ul>
      ${
        due.length
          ? html`<div class="warn" role="status">
              <p>
                <strong
                  >${
                    due.some((e) => e.state === 'expired')
                      ? msg('Ein Zertifikat dieser Karte ist abgelaufen.', { id: 'expiry.warn.expired' })
                      : msg(
                          str`Ein Zertifikat dieser Karte läuft in weniger als ${this.warnDays} Tagen ab.`,
                          { id: 'expiry.warn.soon' },
                        )
                  }</strong
                >
              </p>
              ${
                this.renewOffered
                  ? html`<a href=${hrefOf('/renew')}>${msg('Zertifikate erneuern', { id: 'nav.renew' })}</a>`
                  : html`<p>
                      ${msg('Lassen Sie es rechtzeitig erneuern: mit „Zertifikate erneuern“ auf der Startseite, wenn der Zertifikatsserver das für die eingesteckte Karte anbietet, sonst durch Ihre IT.', ID_WARN_NEXT)}
                    </p>`
              }
            </div>`
          : nothing
      }`;
  }
}
customElements.define('scss-expiry-notice', ExpiryNotice);
