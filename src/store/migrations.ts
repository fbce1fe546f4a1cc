/**
 * Schema migrations, one step per version, run inside IndexedDB's versionchange transaction so a
 * failed step rolls the whole upgrade back. Version 0 is "no database" (a first visit).
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ScssDb } from './schema';

type UpgradeTx = IDBPTransaction<ScssDb, StoreNames<ScssDb>[], 'versionchange'>;

/** Upgrades `db` from `oldVersion` to the current {@link DB_VERSION}. */
export function migrate(db: IDBPDatabase<ScssDb>, oldVersion: number, _tx: UpgradeTx): void {
  if (oldVersion < 1) {
    const cards = db.createObjectStore('cards', { keyPath: 'cardId' });
    cards.createIndex('by-cm-uuid', 'cmUuid');
    const journal = db.createObjectStore('journal', { keyPath: 'id' });
    journal.createIndex('by-card', 'cardId');
    db.createObjectStore('settings', { keyPath: 'key' });
  }
  // Next version: `if (oldVersion < 2) { … }` — keep every earlier step; browsers skip versions.
}
