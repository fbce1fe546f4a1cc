/**
 * The card session: follows one reader (card inserted / removed / reader gone), and for each
 * inserted card connects, detects GIDS or PIV, reads the card id and keeps the `ManagedCard` the
 * flows work on. UI-agnostic: state changes are `change` events; every APDU goes through the
 * redacting APDU log. Errors end in state `error` with a typed code, never in a hanging promise
 * (each exchange is bounded by the transport's own timeouts).
 */
import { AppError } from '../errors';
import {
  cardIdToGuid,
  cardProfile,
  detectCard,
  type CardProfile,
  type CardType,
  type GuidByteOrder,
  type ManagedCard,
} from '../card';
import { describeAtr } from '../iso7816/atr-describe';
import { formatAtr, parseAtr } from '../iso7816/atr';
import { withApduLog, type ApduLog } from '../transport/apdu-log';
import { ReaderGoneEvent, type CardConnection, type CardReader } from '../transport/types';

export interface CardInfo {
  readerName: string;
  /** Lower-case hex, the MIM CM format. */
  atrHex: string;
  atrLines: string[];
  type: CardType | 'unknown';
  /** What views may know about the card type (card registry), instead of branching on `type`; absent for unknown cards. */
  profile?: CardProfile;
  /** MIM `cardid` GUID string; absent for unknown cards. */
  cardId?: string;
}

export type SessionState =
  | { kind: 'no-reader' }
  | { kind: 'no-card'; readerName: string }
  | { kind: 'reading'; readerName: string }
  | { kind: 'ready'; info: CardInfo }
  | { kind: 'error'; readerName: string; error: AppError };

export interface CardSessionOptions {
  log: ApduLog;
  byteOrder?: () => GuidByteOrder;
}

const asAppError = (e: unknown) =>
  e instanceof AppError
    ? e
    : new AppError('card/unexpected', String((e as Error)?.message ?? e), {}, { cause: e });

export class CardSession extends EventTarget {
  private reader: CardReader | undefined;
  private conn: CardConnection | undefined;
  private managed: ManagedCard | undefined;
  private current: SessionState = { kind: 'no-reader' };
  /** Bumped on every reader/card change so a slow identification cannot overwrite a newer state. */
  private generation = 0;

  constructor(private readonly opts: CardSessionOptions) {
    super();
  }

  get state(): SessionState {
    return this.current;
  }

  /** Whether a reader is followed (false after {@link release} or when the reader went away). */
  get following(): boolean {
    return this.reader !== undefined;
  }

  /** The card the flows operate on, while one is identified. */
  get card(): ManagedCard | undefined {
    return this.current.kind === 'ready' ? this.managed : undefined;
  }

  private set(state: SessionState): void {
    this.current = state;
    this.dispatchEvent(new Event('change'));
  }

  /** Identifications run one after another, never two on one card at once. */
  private queue: Promise<unknown> = Promise.resolve();

  // Quirk: a reader reports the card that was already in it (CCID NotifySlotChange at start-up)
  // while we may be identifying it; a genuinely new card always follows a removal, so an insert
  // event while reading or ready is the same card and is ignored.
  private readonly onInserted = () => {
    if (this.current.kind !== 'reading' && this.current.kind !== 'ready') void this.identify();
  };
  private readonly onRemoved = () => {
    this.generation++;
    this.dropConnection();
    if (this.reader) this.set({ kind: 'no-card', readerName: this.reader.name });
  };
  /** The reader left; when the transport says why (the card bridge stopped), the state says so too. */
  private readonly onGone = (ev: Event) => {
    const readerName = this.reader?.name ?? '';
    this.release(ev instanceof ReaderGoneEvent ? { kind: 'error', readerName, error: ev.reason } : undefined);
  };

  /** Follows `reader` from now on (replacing any previous one) and identifies a present card. */
  async useReader(reader: CardReader): Promise<void> {
    this.release();
    this.reader = reader;
    reader.addEventListener('cardinserted', this.onInserted);
    reader.addEventListener('cardremoved', this.onRemoved);
    reader.addEventListener('disconnected', this.onGone);
    await this.identify();
  }

  /** Connects to the card in the reader and identifies it; the resulting state says how it went. */
  identify(): Promise<SessionState> {
    const run = this.queue.then(() => this.identifyNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async identifyNow(): Promise<SessionState> {
    const reader = this.reader;
    if (!reader) return this.current;
    const gen = ++this.generation;
    this.dropConnection();
    try {
      if (!(await reader.cardPresent())) {
        if (gen === this.generation) this.set({ kind: 'no-card', readerName: reader.name });
        return this.current;
      }
      this.set({ kind: 'reading', readerName: reader.name });
      const conn = withApduLog(await reader.connect(), this.opts.log);
      this.conn = conn;
      const detected = await detectCard(conn);
      const info: CardInfo = {
        readerName: reader.name,
        atrHex: formatAtr(conn.atr),
        atrLines: describeAtr(parseAtr(conn.atr)),
        type: detected.type,
      };
      if (detected.type !== 'unknown') {
        this.managed = detected.card;
        info.profile = cardProfile(detected.type);
        info.cardId = cardIdToGuid(await detected.card.readCardId(), this.opts.byteOrder?.() ?? 'dotnet');
      }
      if (gen === this.generation) this.set({ kind: 'ready', info });
    } catch (e) {
      if (gen === this.generation) this.set({ kind: 'error', readerName: reader.name, error: asAppError(e) });
    }
    return this.current;
  }

  private dropConnection(): void {
    const c = this.conn;
    this.conn = undefined;
    this.managed = undefined;
    // Leave the card powered: another app (or the next identify) may use it. Errors on a card that
    // is already gone do not matter.
    c?.disconnect('leave').catch(() => undefined);
  }

  /** Stops following the reader; the state becomes `next` (default: no reader). */
  release(next?: Extract<SessionState, { kind: 'error' }>): void {
    this.generation++;
    this.dropConnection();
    if (this.reader) {
      this.reader.removeEventListener('cardinserted', this.onInserted);
      this.reader.removeEventListener('cardremoved', this.onRemoved);
      this.reader.removeEventListener('disconnected', this.onGone);
    }
    this.reader = undefined;
    if (next) this.set(next);
    else if (this.current.kind !== 'no-reader') this.set({ kind: 'no-reader' });
  }
}
