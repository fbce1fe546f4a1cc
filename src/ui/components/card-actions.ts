import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { CARD_ACTIONS, type ActionReason, type ActionVerdict, type CardAction } from '../../flows';
import { hrefOf } from '../router';
import { theme } from '../shell/theme';

/**
 * The card's actions as links — only those that exist for this card — and, below, each missing
 * one with the reason in words. Purely presentational: `flows/card-actions.ts` decides. Without
 * verdicts (no card yet) all four are offered; the flow views then ask for a card.
 */
export class CardActions extends LitElement {
  static override properties = { verdicts: { attribute: false } };
  declare verdicts: readonly ActionVerdict[] | undefined;

  static override styles = [
    theme,
    css`
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 1rem 0 0.5rem;
      }
      a {
        display: inline-block;
        padding: 0.55rem 1rem;
        border-radius: var(--radius);
        background: var(--c-brand);
        color: var(--c-brand-contrast);
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

  private label(a: CardAction): string {
    if (a === 'server-pin') return msg('Vorgeschlagene PIN abrufen', { id: 'nav.pin' });
    if (a === 'unblock') return msg('PIN entsperren', { id: 'nav.unblock' });
    if (a === 'enroll') return msg('Karte registrieren', { id: 'nav.enroll' });
    return msg('Karte stilllegen', { id: 'nav.retire' });
  }

  private why(r: ActionReason): string {
    switch (r) {
      case 'card-type':
        return msg(
          'Diese Karte setzt ihre PIN nicht über den Zertifikatsserver; eine gesperrte PIN entsperrt Ihre IT.',
          { id: 'actions.why.card-type' },
        );
      case 'not-registered':
        return msg('Erst nach der Registrierung der Karte.', { id: 'actions.why.not-registered' });
      case 'already-registered':
        return msg('Die Karte ist bereits registriert.', { id: 'actions.why.registered' });
      case 'retired':
        return msg('Die Karte ist stillgelegt.', { id: 'actions.why.retired' });
      case 'not-active':
        return msg(
          'Die Registrierung ist noch nicht abgeschlossen; setzen Sie sie mit „Karte registrieren“ fort.',
          { id: 'actions.why.not-active' },
        );
      default:
        return msg(
          'Der Zertifikatsserver bietet das für diese Karte nicht an (Vorlage, Kartenstatus oder Berechtigung).',
          { id: 'actions.why.not-allowed' },
        );
    }
  }

  override render() {
    const verdicts = this.verdicts ?? CARD_ACTIONS.map((action) => ({ action, available: true as const }));
    const missing = verdicts.filter((v) => !v.available);
    const href: Record<CardAction, string> = {
      'server-pin': hrefOf('/pin'),
      unblock: hrefOf('/unblock'),
      enroll: hrefOf('/enroll'),
      retire: hrefOf('/retire'),
    };
    return html`<nav aria-label=${msg('Aktionen', { id: 'home.actions' })}>
        ${verdicts.filter((v) => v.available).map((v) => html`<a href=${href[v.action]}>${this.label(v.action)}</a>`)}
      </nav>
      ${
        missing.length
          ? html`<ul aria-label=${msg('Für diese Karte nicht verfügbar', { id: 'actions.missing' })}>
              ${missing.map((v) => html`<li><strong>${this.label(v.action)}:</strong> ${v.available ? '' : this.why(v.reason)}</li>`)}
            </ul>`
          : nothing
      }`;
  }
}
customElements.define('scss-card-actions', CardActions);
