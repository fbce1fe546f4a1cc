import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
  startServerProposedPin,
  validatePin,
  type JournalEntry,
  type PinCheck,
  type PinPolicy,
  type ProposedPinResult,
} from '../../flows';
import { FlowViewBase, flowViewStyles } from './flow-view';
import type { PinRules } from '../components/pin-entry';
import { theme } from '../shell/theme';
import '../components/flow-progress';
import '../components/pin-display';
import '../components/pin-entry';

/** A flows `PinPolicy` as the limits `<scss-pin-entry>` states up front and checks itself. */
export function pinRules(p: PinPolicy): PinRules {
  return { minLength: p.minLength, maxLength: p.maxLength, numeric: p.charset === 'numeric' };
}

/** Words for a policy rule `<scss-pin-entry>` cannot check itself (letters only, ASCII only). */
export function pinCheckText(check: Exclude<PinCheck, { ok: true }>): string {
  if (check.reason === 'not-alphanumeric')
    return msg('Die PIN darf nur Buchstaben (ohne Umlaute) und Ziffern enthalten.', {
      id: 'pinpolicy.alnum',
    });
  if (check.reason === 'not-printable-ascii') {
    return msg('Die PIN darf nur Buchstaben ohne Umlaute, Ziffern und einfache Satzzeichen enthalten.', {
      id: 'pinpolicy.ascii',
    });
  }
  return msg('Die PIN entspricht nicht den Vorgaben. Bitte wählen Sie eine andere.', {
    id: 'pinpolicy.other',
  });
}

/**
 * Server-proposed PIN (the seed operation): "get my PIN" → the PIN in `<scss-pin-display>`
 * → "write PIN to card" (apply) or "cancel" (discard). When the server proposes none (204) the
 * user chooses one within the policy. The PIN is dropped (`pin = ''`, result object released)
 * after apply or discard, when the card changes and when the view is left.
 */
export class PinView extends FlowViewBase {
  static override properties = {
    ...FlowViewBase.properties,
    pin: { state: true },
    policy: { state: true },
    problem: { state: true },
  };
  /** The proposed PIN while it is on screen; '' otherwise. */
  declare pin: string;
  declare policy: PinPolicy | undefined;
  declare problem: string | undefined;
  protected readonly flow = 'server-proposed-pin' as const;
  private proposal: ProposedPinResult | undefined;

  static override styles = [theme, flowViewStyles];

  constructor() {
    super();
    this.pin = '';
  }

  protected heading(): string {
    return msg('PIN vom Zertifikatsserver', { id: 'pinview.title' });
  }

  protected override reset(): void {
    this.pin = '';
    this.proposal = undefined;
    this.policy = undefined;
    this.problem = undefined;
    super.reset();
  }

  private begin(resume: JournalEntry | 'latest' | undefined): void {
    this.pin = '';
    this.proposal = undefined;
    this.runStep(async (deps) => {
      const r = await startServerProposedPin(deps, {
        resume: resume === 'latest' ? await this.latestResume() : resume,
      });
      if (r.kind === 'completed') return this.end('done');
      this.proposal = r;
      this.policy = r.policy;
      if (r.kind === 'proposed') this.pin = r.pin;
      this.stage = r.kind === 'proposed' ? 'proposed' : 'choose';
    }, true);
  }

  protected retry(): void {
    this.begin('latest');
  }

  private end(outcome: 'done' | 'discarded'): void {
    this.pin = '';
    this.proposal = undefined;
    this.stage = outcome;
    this.finished(outcome);
  }

  private apply(chosen?: string): void {
    const r = this.proposal;
    if (!r || r.kind === 'completed') return;
    this.runStep(async () => {
      try {
        await (r.kind === 'proposed' ? r.apply() : r.apply(chosen ?? ''));
      } finally {
        // Applied or failed: the PIN leaves the screen either way ("try again" fetches a fresh one).
        this.pin = '';
        this.proposal = undefined;
      }
      this.end('done');
    });
  }

  private discard(): void {
    const r = this.proposal;
    this.pin = '';
    this.proposal = undefined;
    this.runStep(async () => {
      if (r && r.kind !== 'completed') await r.discard();
      this.end('discarded');
    });
  }

  private onChosen(e: CustomEvent<{ pin: string }>): void {
    const check = validatePin(e.detail.pin, this.policy!);
    this.problem = check.ok ? undefined : pinCheckText(check);
    if (check.ok) this.apply(e.detail.pin);
  }

  protected renderStage(): TemplateResult {
    const cancel = html`<button type="button" class="secondary" @click=${this.discard}>${msg('Abbrechen', { id: 'pinview.discard' })}</button>`;
    switch (this.stage) {
      case 'proposed':
        return html`${this.stepHeading(msg('Ihre neue PIN', { id: 'pinview.proposed.title' }))}
          <p>${msg('Der Zertifikatsserver schlägt diese PIN vor. Prägen Sie sie sich ein; gültig wird sie erst, wenn Sie sie auf die Karte schreiben.', { id: 'pinview.proposed.hint' })}</p>
          <scss-pin-display .pin=${this.pin}></scss-pin-display>
          <div class="row">
            <button type="button" @click=${() => this.apply()}>${msg('PIN auf die Karte schreiben', { id: 'pinview.apply' })}</button>
            ${cancel}
          </div>`;
      case 'choose':
        return html`${this.stepHeading(msg('Wählen Sie Ihre PIN', { id: 'pinview.choose.title' }))}
          <p>${msg('Der Zertifikatsserver schlägt für Ihre Karte keine PIN vor: Sie wählen sie selbst.', { id: 'pinview.choose.hint' })}</p>
          ${this.problem ? html`<p class="failure" role="alert">${this.problem}</p>` : ''}
          <scss-pin-entry .rules=${pinRules(this.policy!)} @pin-submit=${this.onChosen}></scss-pin-entry>
          <div class="row">${cancel}</div>`;
      case 'done':
        return html`<div class="done">
          ${this.stepHeading(msg('Fertig', { id: 'pinview.done.title' }))}
          <p>${msg('Die neue PIN ist auf Ihrer Karte gespeichert. Verwenden Sie ab jetzt diese PIN.', { id: 'pinview.done' })}</p>
        </div>`;
      case 'discarded':
        return html`${this.stepHeading(msg('Abgebrochen', { id: 'pinview.discarded.title' }))}
          <p>${msg('An Ihrer Karte wurde nichts geändert; Ihre bisherige PIN gilt weiter.', { id: 'pinview.discarded' })}</p>
          <div class="row"><button type="button" class="secondary" @click=${() => this.reset()}>${msg('Zurück zum Anfang', { id: 'flow.again' })}</button></div>`;
      default:
        return this.renderStart(
          msg('PIN abholen', { id: 'pinview.start.title' }),
          msg(
            'Der Zertifikatsserver kann Ihnen eine neue PIN für diese Karte vorschlagen. Sie sehen sie zuerst und entscheiden dann, ob sie auf die Karte geschrieben wird.',
            { id: 'pinview.start.hint' },
          ),
          msg('Meine PIN abholen', { id: 'pinview.start' }),
          (resume) => this.begin(resume),
        );
    }
  }
}
customElements.define('scss-pin-view', PinView);
