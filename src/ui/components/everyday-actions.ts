import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { type EverydayAction, type EverydayReason, type EverydayVerdict } from '../../flows';
import { hrefOf } from '../router';
import { theme } from '../shell/theme';

const ID_NOT_ALLOWED = { id: 'everyday.why.not-allowed' };

/**
 * The everyday operations (change PIN, offline unblock, renew) as links — only those that exist for
 * the card — and each missing one with its reason. Presentational: `flows/everyday-actions.ts`
 * decides. Without verdicts (no card) nothing is shown.
 */
export class EverydayActions extends LitElement {
  static override properties = { verdicts: { attribute: false } };
  declare verdicts: readonly EverydayVerdict[] | undefined;

  static override styles = [
    theme,
    css`
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 0.5rem;
      }
      a {
        display: inline-block;
        padding: 0.55rem 1rem;
        border-radius: var(--radius);
        border: 2px solid var(--c-brand);
        color: var(--c-brand);
        text-decoration: none;
      }
      ul {
        margin: 0 0 1rem;
        padding-left: 1.25rem;
        color: var(--c-muted);
      }
    `,
  ];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private label(a: EverydayAction): string {
    if (a === 'change-pin') return msg('PIN ändern', { id: 'nav.change-pin' });
    if (a === 'offline-unblock') return msg('PIN mit dem Helpdesk entsperren', { id: 'nav.offline-unblock' });
    return msg('Zertifikate erneuern', { id: 'nav.renew' });
  }

  private why(r: EverydayReason): string {
    if (r === 'card-type')
      return msg(
        'Diese Karte setzt ihre PIN nicht mit einem Antwortcode; eine gesperrte PIN entsperrt Ihre IT.',
        { id: 'everyday.why.card-type' },
      );
    if (r === 'not-registered')
      return msg('Erst nach der Registrierung der Karte.', { id: 'everyday.why.not-registered' });
    return msg('Der Zertifikatsserver bietet das Entsperren für diese Karte nicht an.', ID_NOT_ALLOWED);
  }

  override render() {
    const v = this.verdicts ?? [];
    const href: Record<EverydayAction, string> = {
      'change-pin': hrefOf('/change-pin'),
      'offline-unblock': hrefOf('/offline-unblock'),
      renew: hrefOf('/renew'),
    };
    const missing = v.filter((x) => !x.available);
    return html`${
      v.some((x) => x.available)
        ? html`<nav aria-label=${msg('Weitere Aktionen', { id: 'everyday.actions' })}>
            ${v.filter((x) => x.available).map((x) => html`<a href=${href[x.action]}>${this.label(x.action)}</a>`)}
          </nav>`
        : nothing
    }
    ${
      missing.length
        ? html`<ul
            aria-label=${msg('Weitere Aktionen, für diese Karte nicht verfügbar', { id: 'everyday.missing' })}
          >
            ${missing.map((x) => html`<li><strong>${this.label(x.action)}:</strong> ${x.available ? '' : this.why(x.reason)}</li>`)}
          </ul>`
        : nothing
    }`;
  }
}
customElements.define('scss-everyday-actions', EverydayActions);
