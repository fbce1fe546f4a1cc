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
export async function certificateDetails(cm: CmClient, signal?: AbortSignal): Promise<Details> {
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
  onCard: Promise<X509ClmCertificate[]> = cm.getSmartcardCertificates(sc.Uuid, signal),
): Promise<CardRecord> {
  const certificates = (await onCard).map((c) => summary(c, details));
  return {
    cardId: bare(sc.SerialNumber),
    atr: (sc.Atr || existing?.atr || '').toLowerCase(),
    cardType: existing?.cardType ?? 'unknown',
    cmUuid: bare(sc.Uuid),
    status: String(enumName(SMARTCARD_STATUSES, sc.Status) ?? sc.Status),
    profileTemplate: {
      uuid: bare(sc.ProfileTemplateUuid),
      name: templateNames.get(bare(sc.ProfileTemplateUuid)) ?? '',
    },
    certificates,
    lastSeen: existing?.lastSeen ?? 0,
    lastSynced: now,
  };
}

/**
 * Why cache template names for {@link TEMPLATE_NAMES_MAX_MS}: they are display text that an
 * administrator changes rarely, and every card lookup needs them; one `GET /profiletemplates`
 * (get-profile-templates.md) per client and ten minutes is enough. A failed answer is not kept.
 */
export const TEMPLATE_NAMES_MAX_MS = 10 * 60_000;
const names = new WeakMap<CmClient, { at: number; baseUrl: string; map: Promise<Map<string, string>> }>();

/** Profile template uuid → name, from the cache when fresh. */
export function templateNameMap(
  cm: CmClient,
  signal?: AbortSignal,
  now = Date.now(),
): Promise<Map<string, string>> {
  const hit = names.get(cm);
  if (hit && hit.baseUrl === cm.baseUrl && now - hit.at < TEMPLATE_NAMES_MAX_MS && now >= hit.at)
    return hit.map;
  const map = cm
    .getProfileTemplates({ signal })
    .then((list) => new Map(list.map((t) => [bare(t.Uuid), t.Name])));
  names.set(cm, { at: now, baseUrl: cm.baseUrl, map });
  map.catch(() => names.get(cm)?.map === map && names.delete(cm));
  return map;
}

/** Fetches the caller's cards and their certificates and refreshes the cache; returns the cache. */
export async function syncMyCards(
  cm: CmClient,
  store: AppStore,
  opts: { signal?: AbortSignal; now?: () => number } = {},
): Promise<CardRecord[]> {
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
export async function lookupCard(
  cm: CmClient,
  store: AppStore,
  info: CardInfo,
  opts: { signal?: AbortSignal; now?: () => number } = {},
): Promise<string | undefined> {
  if (!info.cardId) return undefined;
  const list = await cm.findSmartcards({ cardId: info.cardId, signal: opts.signal });
  return recordLookup(
    cm,
    store,
    info,
    list,
    () => templateNameMap(cm, opts.signal),
    () => certificateDetails(cm, opts.signal),
    opts,
  );
}

/**
 * The caching half of {@link lookupCard}, for a caller that already has the card's records
 * (`list`) and may have asked for the template names and the user's certificates already
 * (card-overview.ts starts both at insertion).
 */
export async function recordLookup(
  cm: CmClient,
  store: AppStore,
  info: CardInfo,
  list: readonly Smartcard[],
  templateNames: () => Promise<Map<string, string>>,
  details: () => Promise<Details>,
  opts: { signal?: AbortSignal; now?: () => number } = {},
): Promise<string | undefined> {
  if (!info.cardId) return undefined;
  const now = (opts.now ?? Date.now)();
  const existing = await store.cards.get(info.cardId);
  const seen: CardRecord = existing
    ? { ...existing, atr: info.atrHex, cardType: info.type, lastSeen: now }
    : { cardId: info.cardId, atr: info.atrHex, cardType: info.type, certificates: [], lastSeen: now };
  const [sc] = list;
  if (!sc) {
    await store.cards.put(seen);
    return undefined;
  }
  // The card's certificates need only its uuid: asked alongside the names and details.
  const [n, d, onCard] = await Promise.all([
    templateNames(),
    details(),
    cm.getSmartcardCertificates(sc.Uuid, opts.signal),
  ]);
  const record = await toRecord(cm, sc, seen, n, d, now, opts.signal, Promise.resolve(onCard));
  await store.cards.put({ ...record, cardType: info.type, lastSeen: now });
  return record.status;
}
