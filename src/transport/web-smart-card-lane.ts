/**
 * One lane per `SmartCardContext`. WICG Web Smart Card § SmartCardContext: a context runs one PC/SC
 * operation at a time ([[operationInProgress]]); a second call meanwhile is rejected with
 * InvalidStateError — and a connection's transmit/status/startTransaction count against the
 * context that created it. So every call on a context, or on a connection made by it, goes through
 * its lane, in order; a failed call does not block the ones queued behind it.
 */
import { withTimeout } from '../ccid/timing';
import type { SmartCardContext } from './web-smart-card-api';
import { wsc } from './web-smart-card-errors';

export class ContextLane {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly context: SmartCardContext) {}

  /**
   * Runs `fn` after everything queued before it. `op` names the call for typed errors; `boundMs`
   * bounds the wait (the API has no timeouts of its own except getStatusChange's). A call that
   * times out keeps the lane until it really settles, so the next call cannot hit InvalidStateError.
   */
  run<T>(op: string, fn: (ctx: SmartCardContext) => Promise<T>, boundMs: number): Promise<T> {
    const call = this.tail.then(() => wsc(op, () => fn(this.context)));
    this.tail = call.catch(() => undefined);
    return withTimeout(call, boundMs, `Web Smart Card ${op}`);
  }

  /** Resolves once every call queued so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
