/** Store layer entry: IndexedDB through idb, never secrets (docs/architecture.md "Layers"). */
export { openAppStore, type OpenStoreOptions } from './idb-store';
export { MemoryStore } from './memory-store';
export { assertNoSecrets, SecretStorageError } from './secrets-guard';
export * from './schema';
export type * from './types';
