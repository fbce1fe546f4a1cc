import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { prepareChangePin, validatePin, type ChangePinSession, type PinPolicy } from '../../flows';
import { FlowViewBase, flowViewStyles } from './flow-view';
import { theme } from '../shell/theme';
import { countWord } from '../i18n/count-words';
import { pinCheckText, pinRules } from './pin-view';
import '../components/flow-progress';
import '../components/pin-entry';

const ID_TRIES = { id: 'chpin.tries' };

/**
 * Change PIN (card-local): read the card's try counter and the PIN rules → current PIN plus the new
 * PIN (twice) → CHANGE REFERENCE DATA → done. A wrong current PIN goes to the shared failure screen
 * ("Die PIN ist falsch – noch zwei Versuche"); "try again" reads the counter afresh. The current
 * PIN sits only in its input until the one `run()` call, which also clears it.
 */
export class ChangePinView extends FlowViewBase {
  static override properties = {
    ...FlowViewBase.properties,
    policy: { state: true },
    triesLeft: { state: true },
    policyFrom: { state: true },
    problem: { state: true },
  };
  declare policy: PinPolicy | undefined;
  declare triesLeft: number | undefined;
  declare policyFrom: ChangePinSession['policyFrom'] | undefined;
  declare problem: string | undefined;
  protected readonly flow = 'change-pin' as const;
  private session: ChangePinSession | undefined;

  static override styles = [
    theme,
    flowViewStyles,
    css`
      label {
        font-weight: 600;
        display: block;
      }
      #current {
        font: inherit;
        font-size: 1.2rem;
        letter-spacing: 0.15em;
        padding: 0.4rem;
        width: 100%;
        max-width: 24rem;
        box-sizing: border-box;
        border: 2px solid var(--c-border);
        border-radius: var(--radius);
      }
    `,
  ];

  protected heading(): string {
    return msg('PIN ändern', { id: 'chpin.title' });
  }

  protected override reset(): void {
    this.clearCurrent();
    this.session = undefined;
    this.policy = undefined;
    this.triesLeft = undefined;
    this.problem = undefined;
    super.reset();
  }

  private clearCurrent(): void {
    const el = this.renderRoot?.querySelector<HTMLInputElement>('#current');
    if (el) el.value = '';
  }

  private begin(): void {
    this.session = undefined;
    this.runStep(async (deps) => {
      const s = await prepareChangePin(deps);
      this.session = s;
      this.policy = s.policy;
      this.policyFrom = s.policyFrom;
      this.triesLeft = s.triesLeft;
      this.problem = undefined;
      this.stage = 'pins';
    }, true);
  }

  protected retry(): void {
    this.begin();
  }

  private onPin(e: CustomEvent<{ pin: string }>): void {
    const s = this.session;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#current');
    const current = input?.value ?? '';
    if (current === '') {
      this.problem = msg('Bitte geben Sie Ihre bisherige PIN ein.', { id: 'chpin.err.current' });
      input?.focus();
      return;
    }
    const check = validatePin(e.detail.pin, this.policy!);
    this.problem = check.ok ? undefined : pinCheckText(check);
    if (!s || !check.ok) return;
    const pin = e.detail.pin;
    this.clearCurrent();
    this.runStep(async () => {
      await s.run(current, pin);
      this.session = undefined;
      this.stage = 'done';
      this.finished('done');
    });
  }

  private renderPins(): TemplateResult {
    const left = this.triesLeft;
    return html`${this.stepHeading(msg('Bisherige und neue PIN', { id: 'chpin.pins.title' }))}
      ${
        this.policyFrom === 'card'
          ? html`<p class="hint">
              ${msg('Für diese Karte liegen keine Vorgaben des Zertifikatsservers vor; es gelten die Grenzen der Karte.', { id: 'chpin.policy.card' })}
            </p>`
          : nothing
      }
      ${
        left !== undefined
          ? html`<p id="tries">
              ${
                left === 1
                  ? msg(
                      'Achtung: Für die bisherige PIN bleibt nur noch ein Versuch, danach ist sie gesperrt.',
                      { id: 'chpin.tries.one' },
                    )
                  : msg(str`Für die bisherige PIN haben Sie noch ${countWord(left)} Versuche.`, ID_TRIES)
              }
            </p>`
          : nothing
      }
      ${this.problem ? html`<p class="failure" role="alert">${this.problem}</p>` : nothing}
      <form
        novalidate
        @submit=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector<HTMLElement>('scss-pin-entry')?.focus())}
      >
        <label for="current">${msg('Bisherige PIN', { id: 'chpin.current' })}</label>
        <input
          id="current"
          type="password"
          autocomplete="off"
          aria-describedby=${left !== undefined ? 'tries' : nothing}
        />
      </form>
      <scss-pin-entry
        .rules=${pinRules(this.policy!)}
        submit-label=${msg('PIN ändern', { id: 'chpin.submit' })}
        @pin-submit=${this.onPin}
      ></scss-pin-entry>`;
  }

  protected renderStage(): TemplateResult {
    switch (this.stage) {
      case 'pins':
        return this.renderPins();
      case 'done':
        return html`<div class="done">
            ${this.stepHeading(msg('PIN geändert', { id: 'chpin.done.title' }))}
            <p>
              ${msg('Ihre Karte hat jetzt die neue PIN. Die bisherige PIN gilt nicht mehr.', { id: 'chpin.done' })}
            </p>
          </div>
          <div class="row">
            <button type="button" class="secondary" @click=${() => this.reset()}>
              ${msg('Zurück zum Anfang', { id: 'flow.again' })}
            </button>
          </div>`;
      default:
        return html`${this.stepHeading(msg('PIN der Karte ändern', { id: 'chpin.start.title' }))}
          <p>
            ${msg('Sie brauchen Ihre bisherige PIN. Die Änderung geschieht nur auf der Karte; dafür ist keine Verbindung zum Zertifikatsserver nötig.', { id: 'chpin.start.hint' })}
          </p>
          <div class="row">
            <button type="button" @click=${() => this.begin()}>
              ${msg('PIN ändern beginnen', { id: 'chpin.start' })}
            </button>
          </div>`;
    }
  }
}
customElements.define('scss-change-pin-view', ChangePinView);
