/**
 * IndexedDB schema v1 (idb `DBSchema`): card metadata cache, flow journal, settings.
 *
 * Nothing secret ever goes here (docs/architecture.md "Secrets"): no PIN, PUK, admin key, diversified
 * key, challenge or challenge response. Records have fixed shapes, and every write passes
 * {@link assertNoSecrets} as a second line of defence.
 */
import type { DBSchema } from 'idb';

export const DB_NAME = 'smartcard-self-service';
export const DB_VERSION = 1;

export type CardType = 'gids' | 'piv' | 'unknown';

/** What we show of a certificate offline; public data only. */
export interface CertificateSummary {
  serialNumber: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  template?: string;
  status?: string;
}

/** A card as last seen on the reader and last synced from the CM server. */
export interface CardRecord {
  /** The MIM `cardid` GUID string (lower case, hyphens). Primary key. */
  cardId: string;
  /** ATR as lower-case hex (the MIM CM format). */
  atr: string;
  cardType: CardType;
  /** The CM smart card's `Uuid`, once known. */
  cmUuid?: string;
  /** CM `Status` name (e.g. `Active`, `Retired`). */
  status?: string;
  profileTemplate?: { uuid: string; name: string };
  certificates: CertificateSummary[];
  /**
   * The template's user-PIN rules as last read from CM (public data): change PIN and offline unblock
   * use them when CM cannot be reached.
   */
  pinPolicy?: { minLength: number; maxLength: number; charset: 'numeric' | 'alphanumeric' | 'any' };
  /** ms since epoch. */
  lastSeen: number;
  lastSynced?: number;
}

export type FlowName =
  'server-proposed-pin' | 'unblock' | 'enroll' | 'retire' | 'change-pin' | 'offline-unblock' | 'renew';

/**
 * Where an interrupted flow stands, so it resumes from the server's and card's real state without
 * repeating a finished step. Only identifiers and stage names: never a secret.
 */
export interface JournalEntry {
  /** Unique id of this flow run. */
  id: string;
  flow: FlowName;
  cardId: string;
  cmCardUuid?: string;
  requestId?: string;
  stage: string;
  /** Non-secret facts a resume needs (e.g. `adminKeyDiversified: true`). */
  facts: Record<string, string | number | boolean>;
  startedAt: number;
  updatedAt: number;
}

export type SettingKey = 'cmBaseUrl' | 'locale' | 'cardIdByteOrder';

interface SettingRecord {
  key: SettingKey;
  value: string;
}

export interface ScssDb extends DBSchema {
  cards: { key: string; value: CardRecord; indexes: { 'by-cm-uuid': string } };
  journal: { key: string; value: JournalEntry; indexes: { 'by-card': string } };
  settings: { key: SettingKey; value: SettingRecord };
}
