import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
  cardPinLimits,
  getRenewOffer,
  missingFields,
  renewCertificates,
  type FlowDeps,
  type InstalledCertificate,
  type JournalEntry,
  type RenewChoice,
  journaledRenewType,
} from '../../flows';
import { formStep } from './enroll-steps';
import { cardsLink, chooseStep, renewedStep } from './renew-steps';
import { FlowViewBase, flowViewStyles } from './flow-view';
import { theme } from '../shell/theme';
import '../components/flow-progress';
import '../components/pin-entry';

/**
 * Renew / online update (MIM CM request types Renew and OnlineUpdate; the flow is
 * `flows/renew.ts`, what CM offers `flows/renew-offer.ts`): what CM allows for the card → the type
 * (only when both are listed) → the policy's data collection (only when it asks) → the card's PIN
 * → request, approval (the shared waiting screen), generation options, keys on the card,
 * certificates, Completed, with progress → the new certificates and their validity. An interrupted
 * run continues from the journal as enrollment does: the start screen offers it, and a card put
 * back after removal continues at the PIN (the PIN is never kept).
 */
export class RenewView extends FlowViewBase {
  static override properties = {
    ...FlowViewBase.properties,
    choices: { state: true },
    chosen: { state: true },
    missing: { state: true },
    problem: { state: true },
    installed: { state: true },
  };
  declare choices: RenewChoice[];
  declare chosen: RenewChoice | undefined;
  /** Names of required fields left empty at the last "Weiter". */
  declare missing: string[];
  declare problem: string | undefined;
  /** Certificates as read back from the card at the end of the run. */
  declare installed: InstalledCertificate[];
  protected readonly flow = 'renew' as const;
  private values: Record<string, string> = {};
  private comment = '';
  private resumeEntry: JournalEntry | undefined;
  /** After a failed run, "try again" continues the run the journal holds. */
  private resumeLatest = false;

  static override styles = [theme, flowViewStyles];

  constructor() {
    super();
    this.choices = [];
    this.missing = [];
    this.installed = [];
  }

  /** "Not offered" is an end: leaving it loses nothing. */
  override get unfinished(): boolean {
    return this.stage === 'not-offered' || this.stage === 'not-registered' ? false : super.unfinished;
  }

  protected heading(): string {
    return msg('Zertifikate erneuern', { id: 'renew.title' });
  }

  protected override reset(): void {
    this.choices = [];
    this.chosen = undefined;
    this.values = {};
    this.comment = '';
    this.missing = [];
    this.problem = undefined;
    this.installed = [];
    this.resumeEntry = undefined;
    this.resumeLatest = false;
    super.reset();
  }

  /** A journaled run continues at the PIN: its request exists, its form went to the server before. */
  private begin(resume?: JournalEntry): void {
    this.resumeEntry = resume;
    this.resumeLatest = false;
    if (resume) {
      this.stage = 'pin';
      return;
    }
    this.runStep(async (deps) => {
      const id = this.cardId();
      const offer = id ? await getRenewOffer(deps.cm, id, deps.signal) : { kind: 'not-registered' as const };
      if (offer.kind !== 'offered') return void (this.stage = offer.kind);
      this.choices = offer.choices;
      if (offer.choices.length === 1) this.pick(offer.choices[0]!);
      else this.stage = 'choose';
    }, true);
  }

  private pick(c: RenewChoice): void {
    this.chosen = c;
    this.stage = c.fields.length || c.collectComments ? 'form' : 'pin';
  }

  protected retry(): void {
    if (this.stage === 'pin') {
      // The PIN is never kept: ask for it again, then continue the journaled run.
      this.resumeLatest = true;
      this.showStage();
    } else this.begin(this.resumeEntry);
  }

  private chooseType(e: Event): void {
    e.preventDefault();
    const v = this.renderRoot.querySelector<HTMLInputElement>('input[name="type"]:checked')?.value;
    const c = this.choices.find((x) => x.type === v);
    this.problem = c
      ? undefined
      : msg('Bitte wählen Sie aus, was geschehen soll.', { id: 'renew.type.none' });
    if (c) this.pick(c);
    else
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>('input[name="type"]')?.focus(),
      );
  }

  private submitForm(e: Event): void {
    e.preventDefault();
    const fields = this.chosen!.fields;
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
    this.stage = 'pin';
  }

  private renew(cardPin: string): void {
    this.runStep((deps) => this.renewWith(deps, cardPin));
  }

  private async renewWith(deps: FlowDeps, cardPin: string): Promise<void> {
    const resume = this.resumeLatest ? await this.latestResume() : this.resumeEntry;
    this.resumeLatest = true; // from here on a journal entry exists; "try again" continues it
    // A resumed run keeps the request it journaled; its type only matters for a new request.
    const journaledType = journaledRenewType(resume);
    const r = await renewCertificates(deps, {
      type: this.chosen?.type ?? journaledType,
      cardPin,
      resume,
      dataCollection: Object.entries(this.values).map(([name, value]) => ({ name, value })),
      comment: this.comment,
    });
    this.installed = r.certificates;
    this.stage = 'done';
    this.finished('done');
  }

  private renderPin(): TemplateResult {
    const lim = cardPinLimits(this.services?.session.card?.type);
    const approval = (this.chosen?.approvalsNeeded ?? 0) > 0;
    return html`${this.stepHeading(msg('PIN Ihrer Karte', { id: 'enroll.cardpin.title' }))}
      <p>
        ${msg('Die neuen Schlüssel werden auf der Karte erzeugt und die Zertifikatsanträge von der Karte signiert; dafür braucht es die PIN der Karte. Ihre PIN bleibt unverändert.', { id: 'renew.pin.hint' })}
      </p>
      ${
        approval
          ? html`<p class="info">
              ${msg('Der Antrag muss erst freigegeben werden. Die App wartet darauf und zeigt, wie oft sie nachgefragt hat; Sie können auch später weitermachen.', { id: 'renew.pin.approval' })}
            </p>`
          : nothing
      }
      ${this.resumeEntry || this.resumeLatest ? html`<p>${msg('Bereits erledigte Schritte werden nicht wiederholt.', { id: 'renew.pin.resume' })}</p>` : nothing}
      <scss-pin-entry
        .rules=${{ minLength: lim.minLength, maxLength: lim.maxLength, numeric: lim.charset === 'numeric' }}
        .confirm=${false}
        label=${msg('PIN der Karte', { id: 'enroll.cardpin.label' })}
        submit-label=${msg('Erneuern', { id: 'renew.pin.submit' })}
        @pin-submit=${(e: CustomEvent<{ pin: string }>) => this.renew(e.detail.pin)}
      ></scss-pin-entry>`;
  }

  protected renderStage(): TemplateResult {
    const c = this.chosen;
    if (this.stage === 'choose') {
      return html`${this.stepHeading(msg('Was soll geschehen?', { id: 'renew.type.title' }))}${chooseStep(this.choices, this.problem, (e) => this.chooseType(e))}`;
    }
    if (this.stage === 'form' && c) {
      return html`${this.stepHeading(msg('Angaben für den Antrag', { id: 'enroll.form.title' }))}${formStep(c, this.values, this.missing, this.comment, (e) => this.submitForm(e))}`;
    }
    if (this.stage === 'pin') return this.renderPin();
    if (this.stage === 'done') {
      return html`<div class="done">
          ${this.stepHeading(this.chosen?.type === 'OnlineUpdate' ? msg('Karte auf den neuesten Stand gebracht', { id: 'renew.done.update.title' }) : msg('Zertifikate erneuert', { id: 'renew.done.title' }))}${renewedStep(this.installed)}
        </div>
        ${cardsLink()}`;
    }
    if (this.stage === 'not-offered' || this.stage === 'not-registered') {
      return html`${this.stepHeading(msg('Erneuern nicht möglich', { id: 'renew.none.title' }))}
        <p>
          ${this.stage === 'not-offered' ? msg('Der Zertifikatsserver bietet das Erneuern für diese Karte nicht an. Fragen Sie Ihre IT, wenn ein Zertifikat bald abläuft.', { id: 'renew.none' }) : msg('Diese Karte ist beim Zertifikatsserver nicht in Gebrauch. Registrieren Sie sie zuerst.', { id: 'renew.none.registered' })}
        </p>
        <div class="row">
          <button type="button" class="secondary" @click=${() => this.reset()}>
            ${msg('Zurück zum Anfang', { id: 'flow.again' })}
          </button>
        </div>`;
    }
    return this.renderStart(
      msg('Neue Zertifikate für Ihre Karte', { id: 'renew.start.title' }),
      msg(
        'Bevor Ihre Zertifikate ablaufen, erneuern Sie sie hier: Der Zertifikatsserver stellt neue aus, die Schlüssel dazu entstehen auf der Karte. Ihre PIN bleibt, wie sie ist.',
        { id: 'renew.start.hint' },
      ),
      msg('Erneuern beginnen', { id: 'renew.start' }),
      (resume) => this.begin(resume),
    );
  }
}
customElements.define('scss-renew-view', RenewView);
