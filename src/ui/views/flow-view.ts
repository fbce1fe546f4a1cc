/**
 * The frame the four flow views share ({@link FlowViewBase}): no card, working, failed/cancelled,
 * resume offer, focus on each new step's heading, and their shared styles. Flow logic stays in
 * `flows/`; the progress element itself is `components/flow-progress.ts`.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
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
import { CardWatch, readyCardId } from './card-watch';
import {
  failureScreen,
  insertCardScreen,
  interruptedScreen,
  startScreen,
  stepHeading,
  workingScreen,
} from './flow-screens';

export { flowViewStyles } from './flow-view-styles';

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
    new CardWatch(this, (id, previous) => this.onCardChange(id, previous)); // registers itself with this host
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
    return readyCardId(this.services);
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

  /** The ready card changed (card-watch.ts): a run in progress is interrupted, or continues when its card is back. */
  private onCardChange(id: string | undefined, previous: string | undefined): void {
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

  /** The interrupted run's card is back: continue from its journal entry (or start afresh if none). */
  private async continueInterrupted(): Promise<void> {
    const entry = await this.latestResume();
    if (entry && this.startAction && this.work.status !== TaskStatus.PENDING) this.startAction(entry);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.reset();
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
    return stepHeading(text);
  }

  /** Start screen (flow-screens.ts); its "begin / continue" action also continues an interrupted run by itself. */
  protected renderStart(
    title: string,
    intro: TemplateResult | string,
    startLabel: string,
    start: (resume?: JournalEntry) => void,
  ): TemplateResult {
    this.startAction = start;
    return startScreen(title, intro, startLabel, this.resumable.value, start);
  }

  private body(): TemplateResult {
    const prompt = this.pending ? this.prompt() : undefined;
    if (prompt) return prompt;
    if (this.pending) return workingScreen(this.progress, () => this.ctrl?.abort());
    if (this.services?.flowDeps() === undefined && this.interrupted) {
      const st = this.services?.session.state;
      return interruptedScreen(st?.kind === 'error' ? errorText(st.error) : undefined);
    }
    if (this.services?.flowDeps() === undefined) return insertCardScreen();
    if (this.work.status === TaskStatus.ERROR && !this.cleared)
      return failureScreen(this.work.error, {
        retry: () => this.retry(),
        startOver: () => void this.startOver(),
      });
    return this.renderStage();
  }

  override render() {
    return html`<h1>${this.heading()}</h1>
      <section aria-busy=${this.pending && !this.prompt() ? 'true' : 'false'}>
        ${this.services ? this.body() : nothing}
      </section>`;
  }
}
