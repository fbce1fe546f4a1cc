/**
 * What the renew view offers before a run starts: which of the request types Renew and OnlineUpdate
 * CM allows for the card in the reader (`GET /smartcards/{id}/operations` lists `renew` /
 * `onlineupdate`, get-smartcard-operations.md), and per type its workflow policy (data-collection
 * items, comment prompt, approvals needed; `GET …/profiletemplates/{id}/policies/{type}`,
 * get-workflow-policy.md). No card access: the card id comes from the card session.
 */
import {
  REQUEST_TYPES,
  SMARTCARD_STATUSES,
  isNoContent,
  type CmClient,
  type PolicyDataCollectionItem,
} from '../cm';
import type { JournalEntry } from './types';
import type { DataField } from './enroll-policy';

export type RenewType = 'Renew' | 'OnlineUpdate';

/**
 * The request type a journaled renew run created (its `requestType` fact, the CM request-type
 * enumeration of the Request data model); Renew when the entry names none.
 */
export function journaledRenewType(entry: JournalEntry | undefined): RenewType {
  return entry?.facts.requestType === REQUEST_TYPES.OnlineUpdate ? 'OnlineUpdate' : 'Renew';
}

/** One request type CM offers for the card, with what its policy asks for. */
export interface RenewChoice {
  type: RenewType;
  fields: DataField[];
  collectComments: boolean;
  /** > 0: the request waits for an approver (the flow's `wait-approval` step). */
  approvalsNeeded: number;
}

export type RenewOffer =
  | { kind: 'offered'; cmCardUuid: string; choices: RenewChoice[] }
  /** CM knows no in-service card with this id (never enrolled, retired, or only bound). */
  | { kind: 'not-registered' }
  /** The card is in service but CM lists neither renew nor onlineupdate for it. */
  | { kind: 'not-offered' };

/** A policy item as a form field, read as enroll-policy.ts reads it (the item shape is undocumented). */
function fieldOf(item: PolicyDataCollectionItem): DataField {
  return { name: item.Name, required: (item.Required ?? item.IsRequired) === true };
}

/** Operation names as CM lists them (lower case) → request type names (create-request.md). */
const TYPES: ReadonlyArray<[string, RenewType]> = [
  ['renew', 'Renew'],
  ['onlineupdate', 'OnlineUpdate'],
];

/**
 * Reads the offer for `cardId` (MIM `cardid` GUID). A type whose workflow policy answers 204 or is
 * disabled is left out (CM would refuse the request). CM errors (403, 500, network) pass through.
 */
export async function getRenewOffer(cm: CmClient, cardId: string, signal?: AbortSignal): Promise<RenewOffer> {
  const live = (await cm.findSmartcards({ cardId, signal })).find(
    (c) => c.Status !== SMARTCARD_STATUSES.Retired && c.Status !== SMARTCARD_STATUSES.Assigned,
  );
  if (!live) return { kind: 'not-registered' };
  const answer = await cm.getSmartcardOperations(live.Uuid, signal);
  const ops = isNoContent(answer) ? [] : answer.map((o) => o.toLowerCase());
  const listed = TYPES.filter(([op]) => ops.includes(op)).map(([, type]) => type);
  const choices: RenewChoice[] = [];
  for (const type of listed) {
    const wf = await cm.getWorkflowPolicy(live.ProfileTemplateUuid, type, signal);
    if (isNoContent(wf) || !wf.Enabled) continue;
    choices.push({
      type,
      fields: (wf.PolicyDataCollection ?? []).map(fieldOf),
      collectComments: wf.CollectComments,
      approvalsNeeded: wf.ApprovalsNeeded,
    });
  }
  return choices.length ? { kind: 'offered', cmCardUuid: live.Uuid, choices } : { kind: 'not-offered' };
}
