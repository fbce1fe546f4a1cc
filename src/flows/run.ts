/**
 * One run of one flow: progress events, the journal entry, abort checks and error wrapping in one
 * place, so each flow file reads as its list of steps. Every step goes through {@link FlowRun.step}:
 * abort check → progress event → body → any error becomes a `FlowError` naming flow and step.
 */
import { sleep } from '../common/sleep';
import { throwIfAborted } from '../errors';
import type { JournalEntry } from '../store';
import { FlowError, toFlowError } from './errors';
import { newEntry } from './journal';
import type { FlowDeps, FlowName, FlowStep } from './types';

/** Default approval polling (why: a human approver acts in minutes; polling faster only loads IIS). */
export const DEFAULT_POLL_INTERVAL_MS = 3_000;
/** Default bound on the approval wait; past it the journal keeps the request for a later resume. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 120_000;

type Facts = JournalEntry['facts'];

export class FlowRun {
  private entry: JournalEntry | undefined;

  constructor(
    readonly deps: FlowDeps,
    readonly flow: FlowName,
    readonly steps: readonly FlowStep[],
    private readonly resume?: JournalEntry,
  ) {
    if (resume && resume.flow !== flow) {
      throw new FlowError(
        'flow/resume-mismatch',
        `Journal entry is for ${resume.flow}, not ${flow}`,
        { flow, step: steps[0]! },
        { journalFlow: resume.flow },
      );
    }
  }

  get signal(): AbortSignal | undefined {
    return this.deps.signal;
  }

  now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** The request id of the journal entry being resumed, known before {@link begin}. */
  get resumedRequestId(): string | undefined {
    return this.resume?.requestId;
  }

  /** The journal entry (after {@link begin}). */
  get journal(): JournalEntry {
    if (!this.entry) throw new Error('FlowRun.begin() not called');
    return this.entry;
  }

  get facts(): Readonly<Facts> {
    return this.entry?.facts ?? {};
  }

  /** Emits a progress event for `step` (also used for repeated approval polls). */
  progress(step: FlowStep, attempt?: number): void {
    const index = this.steps.indexOf(step);
    this.deps.onProgress?.({
      flow: this.flow,
      step,
      index,
      total: this.steps.length,
      ...(attempt !== undefined && { attempt }),
    });
  }

  /** Runs one step: abort check, progress, body, error wrapping. */
  async step<T>(step: FlowStep, body: () => Promise<T>): Promise<T> {
    try {
      throwIfAborted(this.deps.signal);
      this.progress(step);
      return await body();
    } catch (e) {
      throw toFlowError(
        e,
        { flow: this.flow, step },
        { unblockable: this.deps.card?.capabilities.setPinWithAdminKey },
      );
    }
  }

  /** Throws a FlowError at `step` (for checks outside a step body). */
  fail(
    step: FlowStep,
    code: ConstructorParameters<typeof FlowError>[0],
    message: string,
    extra: Record<string, unknown> = {},
  ): never {
    throw new FlowError(code, message, { flow: this.flow, step }, extra);
  }

  /**
   * Opens the journal entry once the card id is known: the resumed one (which must belong to this
   * card — otherwise another card was inserted) or a fresh one.
   */
  begin(cardId: string, stage: string): void {
    if (this.resume) {
      if (this.resume.cardId !== cardId) {
        this.fail(
          'read-card',
          'flow/wrong-card',
          'The inserted card is not the card of the interrupted flow',
          { expectedCardId: this.resume.cardId, cardId },
        );
      }
      this.entry = structuredClone(this.resume);
      return;
    }
    // Written on the first save(): a run that fails before changing anything leaves no entry behind.
    this.entry = newEntry(this.flow, cardId, stage, this.now());
  }

  /** Records progress that must survive an interruption. */
  async save(patch: {
    stage?: string;
    requestId?: string;
    cmCardUuid?: string;
    facts?: Facts;
  }): Promise<void> {
    const e = this.journal;
    if (patch.stage !== undefined) e.stage = patch.stage;
    if (patch.requestId !== undefined) e.requestId = patch.requestId;
    if (patch.cmCardUuid !== undefined) e.cmCardUuid = patch.cmCardUuid;
    if (patch.facts) e.facts = { ...e.facts, ...patch.facts };
    e.updatedAt = this.now();
    await this.deps.store.journal.put(e);
  }

  /** The run is over (done, or pointless to resume): its journal entry goes. */
  async finish(): Promise<void> {
    if (this.entry) await this.deps.store.journal.delete(this.entry.id);
  }

  /** Calls started by {@link early} or {@link all} that have not settled yet. */
  private readonly inflight = new Set<Promise<unknown>>();

  private track(p: Promise<unknown>): void {
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
  }

  /**
   * Starts `work` now, before the steps that come first need its answer (a call that depends on
   * nothing earlier, docs/flow-timing.md); the returned getter yields its result or error later.
   * Until taken, an error is held (never an unhandled rejection); {@link guard} waits for it.
   */
  early<T>(work: () => Promise<T>): () => Promise<T> {
    const p = work();
    this.track(p);
    return () => p;
  }

  /**
   * Runs independent steps side by side and returns all results. Why allSettled: when one fails,
   * the flow throws only after the others have settled, so no call of this run is still in flight
   * (and no journal write still to come) when the caller sees the error and offers a resume.
   */
  async all<T extends readonly unknown[]>(...work: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
    const started = work.map((w) => w());
    for (const p of started) this.track(p);
    const settled = await Promise.allSettled(started);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
  }

  /** Runs a flow phase; on failure waits for every call it started early, then rethrows. */
  async guard<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (e) {
      await Promise.all([...this.inflight]);
      throw e;
    }
  }

  /** Sleeps `ms`, rejecting with `AbortedError` when the signal fires (every wait is bounded by its caller). */
  sleep(ms: number): Promise<void> {
    return sleep(ms, this.deps.signal);
  }
}
