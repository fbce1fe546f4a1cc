/**
 * A fake `navigator.smartCard` that follows the WICG Web Smart Card IDL and algorithms
 * (wicg.github.io/web-smart-card): same interface and member names, flag dictionaries with every
 * member, the one-operation-per-context rule ([[operationInProgress]] → InvalidStateError),
 * results delivered as tasks, AbortSignal handling of getStatusChange, PC/SC failures as
 * `SmartCardError`/DOMException per § "corresponding exception". Backed by {@link FakePcscService}
 * (readers holding the virtual GIDS/PIV cards), for browser tests, Node tests and the Linux IWA
 * e2e, where the real API's backend is missing (docs/architecture.md "Test tiers").
 */
import { sleep } from '../common/sleep';
import type {
  SmartCardAccessMode,
  SmartCardConnectOptions,
  SmartCardConnectResult,
  SmartCardContext,
  SmartCardGetStatusChangeOptions,
  SmartCardProtocol,
  SmartCardReaderStateIn,
  SmartCardReaderStateOut,
  SmartCardResourceManager,
} from '../transport/web-smart-card-api';
import { FakeSmartCardConnection } from './fake-smart-card-connection';
import { invalidState, pcscException, SmartCardError } from './fake-smart-card-error';
import { FakePcscService, type FakePcscReader } from './fake-smart-card-service';

export { FakePcscService, SmartCardError };

const COMPARED = ['unavailable', 'empty', 'present', 'exclusive', 'inuse', 'mute', 'unpowered'] as const;

export class FakeSmartCardContext implements SmartCardContext {
  operationInProgress = false;
  readonly activeReaderTransactions = new Map<string, FakeSmartCardConnection>();
  readonly connections = new Set<FakeSmartCardConnection>();

  constructor(readonly service: FakePcscService) {}

  /**
   * The spec's pattern for every PC/SC call: refuse while another runs, do the work "in parallel",
   * then in a queued task clear operationInProgress (ending settled transactions) and settle.
   */
  call<T>(op: string, work: () => T | Promise<T>): Promise<T> {
    if (this.operationInProgress)
      return Promise.reject(invalidState(`${op}: another operation is in progress`));
    this.operationInProgress = true;
    return (async () => {
      let ok = true;
      let value: T | undefined;
      let error: unknown;
      try {
        await nextTask(this.service.latencyMs);
        const fault = this.service.takeFault(op);
        if (fault) throw pcscException(fault, op);
        value = await work();
      } catch (e) {
        ok = false;
        error = e;
      }
      await nextTask(0);
      this.clearOperationInProgress();
      if (!ok) throw error;
      return value as T;
    })();
  }

  /** § "clear the operationInProgress": then end any settled transaction of each connection. */
  clearOperationInProgress(): void {
    this.operationInProgress = false;
    for (const c of this.connections) {
      c.endAnySettledTransaction();
      if (this.operationInProgress) return;
    }
  }

  listReaders(): Promise<string[]> {
    return this.call('listReaders', () => [...this.service.readers.keys()]);
  }

  getStatusChange(
    readerStates: SmartCardReaderStateIn[],
    options: SmartCardGetStatusChangeOptions = {},
  ): Promise<SmartCardReaderStateOut[]> {
    const { signal, timeout } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return this.call('getStatusChange', () => this.waitForChange(readerStates, timeout, signal)).catch(
      (e: unknown) => {
        // § getStatusChange 9.3.5.1: SCARD_E_CANCELLED after an abort rejects with the abort reason.
        if (signal?.aborted) throw signal.reason;
        throw e;
      },
    );
  }

  private waitForChange(
    states: SmartCardReaderStateIn[],
    timeout: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<SmartCardReaderStateOut[]> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const check = () => {
        const out = states.map((s) => this.stateOf(s));
        if (out.some((o) => o.eventState.changed)) finish(() => resolve(out));
      };
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.service.removeEventListener('change', check);
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = () => finish(() => reject(pcscException('cancelled', 'getStatusChange')));
      if (signal?.aborted) return onAbort();
      this.service.addEventListener('change', check);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeout !== undefined)
        timer = setTimeout(() => finish(() => reject(pcscException('timeout', 'getStatusChange'))), timeout);
      check();
    });
  }

  /** SCardGetStatusChange for one reader: actual flags, `changed` when they differ from the belief. */
  private stateOf(s: SmartCardReaderStateIn): SmartCardReaderStateOut {
    const r = this.service.readers.get(s.readerName);
    const eventState = r
      ? r.flags()
      : {
          ignore: true,
          changed: false,
          unavailable: false,
          unknown: true,
          empty: false,
          present: false,
          exclusive: false,
          inuse: false,
          mute: false,
          unpowered: false,
        };
    const eventCount = r ? r.eventCount & 0xffff : 0;
    const cur = s.currentState;
    if (cur.ignore)
      return { readerName: s.readerName, eventState: { ...eventState, ignore: true }, eventCount };
    eventState.changed =
      !r ||
      cur.unaware === true ||
      COMPARED.some((k) => (cur[k] ?? false) !== eventState[k]) ||
      (s.currentCount !== undefined && s.currentCount !== eventCount);
    const out: SmartCardReaderStateOut = { readerName: s.readerName, eventState, eventCount };
    if (r?.card) out.answerToReset = r.card.atr.slice().buffer;
    return out;
  }

  connect(
    readerName: string,
    accessMode: SmartCardAccessMode,
    options: SmartCardConnectOptions = {},
  ): Promise<SmartCardConnectResult> {
    if (this.activeReaderTransactions.has(readerName))
      return Promise.reject(invalidState('connect: a transaction is active on this reader'));
    return this.call('connect', () => {
      const r = this.service.readers.get(readerName);
      if (!r) throw pcscException('unknown-reader', 'connect');
      if (this.service.permission === 'denied')
        throw new DOMException('Permission to use the smart card reader was denied', 'NotAllowedError');
      const protocol =
        accessMode === 'direct' ? undefined : chooseProtocol(r, options.preferredProtocols ?? []);
      if ([...r.handles].some((h) => h.mode !== 'shared') || (accessMode !== 'shared' && r.handles.size > 0))
        throw pcscException('sharing-violation', 'connect');
      const handle = this.service.openHandle(r, accessMode, protocol);
      const connection = new FakeSmartCardConnection(this, readerName, handle);
      this.connections.add(connection);
      return protocol ? { connection, activeProtocol: protocol } : { connection };
    });
  }
}

/** T=1 when the card offers it and the caller allows it, else T=0 (PC/SC SCardConnect). */
function chooseProtocol(r: FakePcscReader, preferred: SmartCardProtocol[]): SmartCardProtocol {
  if (!r.card) throw pcscException('no-smartcard', 'connect');
  const offered = r.protocols();
  const p = (['t1', 't0'] as const).find((x) => offered.includes(x) && preferred.includes(x));
  if (!p) throw pcscException('proto-mismatch', 'connect');
  return p;
}

/** IDL `SmartCardResourceManager`; `establishContext` fails with no-service when the service is stopped. */
class FakeSmartCardResourceManager implements SmartCardResourceManager {
  constructor(readonly service: FakePcscService) {}

  establishContext(): Promise<SmartCardContext> {
    const s = this.service;
    return nextTask(s.latencyMs).then(() => {
      const fault = s.running ? s.takeFault('establishContext') : 'no-service';
      if (fault) throw pcscException(fault, 'establishContext');
      return new FakeSmartCardContext(s);
    });
  }
}

/** Defines `navigator.smartCard` (and the `SmartCardError` global) on `target`; returns the manager. */
export function installFakeSmartCard(
  service: FakePcscService,
  target: { navigator: object } = globalThis as never,
): FakeSmartCardResourceManager {
  const manager = new FakeSmartCardResourceManager(service);
  Object.defineProperty(target.navigator, 'smartCard', { value: manager, configurable: true });
  if (!('SmartCardError' in target))
    Object.defineProperty(target, 'SmartCardError', { value: SmartCardError, configurable: true });
  return manager;
}

/** Results arrive as tasks, never synchronously (§ "queue a global task on the smart card task source"). */
function nextTask(ms: number): Promise<void> {
  return sleep(ms);
}
