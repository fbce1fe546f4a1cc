/**
 * Read-only catalogue routes: profile templates and their policies (get-profile-templates.md,
 * get-workflow-policy.md, smart card configuration) and software profiles (get-profile-data.md,
 * get-profile-state-operations.md).
 */
import { PROFILE_STATUSES } from './wire-enums';
import { noContent, ok, param, requestOf, type Ctx } from './context';
import { qp } from './wire';

/** (1) GET /profiletemplates — all templates, documentation order (only the current user is supported as target). */
export function listTemplates(ctx: Ctx): Response {
  return ok([...ctx.st.templates.values()].map((t) => t.view));
}

/** (r1) GET /profiletemplates/{id} — one limited view (route from the controller table; shape assumed). */
export function getTemplate(ctx: Ctx): Response {
  const t = ctx.st.templates.get(param(ctx, 0));
  return t ? ok(t.view) : noContent();
}

/** (2) GET …/policies/{type} and …/policy/workflow/{type}; the type is matched case-insensitively. */
export function workflowPolicy(ctx: Ctx): Response {
  const t = ctx.st.templates.get(param(ctx, 0));
  const p = t?.policies[decodeURIComponent(ctx.params[1] ?? '').toLowerCase()];
  return p ? ok(p) : noContent();
}

/** (3) GET …/configuration/smartcards — SmartcardConfig; 204 for software templates. */
export function smartcardConfig(ctx: Ctx): Response {
  const t = ctx.st.templates.get(param(ctx, 0));
  return t?.config ? ok(t.config) : noContent();
}

/**
 * (19) GET /profiles[?status=] — every profile the caller can see (the example lists another
 * user's profiles, so the emulated caller is a CM manager). Request-status names never match.
 */
export function listProfiles(ctx: Ctx): Response {
  const name = qp(ctx.url, 'status');
  const status =
    name === undefined
      ? undefined
      : (Object.entries(PROFILE_STATUSES).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? -1);
  const list = [...ctx.st.profiles.values()].filter((p) => status === undefined || p.Status === status);
  return list.length ? ok(list) : noContent();
}

/** (20) GET /profiles/{id} — one object. */
export function getProfile(ctx: Ctx): Response {
  const p = ctx.st.profiles.get(param(ctx, 0));
  return p ? ok(p) : noContent();
}

/** (18) GET /profiles/{id}/operations. */
export function profileOperations(ctx: Ctx): Response {
  const p = ctx.st.profiles.get(param(ctx, 0));
  return p && p.ProfileOperations.length ? ok(p.ProfileOperations) : noContent();
}

/** (21) GET /requests/{rid}/profiles — the profiles the request acted on or produced. */
export function requestProfiles(ctx: Ctx): Response {
  const r = requestOf(ctx);
  if (!r) return noContent();
  const ids = new Set([r.dto.NewProfileUuid, r.dto.OldProfileUuid]);
  const list = [...ctx.st.profiles.values()].filter((p) => ids.has(p.Uuid));
  return list.length ? ok(list) : noContent();
}

/** (r2) GET /requests/{rid}/profiles/{id} — original controller table only. */
export function requestProfile(ctx: Ctx): Response {
  const r = ctx.st.requests.get(param(ctx, 0));
  const id = param(ctx, 1);
  const p =
    r && (r.dto.NewProfileUuid === id || r.dto.OldProfileUuid === id) ? ctx.st.profiles.get(id) : undefined;
  return p ? ok(p) : noContent();
}
