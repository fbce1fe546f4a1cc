/**
 * The IndexedDB store (idb, typed schema). Opening is bounded; every failure — no IndexedDB,
 * a newer database from a later build, another tab blocking the upgrade, quota, corruption —
 * degrades to the in-memory store with a status code, never to a broken app.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { MemoryStore } from './memory-store';
import { migrate } from './migrations';
import {
  DB_NAME,
  DB_VERSION,
  type CardRecord,
  type JournalEntry,
  type ScssDb,
  type SettingKey,
} from './schema';
import { assertNoSecrets } from './secrets-guard';
import type { AppStore, StoreStatus } from './types';
import { isCardRecord, isJournalEntry } from './validate';

export interface OpenStoreOptions {
  name?: string;
  /** Why 5 s: an upgrade waits for other tabs to close the old version; we will not wait forever. */
  timeoutMs?: number;
}

/** Maps a DOMException from open/write to our status code. */
function reasonOf(e: unknown): string {
  const name = (e as { name?: string })?.name;
  if (name === 'VersionError') return 'store/newer-version';
  if (name === 'QuotaExceededError') return 'store/quota';
  if (name === 'TimeoutError') return 'store/blocked';
  return 'store/unavailable';
}

/** Opens the app's database, or returns the memory store with the reason it could not. */
export async function openAppStore(opts: OpenStoreOptions = {}): Promise<AppStore> {
  if (typeof indexedDB === 'undefined')
    return new MemoryStore({ persistent: false, reason: 'store/unavailable' });
  const opening = openDB<ScssDb>(opts.name ?? DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, tx) => migrate(db, oldVersion, tx),
    // Another tab of a newer build wants to upgrade: let it, by closing our connection.
    blocking: () => void opening.then((db) => db.close()),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DOMException('open blocked', 'TimeoutError')),
      opts.timeoutMs ?? 5000,
    );
  });
  try {
    return new IdbStore(await Promise.race([opening, timeout]));
  } catch (e) {
    // If the open completes after the timeout, do not leak the connection.
    opening.then((db) => db.close()).catch(() => undefined);
    return new MemoryStore({ persistent: false, reason: reasonOf(e) });
  } finally {
    clearTimeout(timer);
  }
}

class IdbStore implements AppStore {
  readonly events = new EventTarget();
  /**
   * Everything this session read or wrote, so that when IndexedDB fails mid-session the memory
   * fallback starts with it instead of empty: a failure loses nothing the user has seen.
   */
  private readonly mirror = new MemoryStore({ persistent: true });
  private fallback: MemoryStore | undefined;
  private currentStatus: StoreStatus = { persistent: true };

  constructor(private readonly db: IDBPDatabase<ScssDb>) {}

  get status(): StoreStatus {
    return this.fallback?.status ?? this.currentStatus;
  }

  /** Runs a write; on quota or a dead connection switch to memory for the rest of the session. */
  private async write(op: () => Promise<unknown>, mem: (m: MemoryStore) => Promise<unknown>): Promise<void> {
    if (!this.fallback) {
      try {
        await op();
      } catch (e) {
        this.mirror.status = { persistent: false, reason: reasonOf(e) };
        this.fallback = this.mirror;
        this.events.dispatchEvent(new Event('status'));
      }
    }
    await mem(this.mirror);
  }

  /** Records what a successful read returned, for the fallback. */
  private async remember(cards: CardRecord[], entries: JournalEntry[] = []): Promise<void> {
    for (const c of cards) await this.mirror.cards.put(c);
    for (const e of entries) await this.mirror.journal.put(e);
  }

  private noteCorrupt(): void {
    if (this.currentStatus.reason !== 'store/corrupt-records') {
      this.currentStatus = { persistent: true, reason: 'store/corrupt-records' };
      this.events.dispatchEvent(new Event('status'));
    }
  }

  readonly cards = {
    get: async (id: string): Promise<CardRecord | undefined> => {
      if (this.fallback) return this.fallback.cards.get(id);
      const r = await this.db.get('cards', id);
      if (r !== undefined && !isCardRecord(r)) return void this.noteCorrupt();
      if (r) await this.remember([r]);
      return r;
    },
    list: async (): Promise<CardRecord[]> => {
      if (this.fallback) return this.fallback.cards.list();
      const all: unknown[] = await this.db.getAll('cards');
      const ok = all.filter(isCardRecord);
      if (ok.length !== all.length) this.noteCorrupt();
      await this.remember(ok);
      return ok;
    },
    put: async (r: CardRecord) => {
      assertNoSecrets(r);
      return this.write(
        () => this.db.put('cards', r),
        (m) => m.cards.put(r),
      );
    },
    delete: (id: string) =>
      this.write(
        () => this.db.delete('cards', id),
        (m) => m.cards.delete(id),
      ),
  };

  readonly journal = {
    get: async (id: string): Promise<JournalEntry | undefined> => {
      if (this.fallback) return this.fallback.journal.get(id);
      const e = await this.db.get('journal', id);
      if (e !== undefined && !isJournalEntry(e)) return void this.noteCorrupt();
      if (e) await this.remember([], [e]);
      return e;
    },
    forCard: async (cardId: string): Promise<JournalEntry[]> => {
      if (this.fallback) return this.fallback.journal.forCard(cardId);
      const all: unknown[] = await this.db.getAllFromIndex('journal', 'by-card', cardId);
      const ok = all.filter(isJournalEntry);
      if (ok.length !== all.length) this.noteCorrupt();
      await this.remember([], ok);
      return ok;
    },
    put: async (e: JournalEntry) => {
      assertNoSecrets(e);
      return this.write(
        () => this.db.put('journal', e),
        (m) => m.journal.put(e),
      );
    },
    delete: (id: string) =>
      this.write(
        () => this.db.delete('journal', id),
        (m) => m.journal.delete(id),
      ),
  };

  readonly settings = {
    get: async (key: SettingKey): Promise<string | undefined> => {
      if (this.fallback) return this.fallback.settings.get(key);
      const r = await this.db.get('settings', key);
      if (typeof r?.value !== 'string') return undefined;
      await this.mirror.settings.set(key, r.value);
      return r.value;
    },
    set: (key: SettingKey, value: string) =>
      this.write(
        () => this.db.put('settings', { key, value }),
        (m) => m.settings.set(key, value),
      ),
  };

  close(): void {
    this.db.close();
  }
}
