import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
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
import { confirmStep, doneStep, formStep, startTexts, templateStep } from './enroll-steps';
import { chosenTemplate, focusFirstMissing, formValues } from './enroll-steps';
import { runEnrollment } from './enroll-run';
import { FlowViewBase, flowViewStyles } from './flow-view';
import { theme } from '../shell/theme';
import { cardPinStep, pausedStep, serverPinStep, userPinStep, type CardPinReason } from './enroll-pin-steps';
import { pinCheckText } from './pin-view';
import '../components/flow-progress';
import '../components/pin-display';

/**
 * Enrollment: smart card template (radio group) → its policy → the
 * data-collection form built from the policy's fields (required ones marked in words, checked with
 * `missingFields`) → the user's PIN, or the server-proposed PIN shown for confirmation while the
 * flow waits → keys, certificates → "Registrierung abgeschlossen". A card type that keeps its PIN
 * (card registry `keepsPinOnEnroll`, e.g. PIV: its PIN is set by the card owner, not by the admin
 * key) is asked for its current PIN instead; so it is when a resumed run finds the PIN already set
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
  /** Why the card's current PIN is asked for: the card type keeps its PIN, or a resumed run set it already. */
  declare cardPinReason: CardPinReason | undefined;
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
  /** The finished run left the card's own PIN in place (a card type that keeps its PIN). */
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
    else {
      this.runStep(async (deps) => {
        this.templates = await listEnrollTemplates(deps.cm, deps.signal);
        this.stage = 'template';
      }, true);
    }
  }

  private loadPolicy(uuid: string, next: 'form' | 'pin'): void {
    this.runStep(async (deps) => {
      this.policy = await getEnrollPolicy(deps.cm, uuid, deps.signal);
      this.stage = next === 'pin' ? this.pinStage() : next;
    });
  }

  /** A card type that keeps its PIN (card registry `keepsPinOnEnroll`): ask for it instead of a new one. */
  private pinStage(): 'pin' | 'card-pin' {
    const s = this.services?.session.state;
    if (s?.kind === 'ready' && s.info.profile?.keepsPinOnEnroll) {
      this.cardPinReason = 'card-keeps-pin';
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
    this.chosen = chosenTemplate(this.renderRoot);
    this.problem = this.chosen
      ? undefined
      : msg('Bitte wählen Sie eine Vorlage.', { id: 'enroll.template.none' });
    if (this.chosen) this.loadPolicy(this.chosen, 'form');
  }

  private submitForm(e: Event): void {
    e.preventDefault();
    const fields = this.policy!.fields;
    ({ values: this.values, comment: this.comment } = formValues(this.renderRoot, fields));
    this.missing = missingFields(fields, this.values);
    if (this.missing.length > 0) {
      void this.updateComplete.then(() => focusFirstMissing(this.renderRoot, fields, this.missing));
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
    const resume = this.resumeLatest ? await this.latestResume() : this.resumeEntry;
    this.resumeLatest = true; // from here on a journal entry exists; "try again" continues it
    this.declined = false;
    const { values, comment, confirmProposed: confirmProposedPin } = this;
    const end = await runEnrollment(deps, {
      ...{ policy: this.policy!, values, comment, resume, userPin, cardPin, confirmProposedPin },
      declined: () => this.declined,
    });
    if (end.kind === 'card-pin') this.cardPinReason ??= 'resume';
    if (end.kind !== 'done') {
      this.stage = end.kind;
      return;
    }
    this.installed = end.certificates;
    this.pinKept = end.pinKept;
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
    if (p.pinPolicy.source === 'server')
      return html`${this.stepHeading(msg('PIN vom Zertifikatsserver', { id: 'enroll.server.title' }))}${serverPinStep(() => this.enroll())}`;
    return html`${this.stepHeading(msg('PIN wählen', { id: 'enroll.pin.title' }))}${userPinStep(p, this.problem, (e) => this.onUserPin(e))}`;
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
    if (this.stage === 'card-pin' && p) {
      return html`${this.stepHeading(msg('PIN Ihrer Karte', { id: 'enroll.cardpin.title' }))}${cardPinStep(this.cardPinReason, (e) => this.enroll(undefined, e.detail.pin))}`;
    }
    if (this.stage === 'done') {
      return html`<div class="done">${this.stepHeading(msg('Registrierung abgeschlossen', { id: 'enroll.done.title' }))}${doneStep(this.installed, this.pinKept)}</div>`;
    }
    if (this.stage === 'paused') {
      return html`${this.stepHeading(msg('Registrierung angehalten', { id: 'enroll.paused.title' }))}${pausedStep(() => this.reset())}`;
    }
    return this.renderStart(...startTexts(), (resume) => this.begin(resume));
  }
}
customElements.define('scss-enroll-view', EnrollView);
