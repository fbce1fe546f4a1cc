/**
 * Shape checks for records read back from IndexedDB. A record written by a buggy or tampered
 * build must not crash the UI: invalid ones are skipped and reported, the rest stays usable.
 */
import type { CardRecord, JournalEntry } from './schema';

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optStr = (v: unknown) => v === undefined || isStr(v);

export function isCardRecord(v: unknown): v is CardRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return (
    isStr(r.cardId) &&
    isStr(r.atr) &&
    (r.cardType === 'gids' || r.cardType === 'piv' || r.cardType === 'unknown') &&
    optStr(r.cmUuid) &&
    optStr(r.status) &&
    Array.isArray(r.certificates) &&
    r.certificates.every(
      (c) => c && typeof c === 'object' && isStr((c as Record<string, unknown>).serialNumber),
    ) &&
    isNum(r.lastSeen) &&
    (r.lastSynced === undefined || isNum(r.lastSynced))
  );
}

export function isJournalEntry(v: unknown): v is JournalEntry {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return (
    isStr(r.id) &&
    isStr(r.flow) &&
    isStr(r.cardId) &&
    isStr(r.stage) &&
    !!r.facts &&
    typeof r.facts === 'object' &&
    isNum(r.startedAt) &&
    isNum(r.updatedAt) &&
    optStr(r.requestId) &&
    optStr(r.cmCardUuid)
  );
}
