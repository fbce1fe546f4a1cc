import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
  CARD_PIN_REQUIRED,
  enrollCard,
  resumesWithoutPin,
  type FlowDeps,
  type InstalledCertificate,
  getEnrollPolicy,
  listEnrollTemplates,
  missingFields,
  validatePin,
  type EnrollPolicy,
  type EnrollTemplate,
  type JournalEntry,
} from '../../flows';
import { confirmStep, doneStep, formStep, templateStep } from './enroll-steps';
import { FlowViewBase, flowViewStyles } from './flow-view';
import { theme } from '../shell/theme';
import { pinCheckText, pinRules } from './pin-view';
import '../components/flow-progress';
import '../components/pin-display';
import '../components/pin-entry';

/**
 * Enrollment: smart card template (radio group) → its policy → the
 * data-collection form built from the policy's fields (required ones marked in words, checked with
 * `missingFields`) → the user's PIN, or the server-proposed PIN shown for confirmation while the
 * flow waits → keys, certificates → "Registrierung abgeschlossen". A PIV card keeps its PIN, so
 * the view asks for the card's PIN instead; so it does when a resumed run finds the PIN already set
 * (`flow/confirmation-required` with reason `card-pin-required`).
 */
export class EnrollView extends FlowViewBase {
  static override properties = {
    ...FlowViewBase.properties,
    templates: { state: true },
    policy: { state: true },
    missing: { state: true },
    problem: { state: true },
    pin: { state: true },
    cardPinReason: { state: true },
    installed: { state: true },
  };
  declare templates: EnrollTemplate[];
  declare policy: EnrollPolicy | undefined;
  /** Names of required fields left empty at the last "Weiter". */
  declare missing: string[];
  declare problem: string | undefined;
  /** The server-proposed PIN while the user is asked to confirm it; '' otherwise. */
  declare pin: string;
  /** Why the card's current PIN is asked for: a PIV card keeps its PIN, or a resumed run set it already. */
  declare cardPinReason: 'piv' | 'resume' | undefined;
  /** Certificates as read back from the card at the end of the run. */
  declare installed: InstalledCertificate[];
  protected readonly flow = 'enroll' as const;
  private values: Record<string, string> = {};
  private comment = '';
  private resumeEntry: JournalEntry | undefined;
  /** After a failed run, "try again" continues the run the journal holds. */
  private resumeLatest = false;
  private answer: ((ok: boolean) => void) | undefined;
  private chosen: string | undefined;
  private declined = false;
  /** The finished run left the card's own PIN in place (PIV). */
  private pinKept = false;

  static override styles = [theme, flowViewStyles];

  constructor() {
    super();
    this.templates = [];
    this.missing = [];
    this.pin = '';
    this.installed = [];
  }

  protected heading(): string {
    return msg('Karte registrieren', { id: 'enroll.title' });
  }

  protected override reset(): void {
    this.answer?.(false); // a flow waiting for the PIN confirmation must not wait forever
    this.pin = '';
    this.policy = undefined;
    this.values = {};
    this.comment = '';
    this.missing = [];
    this.problem = undefined;
    this.resumeEntry = undefined;
    this.resumeLatest = false;
    this.chosen = undefined;
    this.cardPinReason = undefined;
    this.installed = [];
    this.pinKept = false;
    super.reset();
  }

  private begin(resume?: JournalEntry): void {
    this.resumeEntry = resume;
    this.resumeLatest = false;
    const known = typeof resume?.facts.templateUuid === 'string' ? resume.facts.templateUuid : undefined;
    // A run whose server-proposed PIN is on the card continues at once: the user was only shown
    // that PIN and is never asked to type it (the flow fetches it again).
    if (known && resumesWithoutPin(resume)) {
      this.runStep(async (deps) => {
        this.policy = await getEnrollPolicy(deps.cm, known, deps.signal);
        await this.enrollWith(deps);
      }, true);
    }
    // A run whose request exists already continues at the PIN: its form went to the server before.
    else if (known) this.loadPolicy(known, 'pin');
    else
      this.runStep(
        async (deps) => (
          (this.templates = await listEnrollTemplates(deps.cm, deps.signal)),
          (this.stage = 'template')
        ),
        true,
      );
  }

  private loadPolicy(uuid: string, next: 'form' | 'pin'): void {
    this.runStep(async (deps) => {
      this.policy = await getEnrollPolicy(deps.cm, uuid, deps.signal);
      this.stage = next === 'pin' ? this.pinStage() : next;
    });
  }

  /** PIV cards keep their PIN (no admin-key PIN set): ask for it instead of a new one. */
  private pinStage(): 'pin' | 'card-pin' {
    const s = this.services?.session.state;
    if (s?.kind === 'ready' && s.info.type === 'piv') {
      this.cardPinReason = 'piv';
      return 'card-pin';
    }
    return 'pin';
  }

  protected retry(): void {
    if (this.stage === 'pin' || this.stage === 'card-pin') {
      // The PIN is never kept: ask for it again, then continue the journaled run.
      this.resumeLatest = true;
      this.showStage();
    } else if (this.stage === 'template' && this.chosen) this.loadPolicy(this.chosen, 'form');
    else this.begin(this.resumeEntry);
  }

  private chooseTemplate(e: Event): void {
    e.preventDefault();
    this.chosen = this.renderRoot.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value;
    this.problem = this.chosen
      ? undefined
      : msg('Bitte wählen Sie eine Vorlage.', { id: 'enroll.template.none' });
    if (this.chosen) this.loadPolicy(this.chosen, 'form');
  }

  private submitForm(e: Event): void {
    e.preventDefault();
    const fields = this.policy!.fields;
    this.values = Object.fromEntries(
      fields.map((f, i) => [f.name, this.renderRoot.querySelector<HTMLInputElement>(`#field-${i}`)!.value]),
    );
    this.comment = this.renderRoot.querySelector<HTMLTextAreaElement>('#comment')?.value ?? '';
    this.missing = missingFields(fields, this.values);
    if (this.missing.length > 0) {
      const first = fields.findIndex((f) => this.missing.includes(f.name));
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#field-${first}`)?.focus(),
      );
      return;
    }
    this.stage = this.pinStage();
  }

  private onUserPin(e: CustomEvent<{ pin: string }>): void {
    const check = validatePin(e.detail.pin, this.policy!.pinPolicy);
    this.problem = check.ok ? undefined : pinCheckText(check);
    if (check.ok) this.enroll(e.detail.pin);
  }

  private confirmProposed = (pin: string) =>
    new Promise<boolean>((resolve) => {
      this.pin = pin;
      this.answer = (ok) => {
        this.declined = !ok;
        this.pin = '';
        this.answer = undefined;
        resolve(ok);
      };
    });

  private enroll(userPin?: string, cardPin?: string): void {
    this.runStep((deps) => this.enrollWith(deps, userPin, cardPin));
  }

  private async enrollWith(deps: FlowDeps, userPin?: string, cardPin?: string): Promise<void> {
    const policy = this.policy!;
    const server = policy.pinPolicy.source === 'server';
    const resume = this.resumeLatest ? await this.latestResume() : this.resumeEntry;
    this.resumeLatest = true; // from here on a journal entry exists; "try again" continues it
    this.declined = false;
    try {
      const r = await enrollCard(deps, {
        profileTemplateUuid: policy.templateUuid,
        policy, // fetched for the form: the flow does not ask for the configuration again
        dataCollection: this.values,
        fields: policy.fields,
        comment: this.comment,
        resume,
        ...(server ? { confirmProposedPin: this.confirmProposed } : { userPin }),
        ...(cardPin !== undefined && { cardPin }),
      });
      this.installed = r.certificates;
      this.pinKept = r.pinSource === 'card';
    } catch (e) {
      if ((e as { data?: { reason?: unknown } }).data?.reason === CARD_PIN_REQUIRED) {
        // Not a failure: the card's current PIN is needed (PIV, or the PIN was set before a break).
        this.cardPinReason ??= 'resume';
        this.stage = 'card-pin';
        return;
      }
      // The user said no to the proposed PIN: the run is parked in the journal, not failed.
      if (!this.declined || (e as { code?: string }).code !== 'flow/confirmation-required') throw e;
      this.stage = 'paused';
      return;
    }
    this.stage = 'done';
    this.finished('done');
  }

  protected override dropPrompt(): void {
    this.answer?.(false);
    this.declined = false; // not the user's "no": the run fails as interrupted and continues later
  }

  protected override prompt(): TemplateResult | undefined {
    if (!this.pin || !this.answer) return undefined;
    return html`${this.stepHeading(msg('Ihre neue PIN', { id: 'enroll.confirm.title' }))}${confirmStep(this.pin, this.answer)}`;
  }

  private renderPin(p: EnrollPolicy): TemplateResult {
    if (p.pinPolicy.source === 'server') {
      return html`${this.stepHeading(msg('PIN vom Zertifikatsserver', { id: 'enroll.server.title' }))}
        <p>${msg('Für diese Vorlage schlägt der Zertifikatsserver die PIN vor. Sie sehen sie, bevor sie auf die Karte geschrieben wird.', { id: 'enroll.server.hint' })}</p>
        <div class="row"><button type="button" @click=${() => this.enroll()}>${msg('Registrierung starten', { id: 'enroll.server.start' })}</button></div>`;
    }
    return html`${this.stepHeading(msg('PIN wählen', { id: 'enroll.pin.title' }))}
      <p>${msg('Wählen Sie die PIN für Ihre Karte. Danach wird die Karte registriert und die PIN gesetzt.', { id: 'enroll.pin.hint' })}</p>
      ${this.problem ? html`<p class="failure" role="alert">${this.problem}</p>` : nothing}
      <scss-pin-entry .rules=${pinRules(p.pinPolicy)} submit-label=${msg('Registrieren und PIN setzen', { id: 'enroll.pin.submit' })} @pin-submit=${this.onUserPin}></scss-pin-entry>`;
  }

  private renderCardPin(): TemplateResult {
    const hint =
      this.cardPinReason === 'resume'
        ? msg(
            'Die PIN ist bereits auf der Karte gesetzt. Geben Sie sie ein, um die Registrierung abzuschließen.',
            { id: 'enroll.cardpin.resume' },
          )
        : msg(
            'Diese Karte behält ihre PIN. Geben Sie die PIN der Karte ein; sie wird gebraucht, um die Schlüssel zu erzeugen und den Zertifikatsantrag zu signieren.',
            { id: 'enroll.cardpin.hint' },
          );
    return html`${this.stepHeading(msg('PIN Ihrer Karte', { id: 'enroll.cardpin.title' }))}
      <p>${hint}</p>
      <scss-pin-entry .rules=${{ minLength: 4, maxLength: 16, numeric: false }} .confirm=${false}
        label=${msg('PIN der Karte', { id: 'enroll.cardpin.label' })}
        submit-label=${msg('Registrierung fortsetzen', { id: 'enroll.cardpin.submit' })}
        @pin-submit=${(e: CustomEvent<{ pin: string }>) => this.enroll(undefined, e.detail.pin)}></scss-pin-entry>`;
  }

  protected renderStage(): TemplateResult {
    const p = this.policy;
    if (this.stage === 'template') {
      return html`${this.stepHeading(msg('Vorlage wählen', { id: 'enroll.template.title' }))}${templateStep(this.templates, this.problem, (e) => this.chooseTemplate(e))}`;
    }
    if (this.stage === 'form' && p) {
      return html`${this.stepHeading(msg('Angaben für den Antrag', { id: 'enroll.form.title' }))}${formStep(p, this.values, this.missing, this.comment, (e) => this.submitForm(e))}`;
    }
    if (this.stage === 'pin' && p) return this.renderPin(p);
    if (this.stage === 'card-pin' && p) return this.renderCardPin();
    if (this.stage === 'done') {
      return html`<div class="done">${this.stepHeading(msg('Registrierung abgeschlossen', { id: 'enroll.done.title' }))}${doneStep(this.installed, this.pinKept)}</div>`;
    }
    if (this.stage === 'paused') {
      return html`${this.stepHeading(msg('Registrierung angehalten', { id: 'enroll.paused.title' }))}
        <p>${msg('Die PIN wurde nicht auf die Karte geschrieben. Sie können die Registrierung später dort fortsetzen, wo Sie aufgehört haben.', { id: 'enroll.paused' })}</p>
        <div class="row"><button type="button" class="secondary" @click=${() => this.reset()}>${msg('Zurück zum Anfang', { id: 'flow.again' })}</button></div>`;
    }
    return this.renderStart(
      msg('Neue Karte registrieren', { id: 'enroll.start.title' }),
      msg(
        'Registrieren Sie diese Karte beim Zertifikatsserver: Vorlage wählen, Angaben machen, PIN festlegen.',
        { id: 'enroll.start.hint' },
      ),
      msg('Registrierung beginnen', { id: 'enroll.start' }),
      (resume) => this.begin(resume),
    );
  }
}
customElements.define('scss-enroll-view', EnrollView);
