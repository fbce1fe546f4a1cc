import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { EnrollPolicy, EnrollTemplate, InstalledCertificate } from '../../flows';
import { formatDate } from '../i18n/format';

/**
 * The stateless step bodies of the enrollment view: pure templates of their
 * arguments, so `enroll-view.ts` keeps only the flow's state machine. Headings stay in the view
 * (they carry the focus target of each step).
 */

/** Smart card template choice: a radio group with each template's description as its hint. */
export function templateStep(
  templates: readonly EnrollTemplate[],
  problem: string | undefined,
  onSubmit: (e: Event) => void,
): TemplateResult {
  return html`<form novalidate @submit=${onSubmit}>
    <fieldset aria-describedby=${problem ? 'template-error' : nothing}>
      <legend>
        ${msg('Für welchen Zweck soll die Karte registriert werden?', { id: 'enroll.template.legend' })}
      </legend>
      ${templates.map(
        (t, i) =>
          html`<p>
            <input type="radio" name="template" id="tpl-${i}" value=${t.uuid} aria-describedby="tpl-${i}-d" />
            <label for="tpl-${i}">${t.name}</label><br /><span class="hint" id="tpl-${i}-d"
              >${t.description}</span
            >
          </p>`,
      )}
    </fieldset>
    ${problem ? html`<p class="failure" id="template-error" role="alert">${problem}</p>` : nothing}
    <div class="row"><button type="submit">${msg('Weiter', { id: 'enroll.next' })}</button></div>
  </form>`;
}

/**
 * The data-collection form built from the workflow policy's fields (MIM CM REST API, "GET
 * profiletemplates/{id}/policies/{type}" DataCollection). Required fields say so in words; a field
 * left empty at the last submit is marked `aria-invalid` with its own message.
 */
export function formStep(
  p: Pick<EnrollPolicy, 'fields' | 'collectComments'>,
  values: Readonly<Record<string, string>>,
  missing: readonly string[],
  comment: string,
  onSubmit: (e: Event) => void,
): TemplateResult {
  const empty = p.fields.length === 0 && !p.collectComments;
  return html`${empty ? html`<p>${msg('Für diese Vorlage sind keine Angaben nötig.', { id: 'enroll.form.none' })}</p>` : nothing}
    <form novalidate @submit=${onSubmit}>
      ${p.fields.map((f, i) => {
        const bad = missing.includes(f.name);
        return html`<p>
          <label for="field-${i}"
            >${f.name}
            ${f.required ? msg('(Pflichtfeld)', { id: 'enroll.required' }) : msg('(freiwillig)', { id: 'enroll.optional' })}</label
          ><br />
          <input
            id="field-${i}"
            type="text"
            .value=${values[f.name] ?? ''}
            ?required=${f.required}
            aria-invalid=${bad ? 'true' : 'false'}
            aria-describedby=${bad ? `field-${i}-error` : nothing}
          />
          ${bad ? html`<br /><span class="failure" id="field-${i}-error">${msg(str`Bitte füllen Sie „${f.name}“ aus.`, { id: 'enroll.missing' })}</span>` : nothing}
        </p>`;
      })}
      ${
        p.collectComments
          ? html`<p>
              <label for="comment">${msg('Kommentar (freiwillig)', { id: 'enroll.comment' })}</label
              ><br /><textarea id="comment">${comment}</textarea>
            </p>`
          : nothing
      }
      <div class="row"><button type="submit">${msg('Weiter', { id: 'enroll.next' })}</button></div>
    </form>`;
}

/**
 * The end of a run: what is now on the card, each certificate as read back and matched to its key.
 * `pinKept`: the card kept its own PIN (PIV; the flow's `pinSource` 'card'), so no PIN was set.
 */
export function doneStep(installed: readonly InstalledCertificate[], pinKept = false): TemplateResult {
  return html`<p>
      ${
        pinKept
          ? msg(
              'Ihre Karte ist registriert und aktiv: Ihre PIN bleibt unverändert, Schlüssel und Zertifikate sind auf der Karte.',
              { id: 'enroll.done.kept' },
            )
          : msg(
              'Ihre Karte ist registriert und aktiv: Die PIN ist gesetzt, Schlüssel und Zertifikate sind auf der Karte.',
              { id: 'enroll.done' },
            )
      }
    </p>
    ${
      installed.length
        ? html`<h3>${msg('Von der Karte gelesen', { id: 'enroll.certs.title' })}</h3>
            <ul class="certs">
              ${installed.map(
                (c) =>
                  html`<li>
                    ${msg(str`Zertifikat ${c.subject || '—'}, ausgestellt von ${c.issuer}, Seriennummer ${c.serialNumber}, gültig bis ${formatDate(c.notAfter)}; passt zum Schlüssel auf der Karte.`, { id: 'enroll.certs.item' })}
                  </li>`,
              )}
            </ul>`
        : nothing
    }`;
}

/** The server-proposed PIN, shown for confirmation before the flow writes it to the card. */
export function confirmStep(pin: string, answer: (ok: boolean) => void): TemplateResult {
  return html`<p>
      ${msg('Der Zertifikatsserver schlägt diese PIN vor. Prägen Sie sie sich ein und bestätigen Sie dann; erst danach wird sie auf die Karte geschrieben.', { id: 'enroll.confirm.hint' })}
    </p>
    <scss-pin-display .pin=${pin}></scss-pin-display>
    <div class="row">
      <button type="button" @click=${() => answer(true)}>
        ${msg('Bestätigen und PIN auf die Karte schreiben', { id: 'enroll.confirm' })}
      </button>
      <button type="button" class="secondary" @click=${() => answer(false)}>
        ${msg('Abbrechen', { id: 'enroll.confirm.cancel' })}
      </button>
    </div>`;
}

/** The start screen's title, hint and button label (`FlowViewBase.renderStart`). */
export function startTexts(): [title: string, hint: string, start: string] {
  return [
    msg('Neue Karte registrieren', { id: 'enroll.start.title' }),
    msg(
      'Registrieren Sie diese Karte beim Zertifikatsserver: Vorlage wählen, Angaben machen, PIN festlegen.',
      {
        id: 'enroll.start.hint',
      },
    ),
    msg('Registrierung beginnen', { id: 'enroll.start' }),
  ];
}

// What the user entered in the forms above, read by the ids those templates render (radio group
// `template`, inputs `#field-<i>` in the order of the policy's fields, `#comment`): kept beside
// them so the two never drift apart.

type Fields = EnrollPolicy['fields'];

/** The template uuid chosen in the radio group; undefined when none is checked. */
export function chosenTemplate(root: ParentNode): string | undefined {
  return root.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value;
}

/** The data-collection values by field name, and the comment ('' when the form has none). */
export function formValues(
  root: ParentNode,
  fields: Fields,
): { values: Record<string, string>; comment: string } {
  const values = Object.fromEntries(
    fields.map((f, i) => [f.name, root.querySelector<HTMLInputElement>(`#field-${i}`)?.value ?? '']),
  );
  return { values, comment: root.querySelector<HTMLTextAreaElement>('#comment')?.value ?? '' };
}

/** Moves the focus to the first field named in `missing` (after the view marked them). */
export function focusFirstMissing(root: ParentNode, fields: Fields, missing: readonly string[]): void {
  const first = fields.findIndex((f) => missing.includes(f.name));
  if (first >= 0) root.querySelector<HTMLElement>(`#field-${first}`)?.focus();
}
