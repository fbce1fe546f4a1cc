/**
 * The MIM CM REST operations on profile templates and requests (docs/mim-cm-api.md "Operations"
 * 1–9 and the controller-table route r1): what a flow asks before a card is involved. The card and
 * profile operations build on this class (client-cards.ts, client.ts).
 */
import { idFromResourceUri } from './codec';
import { CmClientCore, seg } from './client-core';
import {
  POLICY_TYPES,
  type PolicyTypeName,
  type RequestStatusName,
  type RequestTypeName,
  type RequestUpdateStatus,
} from './enums';
import { CmApiError, CmInputError } from './errors';
import { isNoContent, type CmNoContent } from './http';
import { encodeDataCollection, queryString, workflowPolicyPath } from './routes';

export interface CreateRequestInput {
  type: RequestTypeName;
  /** "Required" per the page, but the Unblock example omits it (defect 13). */
  profileTemplateId?: string;
  /** Undocumented `smartcard` property of the Unblock example: CM Uuid of an existing card. */
  smartcardId?: string;
  /** Target user GUID; default the current user. */
  targetUserId?: string;
  dataCollection?: ReadonlyArray<{ name: string; value: string }>;
  /** "Required" but may be empty. */
  comment?: string;
  /** Sent as a string, as in example 3. */
  priority?: number;
}

/** Operations 1–9 and r1 of the CM REST API (templates, policies, requests, certificate data). */
export class CmRequestClient extends CmClientCore {
  /** (1) GET /profiletemplates[?targetuser=] — get-profile-templates.md. */
  getProfileTemplates(opts: { targetUser?: string; signal?: AbortSignal } = {}) {
    return this.list('ProfileTemplateLimitedView', {
      method: 'GET',
      path: '/profiletemplates',
      query: queryString({ targetuser: opts.targetUser }),
      signal: opts.signal,
    });
  }

  /** (r1) GET /profiletemplates/{id} — controller table only; assumed to be one ProfileTemplateLimitedView. */
  getProfileTemplate(id: string, signal?: AbortSignal) {
    return this.one('ProfileTemplateLimitedView', {
      method: 'GET',
      path: `/profiletemplates/${seg(id, 'profileTemplateId')}`,
      signal,
    });
  }

  /** (2) GET /profiletemplates/{id}/policies/{type} (or policy/workflow/{type}) — get-workflow-policy.md. */
  getWorkflowPolicy(templateId: string, type: PolicyTypeName, signal?: AbortSignal) {
    if (!POLICY_TYPES.some((t) => t.toLowerCase() === type.toLowerCase()))
      throw new CmInputError('policyType', `Unknown policy type ${type}`);
    const id = seg(templateId, 'profileTemplateId');
    const get = (v: typeof this.routes.workflowPolicy) => () =>
      this.one('WorkflowPolicy', { method: 'GET', path: workflowPolicyPath(v, id, type), signal });
    const other = this.routes.workflowPolicy === 'policies' ? 'policy-workflow' : 'policies';
    return this.withFallback(
      get(this.routes.workflowPolicy),
      get(other),
      () => (this.routes.workflowPolicy = other),
    );
  }

  /** (3) GET /profiletemplates/{id}/configuration/smartcards — SmartcardConfig (walkthrough step 12). */
  getSmartcardConfig(templateId: string, signal?: AbortSignal) {
    return this.one('SmartcardConfig', {
      method: 'GET',
      path: `/profiletemplates/${seg(templateId, 'profileTemplateId')}/configuration/smartcards`,
      signal,
    });
  }

  /** (4) POST /requests — create-request.md. Returns the new request id (from the bare URI string). */
  async createRequest(input: CreateRequestInput, signal?: AbortSignal): Promise<string> {
    const body = (enc: typeof this.routes.dataCollection) => ({
      datacollection: encodeDataCollection(input.dataCollection ?? [], enc),
      type: input.type,
      ...(input.profileTemplateId !== undefined && {
        profiletemplateuuid: seg(input.profileTemplateId, 'profileTemplateId'),
      }),
      ...(input.smartcardId !== undefined && { smartcard: seg(input.smartcardId, 'smartcardId') }),
      ...(input.targetUserId !== undefined && { target: seg(input.targetUserId, 'targetUserId') }),
      comment: input.comment ?? '',
      ...(input.priority !== undefined && { priority: String(input.priority) }),
    });
    const post = (enc: typeof this.routes.dataCollection) =>
      this.str({ method: 'POST', path: '/requests', body: body(enc), signal });
    let uri: string | CmNoContent;
    try {
      uri = await post(this.routes.dataCollection);
    } catch (e) {
      // 400 = the server could not bind this datacollection encoding; nothing was created (defect 13).
      if (!(e instanceof CmApiError && e.status === 400)) throw e;
      const other = this.routes.dataCollection === 'string' ? 'array' : 'string';
      uri = await post(other);
      this.routes.dataCollection = other;
    }
    return idFromResourceUri(isNoContent(uri) ? undefined : uri, 'requests');
  }

  /** (5) GET /requests/{id} — get-request.md. */
  getRequest(id: string, signal?: AbortSignal) {
    return this.one('Request', { method: 'GET', path: `/requests/${seg(id, 'requestId')}`, signal });
  }

  /** (6) GET /requests[?targetuser=current&status=] — get-request.md (list shape assumed an array). */
  listRequests(opts: { targetUser?: 'current'; status?: RequestStatusName; signal?: AbortSignal } = {}) {
    return this.list('Request', {
      method: 'GET',
      path: '/requests',
      query: queryString({ targetuser: opts.targetUser, status: opts.status }),
      signal: opts.signal,
    });
  }

  /** (7) PUT /requests/{id} {"status": …} — cancel-abandon-complete-request.md. */
  updateRequestStatus(id: string, status: RequestUpdateStatus, signal?: AbortSignal) {
    return this.one('Request', {
      method: 'PUT',
      path: `/requests/${seg(id, 'requestId')}`,
      body: { status },
      signal,
    });
  }

  /** (8) GET /requests/{id}/certificaterequestgenerationoptions — one element per CSR to build. */
  getCertificateRequestGenerationOptions(requestId: string, signal?: AbortSignal) {
    return this.list('CertificateRequestGenerationOptions', {
      method: 'GET',
      path: `/requests/${seg(requestId, 'requestId')}/certificaterequestgenerationoptions`,
      signal,
    });
  }

  /** (9) POST /requests/{id}/certificatedata — get-certificate-responses.md (more results than CSRs possible). */
  submitCertificateRequests(
    requestId: string,
    input: { certificateRequests: string[]; pfxPassword?: string; comments?: string },
    signal?: AbortSignal,
  ) {
    const body = {
      ...(input.pfxPassword !== undefined && { pfxpassword: input.pfxPassword }),
      certificaterequests: input.certificateRequests,
      ...(input.comments !== undefined && { comments: input.comments }),
    };
    return this.list('CertificateResult', {
      method: 'POST',
      path: `/requests/${seg(requestId, 'requestId')}/certificatedata`,
      body,
      signal,
    });
  }
}
