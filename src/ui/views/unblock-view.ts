import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
  prepareUnblock,
  validatePin,
  type JournalEntry,
  type PinPolicy,
  type UnblockSession,
} from '../../flows';
import { FlowViewBase, flowViewStyles } from './flow-view';
import { theme } from '../shell/theme';
import { pinCheckText, pinRules } from './pin-view';
import '../components/flow-progress';
import '../components/pin-entry';

/**
 * Unblock: prepare the Unblock request → when it still waits for an approver, say so
 * (the flow polls while the PIN is set; the progress shows the poll count) → a new PIN within the
 * template's policy → run → success. "Cancel" on the PIN step cancels the request this run made.
 * The PIN exists only in the `pin-submit` event and the one `run(pin)` call.
 */
export class UnblockView extends FlowViewBase {
  static override properties = {
    ...FlowViewBase.properties,
    policy: { state: true },
    pendingApproval: { state: true },
    problem: { state: true },
  };
  declare policy: PinPolicy | undefined;
  declare pendingApproval: boolean;
  declare problem: string | undefined;
  protected readonly flow = 'unblock' as const;
  private session: UnblockSession | undefined;

  static override styles = [theme, flowViewStyles];

  constructor() {
    super();
    this.pendingApproval = false;
  }

  protected heading(): string {
    return msg('PIN entsperren', { id: 'unblock.title' });
  }

  protected override reset(): void {
    this.session = undefined;
    this.policy = undefined;
    this.problem = undefined;
    this.pendingApproval = false;
    super.reset();
  }

  private begin(resume: JournalEntry | 'latest' | undefined): void {
    this.session = undefined;
    this.runStep(async (deps) => {
      const s = await prepareUnblock(deps, {
        resume: resume === 'latest' ? await this.latestResume() : resume,
      });
      if (s.completed) return this.end('done');
      this.session = s;
      this.policy = s.policy;
      this.pendingApproval = s.pendingApproval;
      this.problem = undefined;
      this.stage = 'pin';
    }, true);
  }

  protected retry(): void {
    this.begin('latest');
  }

  private end(outcome: 'done' | 'discarded'): void {
    this.session = undefined;
    this.stage = outcome;
    this.finished(outcome);
  }

  private onPin(e: CustomEvent<{ pin: string }>): void {
    const s = this.session;
    const check = validatePin(e.detail.pin, this.policy!);
    this.problem = check.ok ? undefined : pinCheckText(check);
    if (!s || !check.ok) return;
    const pin = e.detail.pin;
    this.runStep(async () => {
      await s.run(pin);
      this.end('done');
    });
  }

  private cancelRequest(): void {
    const s = this.session;
    this.runStep(async () => {
      await s?.cancel();
      this.end('discarded');
    });
  }

  protected renderStage(): TemplateResult {
    switch (this.stage) {
      case 'pin':
        return html`${this.stepHeading(msg('Neue PIN wählen', { id: 'unblock.pin.title' }))}
          ${
            this.pendingApproval
              ? html`<p class="info">${msg('Ihr Antrag wartet noch auf die Freigabe. Sie können die neue PIN schon jetzt wählen: Sie wird auf die Karte geschrieben, sobald der Antrag freigegeben ist; bis dahin sehen Sie, wie oft nachgefragt wurde.', { id: 'unblock.pending' })}</p>`
              : html`<p>${msg('Ihr Antrag ist freigegeben. Wählen Sie jetzt eine neue PIN für Ihre Karte.', { id: 'unblock.approved' })}</p>`
          }
          ${this.problem ? html`<p class="failure" role="alert">${this.problem}</p>` : ''}
          <scss-pin-entry .rules=${pinRules(this.policy!)} @pin-submit=${this.onPin}></scss-pin-entry>
          <div class="row">
            <button type="button" class="secondary" @click=${this.cancelRequest}>${msg('Antrag zurückziehen', { id: 'unblock.cancel' })}</button>
          </div>`;
      case 'done':
        return html`<div class="done">
          ${this.stepHeading(msg('PIN entsperrt', { id: 'unblock.done.title' }))}
          <p>${msg('Ihre Karte hat eine neue PIN und ist wieder entsperrt. Verwenden Sie ab jetzt die neue PIN.', { id: 'unblock.done' })}</p>
        </div>`;
      case 'discarded':
        return html`${this.stepHeading(msg('Antrag zurückgezogen', { id: 'unblock.discarded.title' }))}
          <p>${msg('An Ihrer Karte wurde nichts geändert.', { id: 'unblock.discarded' })}</p>
          <div class="row"><button type="button" class="secondary" @click=${() => this.reset()}>${msg('Zurück zum Anfang', { id: 'flow.again' })}</button></div>`;
      default:
        return this.renderStart(
          msg('PIN entsperren beantragen', { id: 'unblock.start.title' }),
          msg(
            'Ist Ihre PIN gesperrt oder vergessen, setzen Sie hier eine neue. Dafür wird beim Zertifikatsserver ein Antrag gestellt; muss ihn jemand freigeben, warten Sie hier darauf.',
            { id: 'unblock.start.hint' },
          ),
          msg('Entsperren beginnen', { id: 'unblock.start' }),
          (resume) => this.begin(resume),
        );
    }
  }
}
customElements.define('scss-unblock-view', UnblockView);
