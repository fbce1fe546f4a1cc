/**
 * The store's interface, shared by the IndexedDB implementation and the in-memory fallback the app
 * uses when IndexedDB is unavailable (private mode, quota exhausted, corrupt or newer database).
 */
import type { CardRecord, JournalEntry, SettingKey } from './schema';

/** Whether data survives a reload; `reason` is a stable code the UI explains in its notice. */
export interface StoreStatus {
  persistent: boolean;
  /** `store/unavailable`, `store/quota`, `store/newer-version`, `store/blocked`, `store/corrupt-records`. */
  reason?: string;
}

interface CardCacheApi {
  get(cardId: string): Promise<CardRecord | undefined>;
  list(): Promise<CardRecord[]>;
  put(record: CardRecord): Promise<void>;
  delete(cardId: string): Promise<void>;
}

interface JournalApi {
  get(id: string): Promise<JournalEntry | undefined>;
  forCard(cardId: string): Promise<JournalEntry[]>;
  put(entry: JournalEntry): Promise<void>;
  delete(id: string): Promise<void>;
}

interface SettingsApi {
  get(key: SettingKey): Promise<string | undefined>;
  set(key: SettingKey, value: string): Promise<void>;
}

export interface AppStore {
  readonly status: StoreStatus;
  readonly cards: CardCacheApi;
  readonly journal: JournalApi;
  readonly settings: SettingsApi;
  /** Fires `status` when the store falls back to memory (e.g. a write hit the quota). */
  readonly events: EventTarget;
  close(): void;
}
