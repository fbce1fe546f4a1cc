import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { InstalledCertificate, RenewChoice } from '../../flows';
import { formatDate } from '../i18n/format';
import { hrefOf } from '../router';

/**
 * The stateless step bodies of the renew view: pure templates of their arguments, so
 * `renew-view.ts` keeps only the flow's state machine (as `enroll-steps.ts` does for enrollment).
 * Headings stay in the view (they carry the focus target of each step).
 */

function typeText(c: RenewChoice): [string, string] {
  return c.type === 'Renew'
    ? [
        msg('Zertifikate erneuern', { id: 'renew.type.renew' }),
        msg('Neue Schlüssel und neue Zertifikate für die Zertifikate, die schon auf der Karte sind.', {
          id: 'renew.type.renew.hint',
        }),
      ]
    : [
        msg('Karte auf den neuesten Stand bringen', { id: 'renew.type.update' }),
        msg(
          'Die Karte bekommt, was die aktuelle Vorlage vorsieht; dabei können Zertifikate hinzukommen oder ersetzt werden.',
          { id: 'renew.type.update.hint' },
        ),
      ];
}

/**
 * Renew or OnlineUpdate, when CM lists both for the card (MIM CM request types, create-request):
 * a radio group with each type's explanation as its hint; no choice made is named next to it.
 */
export function chooseStep(
  choices: readonly RenewChoice[],
  problem: string | undefined,
  onSubmit: (e: Event) => void,
): TemplateResult {
  return html`<form novalidate @submit=${onSubmit}>
    <fieldset aria-describedby=${problem ? 'type-error' : nothing}>
      <legend>${msg('Der Zertifikatsserver bietet für diese Karte an:', { id: 'renew.type.legend' })}</legend>
      ${choices.map((c) => {
        const [name, hint] = typeText(c);
        return html`<p>
          <input
            type="radio"
            name="type"
            id="type-${c.type}"
            value=${c.type}
            aria-describedby="type-${c.type}-d"
          />
          <label for="type-${c.type}">${name}</label><br /><span class="hint" id="type-${c.type}-d"
            >${hint}</span
          >
        </p>`;
      })}
    </fieldset>
    ${problem ? html`<p class="failure" id="type-error" role="alert">${problem}</p>` : nothing}
    <div class="row"><button type="submit">${msg('Weiter', { id: 'enroll.next' })}</button></div>
  </form>`;
}

/** The end of a run: the new certificates as read back from the card, with their validity. */
export function renewedStep(installed: readonly InstalledCertificate[]): TemplateResult {
  return html`<p>
      ${msg('Die neuen Schlüssel und Zertifikate sind auf der Karte. Ihre PIN bleibt unverändert.', { id: 'renew.done' })}
    </p>
    ${
      installed.length
        ? html`<ul class="certs">
            ${installed.map(
              (c) =>
                html`<li>
                  ${msg(str`Zertifikat ${c.subject || '—'}, Seriennummer ${c.serialNumber}, gültig bis ${formatDate(c.notAfter)}`, { id: 'renew.cert' })}
                </li>`,
            )}
          </ul>`
        : nothing
    }`;
}

/** Where the new validity shows: My cards (it syncs with CM when opened online). */
export function cardsLink(): TemplateResult {
  return html`<p>
    <a href=${hrefOf('/cards')}>${msg('Meine Karten und Zertifikate ansehen', { id: 'renew.done.cards' })}</a>
  </p>`;
}
