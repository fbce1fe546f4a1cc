/**
 * The fake's IDL `SmartCardConnection` (WICG Web Smart Card § SmartCardConnection): the spec's
 * precondition checks in its order (operation in progress, another connection's transaction on
 * the reader, disconnected), transmit to the virtual card, status, dispositions, and the full
 * transaction algorithm — BeginTransaction, callback, end with the callback's disposition
 * ("reset" when it returns nothing), pendingDisposition while another call runs.
 */
import type {
  SmartCardConnection,
  SmartCardConnectionStatus,
  SmartCardDisposition,
  SmartCardTransactionCallback,
  SmartCardTransactionOptions,
  SmartCardTransmitOptions,
} from '../transport/web-smart-card-api';
import { invalidState, pcscException } from './fake-smart-card-error';
import type { FakeHandle } from './fake-smart-card-service';
import type { FakeSmartCardContext } from './fake-smart-card';

/** PC/SC attribute tags the fake answers (pcsc-lite reader.h): SCARD_ATTR_ATR_STRING, DEVICE_FRIENDLY_NAME. */
const ATTR_ATR_STRING = 0x00090303;
const ATTR_FRIENDLY_NAME = 0x7fff0003;
/** CM_IOCTL_GET_FEATURE_REQUEST (PC/SC part 10, pcsc-lite SCARD_CTL_CODE(3400)): no features here. */
const IOCTL_GET_FEATURE_REQUEST = 0x42000d48;

interface TransactionState {
  pendingDisposition: SmartCardDisposition | null;
  pendingException: unknown;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class FakeSmartCardConnection implements SmartCardConnection {
  comm: FakeHandle | null;
  transactionState: TransactionState | null = null;

  constructor(
    readonly context: FakeSmartCardContext,
    readonly readerName: string,
    handle: FakeHandle,
  ) {
    this.comm = handle;
  }

  /** The checks every method starts with; returns the rejection or the live handle. */
  private pre(op: string): DOMException | FakeHandle {
    if (this.context.operationInProgress) return invalidState(`${op}: another operation is in progress`);
    const holder = this.context.activeReaderTransactions.get(this.readerName);
    if (holder && holder !== this) return invalidState(`${op}: another connection holds a transaction`);
    return this.comm ?? invalidState(`${op}: disconnected`);
  }

  /** SCARD_E_READER_UNAVAILABLE / W_REMOVED_CARD / W_RESET_CARD as PC/SC reports them on a stale handle. */
  private live(h: FakeHandle): void {
    const svc = this.context.service;
    if (!h.open || svc.readers.get(this.readerName) !== h.reader)
      throw pcscException('reader-unavailable', 'handle');
    if (h.mode === 'direct') return;
    if (!h.reader.card) throw pcscException('removed-card', 'handle');
    if (h.cardSerial !== h.reader.cardSerial) throw pcscException('removed-card', 'handle');
    if (h.generation !== h.reader.generation) throw pcscException('reset-card', 'handle');
  }

  transmit(sendBuffer: BufferSource, options: SmartCardTransmitOptions = {}): Promise<ArrayBuffer> {
    const h = this.pre('transmit');
    if (h instanceof DOMException) return Promise.reject(h);
    if (!(options.protocol ?? h.protocol)) return Promise.reject(invalidState('transmit: no valid protocol'));
    const apdu = copy(sendBuffer);
    return this.context.call('transmit', async () => {
      this.live(h);
      // PC/SC blocks a transmit while another handle holds the card's transaction.
      await this.context.service.awaitTransaction(h);
      this.live(h);
      return (await h.reader.card!.process(apdu)).slice().buffer;
    });
  }

  status(): Promise<SmartCardConnectionStatus> {
    const h = this.pre('status');
    if (h instanceof DOMException) return Promise.reject(h);
    return this.context.call('status', () => {
      this.live(h);
      const card = h.reader.card;
      return {
        readerName: this.readerName,
        state: card ? (h.protocol ?? 'powered') : 'absent',
        answerToReset: card?.atr.slice().buffer,
      };
    });
  }

  disconnect(disposition: SmartCardDisposition = 'leave'): Promise<void> {
    const h = this.pre('disconnect');
    if (h instanceof DOMException) return Promise.reject(h);
    return this.context.call('disconnect', () => {
      this.context.service.closeHandle(h);
      if (this.context.service.readers.get(this.readerName) === h.reader) {
        this.context.service.applyDisposition(h.reader, disposition);
      }
      this.comm = null;
    });
  }

  control(controlCode: number, data: BufferSource): Promise<ArrayBuffer> {
    const h = this.pre('control');
    if (h instanceof DOMException) return Promise.reject(h);
    copy(data);
    return this.context.call('control', () => {
      if (controlCode !== IOCTL_GET_FEATURE_REQUEST) throw pcscException('unsupported-feature', 'control');
      return new ArrayBuffer(0);
    });
  }

  getAttribute(tag: number): Promise<ArrayBuffer> {
    const h = this.pre('getAttribute');
    if (h instanceof DOMException) return Promise.reject(h);
    return this.context.call('getAttribute', () => {
      this.live(h);
      if (tag === ATTR_ATR_STRING && h.reader.card) return h.reader.card.atr.slice().buffer;
      if (tag === ATTR_FRIENDLY_NAME) return new TextEncoder().encode(`${this.readerName}\0`).buffer;
      throw pcscException('unsupported-feature', 'getAttribute');
    });
  }

  setAttribute(tag: number, value: BufferSource): Promise<void> {
    const h = this.pre('setAttribute');
    if (h instanceof DOMException) return Promise.reject(h);
    copy(value);
    return this.context.call('setAttribute', () => {
      throw pcscException('unsupported-feature', `setAttribute(${tag})`);
    });
  }

  startTransaction(
    transaction: SmartCardTransactionCallback,
    options: SmartCardTransactionOptions = {},
  ): Promise<void> {
    const h = this.pre('startTransaction');
    if (h instanceof DOMException) return Promise.reject(h);
    if (this.context.activeReaderTransactions.has(this.readerName) || this.transactionState) {
      return Promise.reject(invalidState('startTransaction: a transaction is already active'));
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const begun = this.context.call('startTransaction', async () => {
        this.live(h);
        await this.context.service.beginTransaction(h, signal);
      });
      begun.then(
        () =>
          this.runTransaction(transaction, {
            pendingDisposition: null,
            pendingException: null,
            resolve,
            reject,
          }),
        (e: unknown) => reject(signal?.aborted ? signal.reason : e),
      );
    });
  }

  /** § "process the result of a BeginTransaction", steps 5–9. */
  private runTransaction(transaction: SmartCardTransactionCallback, state: TransactionState): void {
    this.transactionState = state;
    this.context.activeReaderTransactions.set(this.readerName, this);
    let result: Promise<SmartCardDisposition | null | undefined>;
    try {
      result = Promise.resolve(transaction());
    } catch (e) {
      result = Promise.reject(e);
    }
    result.then(
      (v) => {
        const disposition = v ?? 'reset';
        if (this.context.operationInProgress) {
          state.pendingException = invalidState(
            'transaction callback settled while an operation was in progress',
          );
          state.pendingDisposition = disposition;
        } else this.endTransaction(disposition);
      },
      (r: unknown) => {
        state.pendingException = r;
        if (this.context.operationInProgress) state.pendingDisposition = 'reset';
        else this.endTransaction('reset');
      },
    );
  }

  /** § "end any settled transaction". */
  endAnySettledTransaction(): void {
    const state = this.transactionState;
    if (!state?.pendingDisposition) return;
    const d = state.pendingDisposition;
    state.pendingDisposition = null;
    this.endTransaction(d);
  }

  /** § "end the transaction": EndTransaction(disposition), then settle the startTransaction promise. */
  private endTransaction(disposition: SmartCardDisposition): void {
    const state = this.transactionState!;
    const h = this.comm;
    if (!h) {
      // The spec leaves activeReaderTransactions set here; dropping it keeps the context usable.
      this.context.activeReaderTransactions.delete(this.readerName);
      this.transactionState = null;
      state.reject(invalidState('endTransaction: disconnected'));
      return;
    }
    this.context.operationInProgress = true;
    void (async () => {
      let failure: unknown;
      try {
        this.live(h);
        this.context.service.endTransaction(h, disposition);
      } catch (e) {
        failure = e;
      }
      await new Promise((r) => setTimeout(r, 0));
      this.context.clearOperationInProgress();
      this.context.activeReaderTransactions.delete(this.readerName);
      this.transactionState = null;
      if (state.pendingException !== null) state.reject(state.pendingException);
      else if (failure !== undefined) state.reject(failure);
      else state.resolve();
    })();
  }
}

function copy(b: BufferSource): Uint8Array {
  return ArrayBuffer.isView(b)
    ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice()
    : new Uint8Array(b).slice();
}
