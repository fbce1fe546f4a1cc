/**
 * The frame the four flow views share ({@link FlowViewBase}): no card, working, failed/cancelled,
 * resume offer, focus on each new step's heading, and their shared styles. Flow logic stays in
 * `flows/`; the progress element itself is `components/flow-progress.ts`.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { AppError } from '../../errors';
import {
  noCardError,
  resumableFlows,
  type FlowDeps,
  type FlowName,
  type FlowProgress,
  type JournalEntry,
} from '../../flows';
import { errorText } from '../i18n/error-text';
import type { AppServices } from '../services';

import '../components/flow-progress';

/** Styles shared by the four flow views. */
export const flowViewStyles = css`
  :host {
    display: block;
  }
  section {
    display: grid;
    gap: 0.75rem;
    max-width: 40rem;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid #e0b03a;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .failure,
  .done {
    background: var(--c-panel);
    padding: 0.5rem 1rem;
    border-left: 6px solid var(--c-bad);
  }
  /* Serial numbers and distinguished names have no break points: break them rather than scroll sideways at 320 px. */
  .failure,
  .done,
  .certs {
    overflow-wrap: anywhere;
  }
  .done {
    border-left-color: var(--c-good);
  }
  .hint {
    color: var(--c-muted);
  }
  .info {
    background: var(--c-panel);
    padding: 0.5rem 1rem;
    border-left: 6px solid var(--c-brand);
  }
`;

type Step = () => Promise<unknown>;

/**
 * Base of the flow views. A view implements `heading()`, `renderStage()` (its own steps by
 * `stage`), `retry()` and `reset()` (drop secrets, call super); it runs every async step through
 * {@link FlowViewBase.runStep}, which wires the flow's `signal` (Cancel) and `onProgress`. Emits
 * `flow-finished` `{ flow, outcome }` when a run ends for good (the shell refreshes card data).
 */
export abstract class FlowViewBase extends LitElement {
  static override properties = {
    services: { attribute: false },
    stage: { state: true },
    progress: { state: true },
    interrupted: { state: true },
  };
  declare services: AppServices | undefined;
  /** Card id of a run the card's removal interrupted: it continues when that card is back. */
  declare interrupted: string | undefined;
  declare stage: string;
  declare progress: FlowProgress | undefined;
  protected abstract readonly flow: FlowName;

  private ctrl: AbortController | undefined;
  /** The task's last error/result is stale (card changed, view left): show the stage instead. */
  private cleared = true;
  private lastKey: string | undefined;
  private seenCardId: string | undefined;
  private followed: AppServices | undefined;
  /** The start screen's "begin / continue" action, so an interrupted run can continue by itself. */
  private startAction: ((resume?: JournalEntry) => void) | undefined;

  protected readonly work = new Task(this, { autoRun: false, task: ([step]: readonly [Step]) => step() });
  /** The newest interrupted run of this flow on the inserted card (offered as "continue"). */
  protected readonly resumable = new Task(this, {
    args: () => [this.services?.store, this.cardId()] as const,
    task: async ([store, cardId]) =>
      store && cardId ? (await resumableFlows(store, cardId)).find((e) => e.flow === this.flow) : undefined,
  });

  constructor() {
    super();
    this.stage = 'start';
    updateWhenLocaleChanges(this);
  }

  protected abstract heading(): string;
  /** A question the running step waits on (enroll: confirm the proposed PIN); shown instead of progress. */
  protected prompt(): TemplateResult | undefined {
    return undefined;
  }
  protected abstract renderStage(): TemplateResult;
  /** The card left while `prompt()` was up: end the waiting step as interrupted (not as a refusal). */
  protected dropPrompt(): void {}
  /** "Try again" / "continue" after a failure or a cancel. */
  protected abstract retry(): void;

  /** Back to the start; subclasses also drop any PIN they hold. */
  protected reset(): void {
    this.ctrl?.abort();
    this.ctrl = undefined;
    this.cleared = true;
    this.progress = undefined;
    this.stage = 'start';
    void this.resumable.run();
  }

  /** Leaves the failure screen for the current stage (e.g. to ask for the PIN again). */
  protected showStage(): void {
    this.cleared = true;
    this.requestUpdate();
  }

  protected cardId(): string | undefined {
    const s = this.services?.session.state;
    return s?.kind === 'ready' ? s.info.cardId : undefined;
  }

  /** Runs one async step under the Task with this flow session's signal; `fresh` starts a new session. */
  protected runStep(fn: (deps: FlowDeps) => Promise<unknown>, fresh = false): void {
    if (fresh || !this.ctrl || this.ctrl.signal.aborted) this.ctrl = new AbortController();
    const signal = this.ctrl.signal;
    this.cleared = false;
    this.progress = undefined;
    void this.work.run([
      () => {
        const deps = this.services?.flowDeps({ signal, onProgress: (p) => (this.progress = p) });
        if (!deps) throw noCardError(this.flow);
        return fn(deps);
      },
    ]);
  }

  /** The latest resumable run, looked up now (the journal changes as a run goes). */
  protected async latestResume(): Promise<JournalEntry | undefined> {
    const store = this.services?.store;
    const id = this.cardId();
    return store && id ? (await resumableFlows(store, id)).find((e) => e.flow === this.flow) : undefined;
  }

  /** Drops this flow's interrupted run on this card (the journal entry; nothing on card or server) and goes back to the start. */
  protected async startOver(): Promise<void> {
    const entry = await this.latestResume();
    if (entry) await this.services?.store.journal.delete(entry.id);
    this.reset();
  }

  protected finished(outcome: 'done' | 'discarded'): void {
    void this.resumable.run();
    this.dispatchEvent(
      new CustomEvent('flow-finished', {
        detail: { flow: this.flow, outcome },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /**
   * Leaving now would break off a run the user is in the middle of: a step is running, or a step
   * waits for the user (template, form, a PIN to choose or one shown). Not on the start, end or
   * failure screens: there nothing is lost (the journal keeps an interrupted run).
   */
  get unfinished(): boolean {
    if (this.pending) return true;
    if (this.work.status === TaskStatus.ERROR && !this.cleared) return false;
    return !['start', 'done', 'discarded', 'paused'].includes(this.stage);
  }

  /** Something of a run is under way or on screen (not the start screen). */
  private inProgress(): boolean {
    return this.pending || this.stage !== 'start' || (this.work.status === TaskStatus.ERROR && !this.cleared);
  }

  private readonly onSession = () => {
    const id = this.cardId();
    if (id !== this.seenCardId) {
      const previous = this.seenCardId;
      this.seenCardId = id;
      if (id === undefined && previous !== undefined && this.inProgress()) {
        this.interrupted = previous;
        // A question on screen (e.g. a shown PIN to confirm) belongs to the card that left.
        if (this.pending && this.prompt()) this.dropPrompt();
      }
      const back = id !== undefined && id === this.interrupted;
      if (id !== undefined) this.interrupted = undefined;
      // Another card (or none): nothing of the old run may stay on screen. A running step fails by itself.
      if (this.work.status !== TaskStatus.PENDING) this.reset();
      if (back) void this.continueInterrupted();
    }
    this.requestUpdate();
  };

  /** The interrupted run's card is back: continue from its journal entry (or start afresh if none). */
  private async continueInterrupted(): Promise<void> {
    const entry = await this.latestResume();
    if (entry && this.startAction && this.work.status !== TaskStatus.PENDING) this.startAction(entry);
  }

  private follow(): void {
    this.followed?.session.removeEventListener('change', this.onSession);
    this.followed = this.isConnected ? this.services : undefined;
    this.followed?.session.addEventListener('change', this.onSession);
    this.seenCardId = this.cardId();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.services) this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.follow();
    this.reset();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services')) this.follow();
  }

  private get pending(): boolean {
    return this.work.status === TaskStatus.PENDING;
  }

  private key(): string {
    if (this.pending) return this.prompt() ? 'prompt' : 'working';
    if (this.services?.flowDeps() === undefined) return this.interrupted ? 'interrupted' : 'no-card';
    return this.work.status === TaskStatus.ERROR && !this.cleared ? 'failed' : `stage:${this.stage}`;
  }

  override updated(): void {
    const key = this.key();
    // WCAG 2.4.3: a new step takes focus at its heading (not on first paint: the shell moves focus there).
    if (this.lastKey !== undefined && key !== this.lastKey)
      this.renderRoot.querySelector<HTMLElement>('[data-step]')?.focus();
    this.lastKey = key;
  }

  protected stepHeading(text: string): TemplateResult {
    return html`<h2 data-step tabindex="-1">${text}</h2>`;
  }

  /** Start screen: explanation, then "continue where you stopped" when a run was interrupted. */
  protected renderStart(
    title: string,
    intro: TemplateResult | string,
    startLabel: string,
    start: (resume?: JournalEntry) => void,
  ): TemplateResult {
    this.startAction = start;
    const entry = this.resumable.value;
    return html`${this.stepHeading(title)}
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

  private renderFailure(e: unknown): TemplateResult {
    if ((e as AppError | undefined)?.code === 'aborted') {
      return html`${this.stepHeading(msg('Vorgang abgebrochen', { id: 'flow.cancelled' }))}
        <p>
          ${msg('Bereits erledigte Schritte bleiben erhalten; Sie können später dort weitermachen.', { id: 'flow.cancelled.hint' })}
        </p>
        <div class="row">
          <button type="button" @click=${() => this.retry()}>
            ${msg('Weitermachen', { id: 'flow.continue' })}
          </button>
        </div>`;
    }
    const t = errorText(e);
    const err = e as AppError | undefined;
    if (err?.code === 'flow/approval-timeout') {
      // Not a failure: the request waits for an approver. Said neutrally, as a status (WCAG 4.1.3).
      return html`<div role="status" class="info">
          ${this.stepHeading(msg('Ihr Antrag wartet auf Freigabe', { id: 'flow.pending.title' }))}
          <p>${t.what}</p>
          <p>${t.next}</p>
        </div>
        <div class="row">
          <button type="button" @click=${() => this.retry()}>
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
      @click=${() => void this.startOver()}
    >
      ${msg('Neu beginnen', { id: 'flow.restart' })}
    </button>`;
    return html`<div role="alert" class="failure">
        ${this.stepHeading(msg('Das hat nicht geklappt', { id: 'flow.failed' }))}
        <p>${t.what}</p>
        <p><strong>${msg('Was Sie tun können:', { id: 'flow.next' })}</strong> ${t.next}</p>
      </div>
      <div class="row">
        ${startAgain ? nothing : html`<button type="button" @click=${() => this.retry()}>${msg('Erneut versuchen', { id: 'flow.retry' })}</button>`}
        ${offerRestart ? restart : nothing}
      </div>`;
  }

  private body(): TemplateResult {
    const prompt = this.pending ? this.prompt() : undefined;
    if (prompt) return prompt;
    if (this.pending) {
      return html`${this.stepHeading(msg('Bitte warten', { id: 'flow.working' }))}
        <scss-flow-progress
          .progress=${this.progress}
          @flow-cancel=${() => this.ctrl?.abort()}
        ></scss-flow-progress>`;
    }
    if (this.services?.flowDeps() === undefined && this.interrupted) {
      // The reader itself went away and the transport said why (the card bridge stopped): say that,
      // not "card removed"; the run continues all the same once the card is read again.
      const st = this.services?.session.state;
      const why = st?.kind === 'error' ? errorText(st.error) : undefined;
      return html`${this.stepHeading(msg('Vorgang unterbrochen', { id: 'flow.interrupted.title' }))}
        <p role="status">
          ${why ? html`${why.what} ${why.next}` : msg('Die Karte wurde entfernt, bevor der Vorgang fertig war. Stecken Sie dieselbe Karte wieder ein: Der Vorgang wird dann fortgesetzt, bereits erledigte Schritte werden nicht wiederholt.', { id: 'flow.interrupted' })}
        </p>`;
    }
    if (this.services?.flowDeps() === undefined) {
      return html`${this.stepHeading(msg('Karte einstecken', { id: 'flow.insert.title' }))}
        <p>${msg('Bitte stecken Sie Ihre Karte in den Kartenleser.', { id: 'flow.insert' })}</p>`;
    }
    if (this.work.status === TaskStatus.ERROR && !this.cleared) return this.renderFailure(this.work.error);
    return this.renderStage();
  }

  override render() {
    return html`<h1>${this.heading()}</h1>
      <section aria-busy=${this.pending && !this.prompt() ? 'true' : 'false'}>
        ${this.services ? this.body() : nothing}
      </section>`;
  }
}
