/**
 * In-memory store: the "cache off" mode. Used when IndexedDB cannot be opened or written, so the
 * app keeps working for this session and the UI shows a notice (`status.reason`).
 */
import { assertNoSecrets } from './secrets-guard';
import type { CardRecord, JournalEntry, SettingKey } from './schema';
import type { AppStore, StoreStatus } from './types';

export class MemoryStore implements AppStore {
  readonly events = new EventTarget();
  private readonly cardMap = new Map<string, CardRecord>();
  private readonly journalMap = new Map<string, JournalEntry>();
  private readonly settingMap = new Map<SettingKey, string>();

  constructor(public status: StoreStatus = { persistent: false, reason: 'store/unavailable' }) {}

  /** Deep copies keep callers from mutating stored state, as IndexedDB's structured clone does. */
  private static copy<T>(v: T): T {
    return structuredClone(v);
  }

  readonly cards = {
    get: async (id: string) => (this.cardMap.has(id) ? MemoryStore.copy(this.cardMap.get(id)) : undefined),
    list: async () => [...this.cardMap.values()].map((c) => MemoryStore.copy(c)),
    put: async (r: CardRecord) => {
      assertNoSecrets(r);
      this.cardMap.set(r.cardId, MemoryStore.copy(r));
    },
    delete: async (id: string) => void this.cardMap.delete(id),
  };

  readonly journal = {
    get: async (id: string) =>
      this.journalMap.has(id) ? MemoryStore.copy(this.journalMap.get(id)) : undefined,
    forCard: async (cardId: string) =>
      [...this.journalMap.values()].filter((e) => e.cardId === cardId).map((e) => MemoryStore.copy(e)),
    put: async (e: JournalEntry) => {
      assertNoSecrets(e);
      this.journalMap.set(e.id, MemoryStore.copy(e));
    },
    delete: async (id: string) => void this.journalMap.delete(id),
  };

  readonly settings = {
    get: async (key: SettingKey) => this.settingMap.get(key),
    set: async (key: SettingKey, value: string) => void this.settingMap.set(key, value),
  };

  close(): void {}
}
