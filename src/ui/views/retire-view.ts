import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { retireCard, type JournalEntry } from '../../flows';
import { FlowViewBase, flowViewStyles } from './flow-view';
import { theme } from '../shell/theme';
import '../components/flow-progress';

/**
 * Retire: an explicit confirmation step — a checkbox "I understand the card can no
 * longer be used" and a button; an unticked box is named as the error next to it (WCAG 3.3.1,
 * 3.3.4: irreversible actions are confirmed) — then the Retire request and card status `Retired`.
 * An interrupted retirement continues from the journal (the user confirmed it already).
 */
export class RetireView extends FlowViewBase {
  static override properties = { ...FlowViewBase.properties, unconfirmed: { state: true } };
  declare unconfirmed: boolean;
  protected readonly flow = 'retire' as const;

  static override styles = [theme, flowViewStyles];

  constructor() {
    super();
    this.unconfirmed = false;
  }

  protected heading(): string {
    return msg('Karte stilllegen', { id: 'retire.title' });
  }

  protected override reset(): void {
    this.unconfirmed = false;
    super.reset();
  }

  private retire(resume: JournalEntry | 'latest' | undefined): void {
    this.runStep(async (deps) => {
      await retireCard(deps, {
        confirm: true,
        resume: resume === 'latest' ? await this.latestResume() : resume,
      });
      this.stage = 'done';
      this.finished('done');
    }, true);
  }

  protected retry(): void {
    this.retire('latest');
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const box = this.renderRoot.querySelector<HTMLInputElement>('#understood')!;
    this.unconfirmed = !box.checked;
    if (this.unconfirmed) {
      void this.updateComplete.then(() => box.focus());
      return;
    }
    this.retire(this.resumable.value);
  }

  protected renderStage(): TemplateResult {
    if (this.stage === 'done') {
      return html`<div class="done">
        ${this.stepHeading(msg('Karte stillgelegt', { id: 'retire.done.title' }))}
        <p>${msg('Der Zertifikatsserver führt die Karte jetzt als stillgelegt. Sie kann nicht mehr verwendet werden.', { id: 'retire.done' })}</p>
      </div>`;
    }
    const resuming = this.resumable.value !== undefined;
    return html`${this.stepHeading(msg('Stilllegung bestätigen', { id: 'retire.confirm.title' }))}
      <p>${msg('Eine stillgelegte Karte kann nicht mehr verwendet werden: Anmelden, Signieren und Entschlüsseln mit ihr sind danach nicht mehr möglich. Das lässt sich nicht rückgängig machen.', { id: 'retire.confirm.hint' })}</p>
      ${resuming ? html`<p>${msg('Sie haben die Stilllegung schon begonnen; sie wird dort fortgesetzt, wo sie unterbrochen wurde.', { id: 'retire.resume' })}</p>` : ''}
      <form novalidate @submit=${this.onSubmit}>
        <p>
          <input type="checkbox" id="understood" aria-invalid=${this.unconfirmed ? 'true' : 'false'}
            aria-describedby=${this.unconfirmed ? 'understood-error' : nothing} @change=${() => (this.unconfirmed = false)} />
          <label for="understood">${msg('Mir ist klar, dass die Karte danach nicht mehr verwendet werden kann.', { id: 'retire.understood' })}</label>
        </p>
        ${
          this.unconfirmed
            ? html`<p class="failure" id="understood-error" role="alert">${msg('Bitte bestätigen Sie zuerst, dass Ihnen das klar ist.', { id: 'retire.unconfirmed' })}</p>`
            : ''
        }
        <div class="row"><button type="submit">${resuming ? msg('Stilllegung fortsetzen', { id: 'retire.continue' }) : msg('Karte stilllegen', { id: 'retire.submit' })}</button></div>
      </form>`;
  }
}
customElements.define('scss-retire-view', RetireView);
