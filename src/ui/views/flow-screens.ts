/**
 * The screens every flow view shares (views/flow-view.ts decides which one shows): the start
 * screen with "continue where you stopped", waiting with progress and Cancel, interrupted, insert
 * card, and the failure screen. Templates only; each new step's heading takes focus (WCAG 2.4.3)
 * through its `data-step` attribute.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { AppError } from '../../errors';
import type { FlowProgress, JournalEntry } from '../../flows';
import { errorText, type ErrorText } from '../i18n/error-text';

import '../components/flow-progress';

/** A step's heading; the view focuses it when the step changes. */
export function stepHeading(text: string): TemplateResult {
  return html`<h2 data-step tabindex="-1">${text}</h2>`;
}

/** Start screen: explanation, then "continue where you stopped" when `entry` is an interrupted run. */
export function startScreen(
  title: string,
  intro: TemplateResult | string,
  startLabel: string,
  entry: JournalEntry | undefined,
  start: (resume?: JournalEntry) => void,
): TemplateResult {
  return html`${stepHeading(title)}
    <p>${intro}</p>
    ${
      entry
        ? html`<p>
              ${msg('Sie haben diesen Vorgang schon einmal begonnen. Bereits erledigte Schritte werden nicht wiederholt.', { id: 'flow.resume.hint' })}
            </p>
            <div class="row">
              <button type="button" @click=${() => start(entry)}>
                ${msg('Dort weitermachen, wo Sie aufgehört haben', { id: 'flow.resume' })}
              </button>
              <button type="button" class="secondary" @click=${() => start()}>
                ${msg('Neu beginnen', { id: 'flow.restart' })}
              </button>
            </div>`
        : html`<div class="row"><button type="button" @click=${() => start()}>${startLabel}</button></div>`
    }`;
}

/** A step runs: its progress and Cancel. */
export function workingScreen(progress: FlowProgress | undefined, cancel: () => void): TemplateResult {
  return html`${stepHeading(msg('Bitte warten', { id: 'flow.working' }))}
    <scss-flow-progress .progress=${progress} @flow-cancel=${cancel}></scss-flow-progress>`;
}

/**
 * The card left mid-run. Where the reader itself went away and the transport said why (the card
 * bridge stopped), `why` says that, not "card removed"; the run continues all the same once the
 * card is read again.
 */
export function interruptedScreen(why: ErrorText | undefined): TemplateResult {
  return html`${stepHeading(msg('Vorgang unterbrochen', { id: 'flow.interrupted.title' }))}
    <p role="status">
      ${why ? html`${why.what} ${why.next}` : msg('Die Karte wurde entfernt, bevor der Vorgang fertig war. Stecken Sie dieselbe Karte wieder ein: Der Vorgang wird dann fortgesetzt, bereits erledigte Schritte werden nicht wiederholt.', { id: 'flow.interrupted' })}
    </p>`;
}

/** No card in the reader yet. */
export function insertCardScreen(): TemplateResult {
  return html`${stepHeading(msg('Karte einstecken', { id: 'flow.insert.title' }))}
    <p>${msg('Bitte stecken Sie Ihre Karte in den Kartenleser.', { id: 'flow.insert' })}</p>`;
}

/**
 * The failure screen: a cancel (steps done are kept, "continue"), a request waiting for approval
 * (said as a status, not an alert: WCAG 4.1.3), or a failure with what happened and what to do,
 * "try again" and, where repeating cannot help, "start over".
 */
export function failureScreen(e: unknown, act: { retry: () => void; startOver: () => void }): TemplateResult {
  if ((e as AppError | undefined)?.code === 'aborted') {
    return html`${stepHeading(msg('Vorgang abgebrochen', { id: 'flow.cancelled' }))}
      <p>
        ${msg('Bereits erledigte Schritte bleiben erhalten; Sie können später dort weitermachen.', { id: 'flow.cancelled.hint' })}
      </p>
      <div class="row">
        <button type="button" @click=${() => act.retry()}>
          ${msg('Weitermachen', { id: 'flow.continue' })}
        </button>
      </div>`;
  }
  const t = errorText(e);
  const err = e as AppError | undefined;
  if (err?.code === 'flow/approval-timeout') {
    // Not a failure: the request waits for an approver. Said neutrally, as a status (WCAG 4.1.3).
    return html`<div role="status" class="info">
        ${stepHeading(msg('Ihr Antrag wartet auf Freigabe', { id: 'flow.pending.title' }))}
        <p>${t.what}</p>
        <p>${t.next}</p>
      </div>
      <div class="row">
        <button type="button" @click=${() => act.retry()}>
          ${msg('Erneut nachsehen', { id: 'flow.pending.check' })}
        </button>
      </div>`;
  }
  // No dead end: where repeating cannot help (the server lost the run) or may not (an answer the
  // app does not understand), starting over is offered right here.
  const startAgain = err?.data?.nextStep === 'start-again';
  const offerRestart = startAgain || err?.code === 'flow/server-unexpected';
  const restart = html`<button
    type="button"
    class=${startAgain ? '' : 'secondary'}
    @click=${() => act.startOver()}
  >
    ${msg('Neu beginnen', { id: 'flow.restart' })}
  </button>`;
  return html`<div role="alert" class="failure">
      ${stepHeading(msg('Das hat nicht geklappt', { id: 'flow.failed' }))}
      <p>${t.what}</p>
      <p><strong>${msg('Was Sie tun können:', { id: 'flow.next' })}</strong> ${t.next}</p>
    </div>
    <div class="row">
      ${startAgain ? nothing : html`<button type="button" @click=${() => act.retry()}>${msg('Erneut versuchen', { id: 'flow.retry' })}</button>`}
      ${offerRestart ? restart : nothing}
    </div>`;
}
