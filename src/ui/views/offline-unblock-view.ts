import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { prepareOfflineUnblock, validatePin, type OfflineUnblockSession } from '../../flows';
import { FlowViewBase, flowViewStyles } from './flow-view';
import { theme } from '../shell/theme';
import { pinCheckText, pinRules } from './pin-view';
import '../components/flow-progress';
import '../components/pin-entry';

const ID_EMPTY = { id: 'offunblock.err.empty' };

/**
 * Offline unblock with the help desk (works without a connection to the certificate server): the
 * card's request code (admin challenge) in groups of four and the card id, to read out on the
 * phone → the response code the help desk reads back → a new PIN within the rules → done. A
 * refused code goes to the failure screen; "try again" gets a new request code from the card.
 * Challenge and response live only in the session and the input, both dropped on leave.
 */
export class OfflineUnblockView extends FlowViewBase {
  static override properties = {
    ...FlowViewBase.properties,
    session: { state: true },
    problem: { state: true },
  };
  declare session: OfflineUnblockSession | undefined;
  declare problem: string | undefined;
  protected readonly flow = 'offline-unblock' as const;

  static override styles = [
    theme,
    flowViewStyles,
    css`
      .code {
        font:
          700 1.5rem/1.4 ui-monospace,
          monospace;
        letter-spacing: 0.08em;
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.9rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .cardid {
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        gap: 0.25rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0 0 0.5rem;
      }
      label {
        font-weight: 600;
        display: block;
      }
      input {
        font: inherit;
        font-size: 1.2rem;
        padding: 0.4rem;
        width: 100%;
        max-width: 24rem;
        box-sizing: border-box;
        border: 2px solid var(--c-border);
        border-radius: var(--radius);
        font-family: ui-monospace, monospace;
      }
    `,
  ];

  protected heading(): string {
    return msg('PIN mit dem Helpdesk entsperren', { id: 'offunblock.title' });
  }

  protected override reset(): void {
    this.drop();
    this.problem = undefined;
    super.reset();
  }

  private drop(): void {
    this.session?.dispose();
    this.session = undefined;
    const el = this.renderRoot?.querySelector<HTMLInputElement>('#response');
    if (el) el.value = '';
  }

  private begin(): void {
    this.drop();
    this.runStep(async (deps) => {
      this.session = await prepareOfflineUnblock(deps);
      this.problem = undefined;
      this.stage = 'challenge';
    }, true);
  }

  protected retry(): void {
    this.begin();
  }

  private onPin(e: CustomEvent<{ pin: string }>): void {
    const s = this.session;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#response');
    const code = input?.value.trim() ?? '';
    if (!s) return;
    if (code === '') {
      this.problem = msg('Bitte geben Sie den Antwortcode ein, den der Helpdesk Ihnen vorliest.', ID_EMPTY);
      input?.focus();
      return;
    }
    const check = validatePin(e.detail.pin, s.policy);
    this.problem = check.ok ? undefined : pinCheckText(check);
    if (!check.ok) return;
    const pin = e.detail.pin;
    this.runStep(async () => {
      await s.run(code, pin);
      this.drop();
      this.stage = 'done';
      this.finished('done');
    });
  }

  private renderChallenge(s: OfflineUnblockSession): TemplateResult {
    return html`${this.stepHeading(msg('Helpdesk anrufen', { id: 'offunblock.call.title' }))}
      <p>
        ${msg('Rufen Sie den Helpdesk Ihrer IT an und lesen Sie die Kartennummer und den Anfragecode vor. Lassen Sie die Karte dabei im Leser.', { id: 'offunblock.call.hint' })}
      </p>
      <dl>
        <dt>${msg('Kartennummer', { id: 'offunblock.cardid' })}</dt>
        <dd class="cardid">${s.cardId}</dd>
        <dt id="challenge-label">${msg('Anfragecode', { id: 'offunblock.challenge' })}</dt>
        <dd>
          <ul class="code" aria-labelledby="challenge-label">
            ${s.challengeGroups.map((g) => html`<li>${g}</li>`)}
          </ul>
        </dd>
      </dl>
      ${this.problem ? html`<p class="failure" role="alert">${this.problem}</p>` : nothing}
      <div>
        <label for="response">${msg('Antwortcode vom Helpdesk', { id: 'offunblock.response' })}</label>
        <p class="hint" id="response-hint">
          ${msg(str`${s.responseDigits} Zeichen (0–9, A–F); Leerzeichen sind egal.`, { id: 'offunblock.response.hint' })}
        </p>
        <input
          id="response"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          aria-describedby="response-hint"
        />
      </div>
      ${s.policyFrom === 'card' ? html`<p class="hint">${msg('Für diese Karte liegen keine Vorgaben des Zertifikatsservers vor; es gelten die Grenzen der Karte.', { id: 'chpin.policy.card' })}</p>` : nothing}
      <scss-pin-entry
        .rules=${pinRules(s.policy)}
        submit-label=${msg('Entsperren und PIN setzen', { id: 'offunblock.submit' })}
        @pin-submit=${this.onPin}
      ></scss-pin-entry>`;
  }

  protected renderStage(): TemplateResult {
    const s = this.session;
    if (this.stage === 'challenge' && s) return this.renderChallenge(s);
    if (this.stage === 'done') {
      return html`<div class="done">
          ${this.stepHeading(msg('PIN entsperrt', { id: 'unblock.done.title' }))}
          <p>
            ${msg('Ihre Karte hat eine neue PIN und ist wieder entsperrt. Verwenden Sie ab jetzt die neue PIN.', { id: 'unblock.done' })}
          </p>
        </div>
        <div class="row">
          <button type="button" class="secondary" @click=${() => this.reset()}>
            ${msg('Zurück zum Anfang', { id: 'flow.again' })}
          </button>
        </div>`;
    }
    return html`${this.stepHeading(msg('Entsperren ohne Verbindung', { id: 'offunblock.start.title' }))}
      <p>
        ${msg('Ist Ihre PIN gesperrt und erreichen Sie den Zertifikatsserver nicht (zum Beispiel unterwegs ohne VPN), hilft der Helpdesk Ihrer IT am Telefon: Die Karte zeigt einen Anfragecode, der Helpdesk nennt Ihnen den passenden Antwortcode.', { id: 'offunblock.start.hint' })}
      </p>
      <div class="row">
        <button type="button" @click=${() => this.begin()}>
          ${msg('Anfragecode anzeigen', { id: 'offunblock.start' })}
        </button>
      </div>`;
  }
}
customElements.define('scss-offline-unblock-view', OfflineUnblockView);
