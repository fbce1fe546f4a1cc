import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { EnrollPolicy } from '../../flows';
import { pinRules } from './pin-view';
import '../components/pin-entry';

/**
 * The PIN step bodies of the enrollment view (and its "paused" note): pure templates of their
 * arguments, like `enroll-steps.ts`; headings stay in the view. Which PIN is asked for follows the
 * template's PIN policy (MIM CM `SmartcardConfig.UserPinPolicy`, docs/mim-cm-api.md) and the card
 * registry's `keepsPinOnEnroll` (the flow layer's `CardInfo.profile`).
 */

/** Why the card's current PIN is asked for: the card type keeps its PIN, or a resumed run set it. */
export type CardPinReason = 'card-keeps-pin' | 'resume';

/** The server proposes the PIN (policy source `server`): the user starts, then confirms it. */
export function serverPinStep(onStart: () => void): TemplateResult {
  return html`<p>
      ${msg(
        'Für diese Vorlage schlägt der Zertifikatsserver die PIN vor. Sie sehen sie, bevor sie auf die Karte geschrieben wird.',
        { id: 'enroll.server.hint' },
      )}
    </p>
    <div class="row">
      <button type="button" @click=${onStart}>${msg('Registrierung starten', { id: 'enroll.server.start' })}</button>
    </div>`;
}

/** The user chooses the new PIN within the template's rules. */
export function userPinStep(
  policy: EnrollPolicy,
  problem: string | undefined,
  onSubmit: (e: CustomEvent<{ pin: string }>) => void,
): TemplateResult {
  return html`<p>
      ${msg('Wählen Sie die PIN für Ihre Karte. Danach wird die Karte registriert und die PIN gesetzt.', {
        id: 'enroll.pin.hint',
      })}
    </p>
    ${problem ? html`<p class="failure" role="alert">${problem}</p>` : nothing}
    <scss-pin-entry
      .rules=${pinRules(policy.pinPolicy)}
      submit-label=${msg('Registrieren und PIN setzen', { id: 'enroll.pin.submit' })}
      @pin-submit=${onSubmit}
    ></scss-pin-entry>`;
}

/** The card's current PIN: needed to generate the keys and sign the request. */
export function cardPinStep(
  reason: CardPinReason | undefined,
  onSubmit: (e: CustomEvent<{ pin: string }>) => void,
): TemplateResult {
  const hint =
    reason === 'resume'
      ? msg(
          'Die PIN ist bereits auf der Karte gesetzt. Geben Sie sie ein, um die Registrierung abzuschließen.',
          { id: 'enroll.cardpin.resume' },
        )
      : msg(
          'Diese Karte behält ihre PIN. Geben Sie die PIN der Karte ein; sie wird gebraucht, um die Schlüssel zu erzeugen und den Zertifikatsantrag zu signieren.',
          { id: 'enroll.cardpin.hint' },
        );
  return html`<p>${hint}</p>
    <scss-pin-entry
      .rules=${{ minLength: 4, maxLength: 16, numeric: false }}
      .confirm=${false}
      label=${msg('PIN der Karte', { id: 'enroll.cardpin.label' })}
      submit-label=${msg('Registrierung fortsetzen', { id: 'enroll.cardpin.submit' })}
      @pin-submit=${onSubmit}
    ></scss-pin-entry>`;
}

/** The user declined the proposed PIN: the run is parked in the journal. */
export function pausedStep(onBack: () => void): TemplateResult {
  return html`<p>
      ${msg(
        'Die PIN wurde nicht auf die Karte geschrieben. Sie können die Registrierung später dort fortsetzen, wo Sie aufgehört haben.',
        { id: 'enroll.paused' },
      )}
    </p>
    <div class="row">
      <button type="button" class="secondary" @click=${onBack}>${msg('Zurück zum Anfang', { id: 'flow.again' })}</button>
    </div>`;
}
