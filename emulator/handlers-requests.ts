/**
 * Request lifecycle (create-request.md, get-request.md, cancel-abandon-complete-request.md):
 * create → Approved (or Pending → Approved) → Completed / Canceled; "Abandoned" → Canceled (defect 14).
 */
import { EMPTY_GUID } from './wire-codec';
import type { CmRequest, DataCollectionItem } from './wire-types';
import { REQUEST_STATUSES, REQUEST_TYPES, SMARTCARD_STATUSES } from './wire-enums';
import {
  bodyString,
  created,
  guid,
  noContent,
  ok,
  requestOf,
  requireExecutable,
  templateOf,
  type Ctx,
} from './context';
import { profileDto, requestSddl, type RequestRec } from './state';
import { badRequest, NET_MIN_DATE, netUtc, prop, qp, serverError } from './wire';

/** Types that produce a new card/profile when completed. */
const ISSUING = new Set<number>([
  REQUEST_TYPES.Enroll,
  REQUEST_TYPES.Duplicate,
  REQUEST_TYPES.TemporaryCards,
  REQUEST_TYPES.Renew,
  REQUEST_TYPES.Recover,
  REQUEST_TYPES.OnlineUpdate,
]);
/** Request type name → policy type name (the two lists differ only here, defect 13). */
const policyName = (type: string) => (type === 'TemporaryCards' ? 'temporaryenroll' : type.toLowerCase());

/** `datacollection` in any of the three documented encodings → name/value pairs (typographic quotes tolerated). */
function parseDataCollection(v: unknown): { name: string; value: string | null }[] {
  let arr = v;
  if (typeof v === 'string') {
    try {
      arr = JSON.parse(v.replace(/[“”]/g, '"'));
    } catch {
      throw badRequest();
    }
  }
  if (arr === undefined || arr === null) return [];
  if (!Array.isArray(arr)) throw badRequest();
  return arr.flatMap((item: unknown) => {
    if (item === null || typeof item !== 'object') throw badRequest();
    const o = item as Record<string, unknown>;
    if ('Name' in o || 'name' in o)
      if (Object.keys(o).length <= 2 && ('Value' in o || 'value' in o))
        return [{ name: String(o.Name ?? o.name), value: (o.Value ?? o.value ?? null) as string | null }];
    return Object.entries(o).map(([name, value]) => ({ name, value: value === null ? null : String(value) }));
  });
}

/** (4) POST /requests. */
export function createRequest(ctx: Ctx): Response {
  const typeRaw = bodyString(ctx, 'type');
  const type = Object.keys(REQUEST_TYPES).find(
    (k) => k.toLowerCase() === typeRaw?.toLowerCase() && k !== 'None',
  );
  if (!type) throw typeRaw === undefined ? badRequest() : serverError(`Unknown request type ${typeRaw}`);
  const cardUuid = prop(ctx.body, 'smartcard') === undefined ? undefined : guid(prop(ctx.body, 'smartcard'));
  const card = cardUuid ? ctx.st.cards.get(cardUuid) : undefined;
  if (cardUuid && !card) throw serverError(`Smart card ${cardUuid} not found`);
  const tplRaw = prop(ctx.body, 'profiletemplateuuid');
  const templateId = tplRaw !== undefined ? guid(tplRaw) : card?.dto.ProfileTemplateUuid;
  if (!templateId) throw serverError('profiletemplateuuid is required when no smart card is given');
  const t = templateOf(ctx, templateId);
  const policy = t.policies[policyName(type)];
  if (!policy?.Enabled) throw serverError(`${type} is not enabled for template ${t.view.Name}`);
  if (card && card.dto.Status === SMARTCARD_STATUSES.Retired)
    throw serverError(`Smart card ${card.dto.Uuid} is retired`);
  const target = prop(ctx.body, 'target') === undefined ? ctx.user.uuid : guid(prop(ctx.body, 'target'));
  const given = parseDataCollection(prop(ctx.body, 'datacollection'));
  const items: DataCollectionItem[] = policy.PolicyDataCollection.map((p) => ({
    Name: p.Name,
    Value: given.find((g) => g.name.toLowerCase() === p.Name.toLowerCase())?.value ?? null,
  }));
  for (const g of given)
    if (!items.some((i) => i.Name.toLowerCase() === g.name.toLowerCase()))
      items.push({ Name: g.name, Value: g.value });
  const priorityRaw = prop(ctx.body, 'priority');
  const priority = priorityRaw === undefined ? policy.DefaultRequestPriority : Number(priorityRaw);
  if (!Number.isInteger(priority) || priority < 0 || priority > 255) throw badRequest();
  const pending = ctx.o.requireApproval || policy.ApprovalsNeeded > 0;
  const id = ctx.st.nextId('requests');
  const dto: CmRequest = {
    Uuid: id,
    RequestType: REQUEST_TYPES[type as keyof typeof REQUEST_TYPES],
    Status: pending ? REQUEST_STATUSES.Pending : REQUEST_STATUSES.Approved,
    Flags: 2,
    DataCollection: items,
    DataCollectionFlags: 32,
    OriginatorUserUuid: ctx.user.uuid,
    TargetUserUuid: target,
    Submitted: netUtc(ctx.now),
    Completed: NET_MIN_DATE,
    NewProfileUuid: card?.profile ?? EMPTY_GUID,
    OldProfileUuid: card?.profile ?? EMPTY_GUID,
    NewSmartcardUuid: cardUuid ?? EMPTY_GUID,
    OldSmartcardUuid: cardUuid ?? EMPTY_GUID,
    Priority: priority,
    Comment: bodyString(ctx, 'comment') ?? '',
    ProfileTemplateUuid: t.view.Uuid,
    SecurityDescriptor: requestSddl(ctx.user.sid),
    IsSmartcard: t.config !== null,
    IsEnrollmentAgent: false,
    IsDataCollectionComplete: items.length > 0 && items.every((i) => i.Value !== null),
  };
  ctx.st.requests.set(id, { dto, polls: 0 });
  ctx.o.log(`request ${id} ${type} created (${pending ? 'Pending' : 'Approved'})`);
  return created(`api/v1.0/requests/${id}`);
}

/** (5) GET /requests/{id}; a pending request is approved on its n-th poll (`approveAfterPolls`). */
export function getRequest(ctx: Ctx): Response {
  const r = requestOf(ctx);
  if (!r) return noContent();
  if (
    r.dto.Status === REQUEST_STATUSES.Pending &&
    ctx.o.approveAfterPolls > 0 &&
    ++r.polls >= ctx.o.approveAfterPolls
  ) {
    r.dto.Status = REQUEST_STATUSES.Approved;
  }
  return ok(r.dto);
}

/** (6) GET /requests?targetuser=current&status=… (an array; 204 when nothing matches). */
export function listRequests(ctx: Ctx): Response {
  const target = qp(ctx.url, 'targetuser');
  const statusName = qp(ctx.url, 'status');
  const status =
    statusName === undefined
      ? undefined
      : Object.entries(REQUEST_STATUSES).find(([k]) => k.toLowerCase() === statusName.toLowerCase())?.[1];
  if (statusName !== undefined && status === undefined) throw badRequest();
  const list = [...ctx.st.requests.values()]
    .map((r) => r.dto)
    .filter(
      (d) =>
        (target === undefined || d.TargetUserUuid === ctx.user.uuid) &&
        (status === undefined || d.Status === status),
    );
  return list.length ? ok(list) : noContent();
}

/** (7) PUT /requests/{id} {"status": "Completed" | "Canceled" | "Abandoned"}. */
export function updateRequest(ctx: Ctx): Response {
  const r = requestOf(ctx);
  if (!r) return noContent();
  const s = bodyString(ctx, 'status')?.toLowerCase();
  if (s === 'completed') complete(ctx, r);
  else if (s === 'canceled' || s === 'abandoned') {
    if (r.dto.Status !== REQUEST_STATUSES.Pending) requireExecutable(r);
    r.dto.Status = REQUEST_STATUSES.Canceled;
  } else throw badRequest();
  const card = ctx.st.cards.get(r.dto.NewSmartcardUuid);
  if (card) delete card.proposedPin; // the proposed PIN belonged to this request's run
  ctx.o.log(`request ${r.dto.Uuid} → ${r.dto.Status}`);
  return ok(r.dto);
}

function complete(ctx: Ctx, r: RequestRec): void {
  requireExecutable(r);
  const t = templateOf(ctx, r.dto.ProfileTemplateUuid);
  const card = ctx.st.cards.get(r.dto.NewSmartcardUuid);
  if (t.config && !card) throw serverError(`Request ${r.dto.Uuid} has no smart card bound`);
  if (ISSUING.has(r.dto.RequestType)) {
    const profileId = ctx.st.nextId('profiles');
    ctx.st.profiles.set(
      profileId,
      profileDto(profileId, r.dto.OldProfileUuid, r.dto.TargetUserUuid, t.view.Uuid, t.version, t.operations),
    );
    r.dto.NewProfileUuid = profileId;
    for (const c of ctx.st.certs) if (c.request === r.dto.Uuid && !c.card) c.profile = profileId;
    if (card) {
      card.dto.Status = SMARTCARD_STATUSES.Active;
      card.profile = profileId;
    }
  } else if (card && r.dto.RequestType === REQUEST_TYPES.Retire) {
    card.dto.Status = SMARTCARD_STATUSES.Retired;
  } else if (card && r.dto.RequestType === REQUEST_TYPES.Reinstate) {
    card.dto.Status = SMARTCARD_STATUSES.Active;
  }
  if (card?.dto.Status === SMARTCARD_STATUSES.Retired || r.dto.RequestType === REQUEST_TYPES.Revoke) {
    for (const c of ctx.st.certs) if (c.card === card?.dto.Uuid) c.retired = true;
  }
  r.dto.Status = REQUEST_STATUSES.Completed;
  r.dto.Completed = netUtc(ctx.now);
}
