/**
 * What the UI needs before an enrollment (sample-enrollment-walkthrough.md steps 1–3, 6;
 * docs/mim-cm-api.md "Enrollment"): the smart card templates the user may enroll for, and per template the
 * data-collection form, comment prompt, approval need and PIN policy, from the Enroll workflow
 * policy (get-workflow-policy.md) and the smart card configuration (get-smartcard-policy, es).
 */
import type { CmClient, PolicyDataCollectionItem } from '../cm';
import { isNoContent } from '../cm';
import { AppError } from '../errors';
import { pinPolicyFromConfig, type PinPolicy } from './pin-policy';

export interface EnrollTemplate {
  uuid: string;
  name: string;
  description: string;
  /** Requires a TPM virtual smart card (`IsVirtualSmartcardProfileTemplate`). */
  virtual: boolean;
}

/** One field of the data-collection form. The item shape is undocumented (defect 5): `Name` is the key. */
export interface DataField {
  name: string;
  /** From an item's `Required`/`IsRequired` flag when the server sends one; else optional. */
  required: boolean;
}

export interface EnrollPolicy {
  templateUuid: string;
  /** Enroll is enabled and self-service allowed for this template. */
  selfService: boolean;
  fields: DataField[];
  collectComments: boolean;
  /** Approvals the request needs (> 0: expect the `wait-approval` step). */
  approvalsNeeded: number;
  pinPolicy: PinPolicy;
  diversifyAdminKey: boolean;
}

/** (1) `GET /profiletemplates`, smart card templates only (get-profile-templates.md; §6.1 step 2). */
export async function listEnrollTemplates(cm: CmClient, signal?: AbortSignal): Promise<EnrollTemplate[]> {
  const all = await cm.getProfileTemplates({ signal });
  return all
    .filter((t) => t.IsSmartcardProfileTemplate)
    .map((t) => ({
      uuid: t.Uuid,
      name: t.Name,
      description: t.Description,
      virtual: t.IsVirtualSmartcardProfileTemplate,
    }));
}

function field(item: PolicyDataCollectionItem): DataField {
  const flag = item.Required ?? item.IsRequired;
  return { name: item.Name, required: flag === true };
}

/**
 * (2) `…/policies/enroll` and (3) `…/configuration/smartcards` of one template. Throws an
 * {@link AppError} `flow/server-unexpected` (no flow run exists yet) when either answers 204;
 * CM errors (403, 500, …) pass through as `CmApiError`.
 */
export async function getEnrollPolicy(
  cm: CmClient,
  templateUuid: string,
  signal?: AbortSignal,
): Promise<EnrollPolicy> {
  const [wf, cfg] = await Promise.all([
    cm.getWorkflowPolicy(templateUuid, 'Enroll', signal),
    cm.getSmartcardConfig(templateUuid, signal),
  ]);
  if (isNoContent(wf) || isNoContent(cfg)) {
    throw new AppError(
      'flow/server-unexpected',
      'The template has no enroll policy or smart card configuration',
      { templateUuid, nextStep: 'contact-admin' },
    );
  }
  return {
    templateUuid,
    selfService: wf.Enabled && wf.SelfServiceEnabled,
    fields: (wf.PolicyDataCollection ?? []).map(field),
    collectComments: wf.CollectComments,
    approvalsNeeded: wf.ApprovalsNeeded,
    pinPolicy: pinPolicyFromConfig(cfg),
    diversifyAdminKey: cfg.DiversifyAdminKey,
  };
}

/** Names of required fields left empty in `values` (the UI shows them; enroll refuses to start). */
export function missingFields(
  fields: readonly DataField[],
  values: Readonly<Record<string, string>>,
): string[] {
  return fields.filter((f) => f.required && (values[f.name] ?? '').trim() === '').map((f) => f.name);
}
