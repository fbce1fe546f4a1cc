/**
 * How a running flow shows itself in the UI: `<scss-flow-progress>` (steps in words, native
 * progress, Cancel). The frame the four flow views share is `views/flow-view.ts`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { FlowProgress, FlowStep } from '../../flows';
import { theme } from '../shell/theme';

/** A flow step id (flows/types.ts `FlowStep`) in words, for "Schritt 3 von 7: …". */
const STEP_TEXT: Record<FlowStep, () => string> = {
  'read-card': () => msg('Karte wird gelesen', { id: 'flowstep.read-card' }),
  'find-card': () => msg('Karte wird beim Zertifikatsserver gesucht', { id: 'flowstep.find-card' }),
  'check-card': () =>
    msg('Es wird geprüft, ob die Karte schon registriert ist', { id: 'flowstep.check-card' }),
  'get-policy': () => msg('Richtlinie wird abgerufen', { id: 'flowstep.get-policy' }),
  'find-request': () => msg('Offener Antrag wird gesucht', { id: 'flowstep.find-request' }),
  'create-request': () => msg('Antrag wird gestellt', { id: 'flowstep.create-request' }),
  'wait-approval': () => msg('Warten auf die Freigabe des Antrags', { id: 'flowstep.wait-approval' }),
  'bind-card': () => msg('Karte wird Ihrem Konto zugeordnet', { id: 'flowstep.bind-card' }),
  'diversify-key': () =>
    msg('Administratorschlüssel der Karte wird geändert', { id: 'flowstep.diversify-key' }),
  'get-pin': () => msg('PIN wird vom Zertifikatsserver abgeholt', { id: 'flowstep.get-pin' }),
  'apply-pin': () => msg('PIN wird auf die Karte geschrieben', { id: 'flowstep.apply-pin' }),
  'update-card-status': () => msg('Kartenstatus wird geändert', { id: 'flowstep.update-card-status' }),
  'complete-request': () => msg('Antrag wird abgeschlossen', { id: 'flowstep.complete-request' }),
  'get-cert-options': () => msg('Zertifikatsvorgaben werden abgerufen', { id: 'flowstep.get-cert-options' }),
  'generate-keys': () =>
    msg('Schlüssel wird auf der Karte erzeugt (das kann bis zu einer Minute dauern)', {
      id: 'flowstep.generate-keys',
    }),
  'request-certificates': () => msg('Zertifikate werden beantragt', { id: 'flowstep.request-certificates' }),
  'install-certificates': () =>
    msg('Zertifikate werden auf die Karte geschrieben', { id: 'flowstep.install-certificates' }),
  'certificates-pending': () =>
    msg('PIN gesetzt – Zertifikate folgen', { id: 'flowstep.certificates-pending' }),
  'change-pin': () => msg('PIN wird auf der Karte geändert', { id: 'flowstep.change-pin' }),
  'read-challenge': () => msg('Anfragecode wird von der Karte gelesen', { id: 'flowstep.read-challenge' }),
  'check-response': () => msg('Antwortcode wird von der Karte geprüft', { id: 'flowstep.check-response' }),
};

export const stepText = (step: FlowStep): string => STEP_TEXT[step]();

/**
 * Progress of a running flow (the flows as step-by-step views with progress):
 * "Schritt i von n: <step in words>" in a polite live region (WCAG 4.1.3), a native `<progress>`
 * labelled by that text, the approval poll count while waiting, and a Cancel button that emits
 * `flow-cancel` (the view aborts the flow's AbortSignal). Before the first step only "Bitte warten"
 * — no empty progress bar for steps that have not started.
 */
export class FlowProgressElement extends LitElement {
  static override properties = { progress: { attribute: false }, cancellable: { type: Boolean } };
  declare progress: FlowProgress | undefined;
  declare cancellable: boolean;

  static override styles = [
    theme,
    css`
      :host { display: grid; gap: 0.5rem; max-width: 36rem; }
      p { margin: 0; }
      progress { width: 100%; height: 1rem; }
      .attempt { color: var(--c-muted); }
    `,
  ];

  constructor() {
    super();
    this.cancellable = true;
    updateWhenLocaleChanges(this);
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('flow-cancel', { bubbles: true, composed: true }));
  }

  override render() {
    const p = this.progress;
    const label = p
      ? msg(str`Schritt ${p.index + 1} von ${p.total}: ${stepText(p.step)}`, { id: 'flowprog.step' })
      : msg('Bitte warten …', { id: 'flowprog.wait' });
    const attempt =
      p?.step === 'wait-approval' && p.attempt !== undefined
        ? msg(
            str`Der Antrag ist noch nicht freigegeben (Abfrage ${p.attempt}). Sie können warten oder abbrechen und später weitermachen.`,
            { id: 'flowprog.attempt' },
          )
        : undefined;
    return html`<div role="status" aria-live="polite">
        <p id="label">${label}</p>
        ${attempt ? html`<p class="attempt">${attempt}</p>` : nothing}
      </div>
      ${p ? html`<progress aria-labelledby="label" max=${p.total} .value=${p.index + 1}></progress>` : nothing}
      ${
        this.cancellable
          ? html`<div><button type="button" class="secondary" @click=${this.cancel}>${msg('Abbrechen', { id: 'flowprog.cancel' })}</button></div>`
          : nothing
      }`;
  }
}
customElements.define('scss-flow-progress', FlowProgressElement);
