/**
 * What every route handler receives, plus the lookups the handlers open with: the request (and the
 * card bound to it) that the path names, the template, typed body values.
 */
import { isGuid, normalizeGuid } from './wire-codec';
import { REQUEST_STATUSES } from './wire-enums';
import type { EmulatedCa } from './ca';
import type { EmulatorOptions } from './options';
import type { UserSeed } from './seed';
import type { TemplateSeed } from './seed-templates';
import type { CardRec, EmulatorState, RequestRec } from './state';
import { badRequest, jsonResponse, prop, qp, serverError } from './wire';

export interface Ctx {
  st: EmulatorState;
  o: EmulatorOptions;
  url: URL;
  /** Captured path segments of the route pattern. */
  params: string[];
  /** Parsed JSON body (object) for POST/PUT; `{}` when none. */
  body: Record<string, unknown>;
  user: UserSeed;
  ca: () => Promise<EmulatedCa>;
  now: Date;
}

export type Handler = (ctx: Ctx) => Response | Promise<Response>;

/** A GUID path/body value; Web API answers 400 when a Guid parameter does not bind. Leading spaces are fine (Guid.Parse trims). */
export function guid(v: unknown): string {
  if (typeof v !== 'string' || !isGuid(v)) throw badRequest();
  return normalizeGuid(v);
}

export function param(ctx: Ctx, i: number): string {
  return guid(decodeURIComponent(ctx.params[i] ?? ''));
}

export function bodyString(ctx: Ctx, name: string): string | undefined {
  const v = prop(ctx.body, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest();
  return v;
}

export const ok = (body: unknown) => jsonResponse(200, body);
export const noContent = () => jsonResponse(204, null);
/** 201 with the bare relative URI string (create-request.md: no leading slash, no app prefix, no Location). */
export const created = (uri: string) => jsonResponse(201, uri);

export function templateOf(ctx: Ctx, id: string): TemplateSeed {
  const t = ctx.st.templates.get(id);
  if (!t) throw serverError(`Profile template ${id} not found`);
  return t;
}

/** Requests the caller may execute steps of: Approved or Executing (SDK RequestStatus). */
export function requireExecutable(r: RequestRec): void {
  if (r.dto.Status !== REQUEST_STATUSES.Approved && r.dto.Status !== REQUEST_STATUSES.Executing) {
    throw serverError(`Request ${r.dto.Uuid} is in status ${r.dto.Status}, not Approved/Executing`);
  }
}

/** The card bound to a request (New or Old smart card), else a server error like CM's ClmException. */
export function cardOfRequest(ctx: Ctx, r: RequestRec, cardUuid: string): CardRec {
  const c = ctx.st.cards.get(cardUuid);
  if (!c) throw serverError(`Smart card ${cardUuid} not found`);
  if (r.dto.NewSmartcardUuid !== cardUuid && r.dto.OldSmartcardUuid !== cardUuid) {
    throw serverError(`Smart card ${cardUuid} is not bound to request ${r.dto.Uuid}`);
  }
  return c;
}

/**
 * The request `/requests/{id}/…` names (the path's first id), or undefined — the handler then
 * answers 204, as CM does for an unknown id. With `executable`, a request that is not Approved or
 * Executing is a server error ({@link requireExecutable}).
 */
export function requestOf(ctx: Ctx, o: { executable?: boolean } = {}): RequestRec | undefined {
  const r = ctx.st.requests.get(param(ctx, 0));
  if (r && o.executable) requireExecutable(r);
  return r;
}

/**
 * The request and the card `/requests/{rid}/smartcards/{sid}/…` name, or undefined when either id
 * is unknown (204). The card must be bound to the request ({@link cardOfRequest}). The `cardid`
 * query, when checked, must name the card's hardware id (else a server error); `'required'` makes
 * a missing one a 400 (the sensitive admin-key routes), `'optional'` lets it be left out.
 */
export function requestCardOf(
  ctx: Ctx,
  o: { executable?: boolean; cardid?: 'required' | 'optional' } = {},
): { r: RequestRec; card: CardRec; sid: string } | undefined {
  const r = ctx.st.requests.get(param(ctx, 0));
  const sid = param(ctx, 1);
  if (!r || !ctx.st.cards.has(sid)) return undefined;
  if (o.executable) requireExecutable(r);
  const card = cardOfRequest(ctx, r, sid);
  const cardid = o.cardid && qp(ctx.url, 'cardid');
  if (o.cardid === 'required' && cardid === undefined) throw badRequest();
  if (cardid !== undefined && guid(cardid) !== card.cardId)
    throw serverError(`cardid ${cardid} does not match smart card ${sid}`);
  return { r, card, sid };
}
