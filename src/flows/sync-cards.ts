/**
 * Keeps the offline card cache (store `cards`) in step with the CM server: "my cards and
 * certificates" for the offline view, and the CM status of the card in the reader. Public data only
 * (ids, status, certificate summaries); nothing secret passes through here.
 * MIM docs: get-smartcard-data.md (GET /smartcards[?cardid=]), get-certificates.md
 * (GET /smartcards/{id}/certificates), get-profile-templates.md.
 */
import { enumName, SMARTCARD_STATUSES, type CmClient, type Smartcard, type X509ClmCertificate } from '../cm';
import type { CardRecord, CertificateSummary } from '../store';
import type { AppStore } from '../store';
import type { CardInfo } from './card-session';

const bare = (guid: string) => guid.replace(/[{}]/g, '').toLowerCase();

/**
 * `GET /smartcards/{id}/certificates` carries only the six base fields of X509ClmCertificate (MIM
 * docs get-certificates.md); `GET /certificates` carries all eleven (validity, issuer, requester)
 * for the caller's own certificates. Join them by serial number so "valid until" is known.
 */
type Details = ReadonlyMap<string, X509ClmCertificate>;
const serialKey = (serial: string) => serial.replace(/[\s:]/g, '').toLowerCase();

function summary(base: X509ClmCertificate, details: Details): CertificateSummary {
  const c = { ...details.get(serialKey(base.SerialNumber)), ...stripUndefined(base) };
  return {
    serialNumber: base.SerialNumber,
    subject: c.RequesterName ?? '',
    issuer: c.Issuer ?? '',
    notBefore: c.NotBefore ?? '',
    notAfter: c.NotAfter ?? '',
    template: base.TemplateCommonName,
    ...(c.Status !== undefined && { status: String(c.Status) }),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The caller's certificates with all fields, by serial. Best effort: a server that refuses the
 * listing (403 by permission, 500) still lets the card sync, with validity unknown ("–").
 */
async function certificateDetails(cm: CmClient, signal?: AbortSignal): Promise<Details> {
  try {
    const all = await cm.getUserCertificates(signal);
    return new Map(all.map((c) => [serialKey(c.SerialNumber), c]));
  } catch (e) {
    if ((e as { code?: string }).code === 'aborted') throw e;
    return new Map();
  }
}

async function toRecord(
  cm: CmClient,
  sc: Smartcard,
  existing: CardRecord | undefined,
  templateNames: Map<string, string>,
  details: Details,
  now: number,
  signal?: AbortSignal,
): Promise<CardRecord> {
  const certificates = (await cm.getSmartcardCertificates(sc.Uuid, signal)).map((c) => summary(c, details));
  return {
    cardId: bare(sc.SerialNumber),
    atr: (sc.Atr || existing?.atr || '').toLowerCase(),
    cardType: existing?.cardType ?? 'unknown',
    cmUuid: bare(sc.Uuid),
    status: String(enumName(SMARTCARD_STATUSES, sc.Status) ?? sc.Status),
    profileTemplate: { uuid: bare(sc.ProfileTemplateUuid), name: templateNames.get(bare(sc.ProfileTemplateUuid)) ?? '' },
    certificates,
    lastSeen: existing?.lastSeen ?? 0,
    lastSynced: now,
  };
}

async function templateNameMap(cm: CmClient, signal?: AbortSignal): Promise<Map<string, string>> {
  const list = await cm.getProfileTemplates({ signal });
  return new Map(list.map((t) => [bare(t.Uuid), t.Name]));
}

/** Fetches the caller's cards and their certificates and refreshes the cache; returns the cache. */
export async function syncMyCards(cm: CmClient, store: AppStore, opts: { signal?: AbortSignal; now?: () => number } = {}): Promise<CardRecord[]> {
  const now = (opts.now ?? Date.now)();
  const [cards, names, details] = await Promise.all([
    cm.findSmartcards({ signal: opts.signal }),
    templateNameMap(cm, opts.signal),
    certificateDetails(cm, opts.signal),
  ]);
  for (const sc of cards) {
    const existing = await store.cards.get(bare(sc.SerialNumber));
    await store.cards.put(await toRecord(cm, sc, existing, names, details, now, opts.signal));
  }
  return store.cards.list();
}

/**
 * Looks up the card in the reader at the CM server and caches what it learns. Returns the CM status
 * name, or `undefined` when the server does not know the card (not enrolled yet).
 */
export async function lookupCard(cm: CmClient, store: AppStore, info: CardInfo, opts: { signal?: AbortSignal; now?: () => number } = {}): Promise<string | undefined> {
  if (!info.cardId) return undefined;
  const now = (opts.now ?? Date.now)();
  const existing = await store.cards.get(info.cardId);
  const seen: CardRecord = existing
    ? { ...existing, atr: info.atrHex, cardType: info.type, lastSeen: now }
    : { cardId: info.cardId, atr: info.atrHex, cardType: info.type, certificates: [], lastSeen: now };
  const [sc] = await cm.findSmartcards({ cardId: info.cardId, signal: opts.signal });
  if (!sc) {
    await store.cards.put(seen);
    return undefined;
  }
  const [names, details] = await Promise.all([templateNameMap(cm, opts.signal), certificateDetails(cm, opts.signal)]);
  const record = await toRecord(cm, sc, seen, names, details, now, opts.signal);
  await store.cards.put({ ...record, cardType: info.type, lastSeen: now });
  return record.status;
}
