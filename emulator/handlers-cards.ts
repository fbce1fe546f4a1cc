/**
 * Smart card operations (smartcard-operations.md and its pages): bind a card to a request, look
 * cards up, the sensitive admin-key/PIN answers, status updates and the operations list.
 */
import { atrToHex, base64ToBytes, bytesToBase64 } from './wire-codec';
import { isServerGeneratedPin, SMARTCARD_STATUSES } from './wire-enums';
import {
  bodyString,
  created,
  guid,
  noContent,
  ok,
  param,
  requireExecutable,
  requestCardOf,
  templateOf,
  type Ctx,
} from './context';
import { defaultAdminKey, deriveDiversifiedKey, generatePin, tdesEncrypt } from './crypto';
import { cardDto, type CardRec } from './state';
import { badRequest, parseBool, prop, qp, serverError } from './wire';

/** (10) POST /smartcards {requestid, cardid, atr?} → 201 "api/v1.0/smartcards/<id>". Re-binding the same card is idempotent. */
export function assignCard(ctx: Ctx): Response {
  const r = ctx.st.requests.get(guid(prop(ctx.body, 'requestid')));
  if (!r) return noContent();
  requireExecutable(r);
  const cardId = guid(prop(ctx.body, 'cardid'));
  const atrRaw = bodyString(ctx, 'atr');
  let atr = '';
  try {
    atr = atrRaw === undefined ? '' : atrToHex(atrRaw);
  } catch {
    throw badRequest();
  }
  const t = templateOf(ctx, r.dto.ProfileTemplateUuid);
  if (!t.config) throw serverError(`Request ${r.dto.Uuid} is not a smart card request`);
  const bound = ctx.st.cards.get(r.dto.NewSmartcardUuid);
  if (bound) {
    if (bound.cardId === cardId) return created(`api/v1.0/smartcards/${bound.dto.Uuid}`);
    throw serverError(`Request ${r.dto.Uuid} is already bound to smart card ${bound.dto.Uuid}`);
  }
  const inUse = ctx.st.cardByHardwareId(cardId);
  if (inUse && !(t.config.AllowSmartcardReuse && inUse.dto.Status === SMARTCARD_STATUSES.Retired)) {
    throw serverError(`Card ${cardId} is already in use as smart card ${inUse.dto.Uuid}`);
  }
  const uuid = ctx.st.nextId('smartcards');
  ctx.st.cards.set(uuid, {
    dto: cardDto(uuid, SMARTCARD_STATUSES.Assigned, r.dto.TargetUserUuid, t, cardId, atr),
    cardId,
    profile: r.dto.OldProfileUuid,
  });
  r.dto.NewSmartcardUuid = uuid;
  ctx.o.log(`smart card ${uuid} (card id ${cardId}) bound to request ${r.dto.Uuid}`);
  return created(`api/v1.0/smartcards/${uuid}`);
}

/** (11) GET /smartcards[?cardid=] — by hardware card id a single object (as documented), else the caller's cards. */
export function findCards(ctx: Ctx): Response {
  const cardid = qp(ctx.url, 'cardid');
  if (cardid !== undefined) {
    const id = guid(cardid);
    const hits = [...ctx.st.cards.values()].filter((c) => c.cardId === id);
    const c = hits.find((x) => x.dto.Status !== SMARTCARD_STATUSES.Retired) ?? hits[0];
    return c ? ok(c.dto) : noContent();
  }
  const mine = [...ctx.st.cards.values()]
    .filter((c) => c.dto.AssignedUserUuid === ctx.user.uuid)
    .map((c) => c.dto);
  return mine.length ? ok(mine) : noContent();
}

/** (12) GET /smartcards/{id}. */
export function getCard(ctx: Ctx): Response {
  const c = ctx.st.cards.get(param(ctx, 0));
  return c ? ok(c.dto) : noContent();
}

/**
 * The card's admin key (a fresh copy: the caller wipes it): the diversified key once diversified,
 * else the card's pinned initial key or the template default (empty = 24 zero bytes).
 */
export function adminKey(ctx: Ctx, card: CardRec, diversified: boolean): Buffer {
  const cfg = templateOf(ctx, card.dto.ProfileTemplateUuid).config!;
  if (diversified && cfg.DiversifyAdminKey) return diversifiedKey(ctx, card);
  return defaultAdminKey(ctx.st.pinnedInitialAdminKeys.get(card.cardId) ?? cfg.DefaultAdminKeyHex);
}

function diversifiedKey(ctx: Ctx, card: CardRec): Buffer {
  const pinned = ctx.st.pinnedAdminKeys.get(card.cardId);
  return pinned ? Buffer.from(pinned) : deriveDiversifiedKey(ctx.o.adminKeySecret, card.cardId);
}

/** (13) …/authenticationresponse: base64(3DES-EDE3-ECB(admin key, challenge)) as a JSON string. */
export function authenticationResponse(ctx: Ctx): Response {
  const target = requestCardOf(ctx, { executable: true, cardid: 'required' });
  if (!target) return noContent();
  const diversified = parseBool(qp(ctx.url, 'diversified'));
  const b64 = qp(ctx.url, 'challenge');
  if (b64 === undefined) throw badRequest();
  let challenge: Uint8Array;
  try {
    challenge = base64ToBytes(b64);
  } catch {
    throw serverError('challenge is not base64 (Convert.FromBase64String failed)');
  }
  if (challenge.length === 0 || challenge.length % 8 !== 0)
    throw serverError(`challenge has ${challenge.length} bytes, not whole 8-byte blocks`);
  const key = adminKey(ctx, target.card, diversified);
  try {
    return ok(bytesToBase64(tdesEncrypt(key, challenge)));
  } finally {
    key.fill(0);
  }
}

/** (14) …/diversifiedkey: the card's new 24-byte admin key (204 when the template does not diversify). */
export function diversifiedKeyHandler(ctx: Ctx): Response {
  const target = requestCardOf(ctx, { executable: true, cardid: 'required' });
  if (!target) return noContent();
  if (!templateOf(ctx, target.card.dto.ProfileTemplateUuid).config!.DiversifyAdminKey) return noContent();
  return ok(bytesToBase64(diversifiedKey(ctx, target.card)));
}

/**
 * (15) serverproposedpin on either route. On `/smartcards/{id}/…` the id may be a request id, as in
 * the page's own example (defect 3). 204 when the template's PIN is user-provided. The PIN is
 * generated per the template's UserPinPolicy and stays the same until its request ends.
 */
export function serverProposedPin(ctx: Ctx): Response {
  const id = param(ctx, 0);
  // `cardid` is optional here: the page does not say which of its parameters are required.
  const card =
    ctx.params.length === 2
      ? requestCardOf(ctx, { executable: true, cardid: 'optional' })?.card
      : (ctx.st.cards.get(id) ?? ctx.st.cards.get(ctx.st.requests.get(id)?.dto.NewSmartcardUuid ?? ''));
  if (!card) return noContent();
  const cfg = templateOf(ctx, card.dto.ProfileTemplateUuid).config!;
  if (!isServerGeneratedPin(cfg.UserPinOption)) return noContent();
  card.proposedPin ??= generatePin(cfg.UserPinPolicy);
  return ok(card.proposedPin);
}

/** (16) PUT /requests/{rid}/smartcards/{id} {"status": "<SmartcardStatus name>"} → the updated card. */
export function updateCardStatus(ctx: Ctx): Response {
  const target = requestCardOf(ctx);
  if (!target) return noContent();
  const { r, card, sid } = target;
  const name = bodyString(ctx, 'status');
  const entry = Object.entries(SMARTCARD_STATUSES).find(([k]) => k.toLowerCase() === name?.toLowerCase());
  if (!entry) throw badRequest();
  card.dto.Status = entry[1];
  delete card.proposedPin;
  if (entry[1] === SMARTCARD_STATUSES.Retired)
    for (const c of ctx.st.certs) if (c.card === sid) c.retired = true;
  ctx.o.log(`smart card ${sid} status → ${entry[0]} (request ${r.dto.Uuid})`);
  return ok(card.dto);
}

/** (17) GET /smartcards/{id}/operations — the template's operations for an Active card, `["reinstate","retire"]` when disabled/suspended. */
export function cardOperations(ctx: Ctx): Response {
  const c = ctx.st.cards.get(param(ctx, 0));
  if (!c) return noContent();
  const s = c.dto.Status;
  const ops =
    s === SMARTCARD_STATUSES.Active
      ? templateOf(ctx, c.dto.ProfileTemplateUuid).operations
      : s === SMARTCARD_STATUSES.Disabled || s === SMARTCARD_STATUSES.Suspended
        ? ['reinstate', 'retire']
        : [];
  return ops.length ? ok(ops) : noContent();
}
