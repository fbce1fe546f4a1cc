/**
 * Typed MIM CM REST client: one method per documented operation (docs/mim-cm-api.md "Operations"
 * method+path combinations plus the two controller-table routes r1/r2). Secrets (responses, keys,
 * PINs) are returned to the caller only and never logged or put in error data.
 */
import { bytesToBase64 } from '../common/base64';
import { atrToHex, base64ToBytes, challengeQueryValue, idFromResourceUri, normalizeGuid } from './codec';
import { CmClientCore, seg } from './client-core';
import type { X509ClmCertificate } from './dto';
import {
  POLICY_TYPES,
  type PolicyTypeName,
  type ProfileQueryStatus,
  type RequestStatusName,
  type RequestTypeName,
  type RequestUpdateStatus,
  type SmartcardStatusName,
} from './enums';
import { CmApiError, CmInputError } from './errors';
import { isNoContent, NO_CONTENT, type CmNoContent } from './http';
import { encodeDataCollection, queryString, serverProposedPinPath, workflowPolicyPath } from './routes';

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

export interface CardQuery {
  /** Hardware card id GUID (the `cardid` file), sent without braces in lower case. */
  cardId: string;
  /** ATR bytes or hex; sent as lower-case hex. Optional on the server. */
  atr?: Uint8Array | string;
}

export class CmClient extends CmClientCore {
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

  /** (10) POST /smartcards {requestid, cardid, atr} — assign-smartcard-to-request.md. Returns the card's CM Uuid. */
  async assignSmartcard(input: { requestId: string } & CardQuery, signal?: AbortSignal): Promise<string> {
    const body = {
      requestid: seg(input.requestId, 'requestId'),
      cardid: normalizeGuid(input.cardId, 'cardId'),
      ...(input.atr !== undefined && { atr: atrToHex(input.atr) }),
    };
    const uri = await this.str({ method: 'POST', path: '/smartcards', body, signal });
    return idFromResourceUri(isNoContent(uri) ? undefined : uri, 'smartcards');
  }

  /** (11) GET /smartcards[?cardid=] — get-smartcard-data.md; `cardid` is the hardware id (defect 12). Always a list. */
  findSmartcards(opts: { cardId?: string; signal?: AbortSignal } = {}) {
    const cardid = opts.cardId === undefined ? undefined : normalizeGuid(opts.cardId, 'cardId');
    return this.list('Smartcard', {
      method: 'GET',
      path: '/smartcards',
      query: queryString({ cardid }),
      signal: opts.signal,
    });
  }

  /** (12) GET /smartcards/{id} — get-smartcard-data.md. */
  getSmartcard(id: string, signal?: AbortSignal) {
    return this.one('Smartcard', { method: 'GET', path: `/smartcards/${seg(id, 'smartcardId')}`, signal });
  }

  /**
   * (13) GET …/authenticationresponse — get-smartcard-authentication-response.md. Returns the
   * response bytes (3DES of the challenge under the card's current admin key); zero-fill after use.
   */
  async getAuthenticationResponse(
    requestId: string,
    smartcardId: string,
    q: CardQuery & { challenge: Uint8Array; diversified: boolean },
    signal?: AbortSignal,
  ): Promise<Uint8Array | CmNoContent> {
    const path = `/requests/${seg(requestId, 'requestId')}/smartcards/${seg(smartcardId, 'smartcardId')}/authenticationresponse`;
    // `True`/`False` as get-smartcard-authentication-response.md writes them (.NET Boolean.ToString form).
    const query = `${this.cardQuery(q)}&challenge=${challengeQueryValue(q.challenge)}&diversified=${q.diversified ? 'True' : 'False'}`;
    return this.blob({ method: 'GET', path, query, signal });
  }

  /** (14) GET …/diversifiedkey — get-smartcard-diversified-admin-key.md. The new 24-byte admin key. */
  getDiversifiedKey(
    requestId: string,
    smartcardId: string,
    q: CardQuery,
    signal?: AbortSignal,
  ): Promise<Uint8Array | CmNoContent> {
    const path = `/requests/${seg(requestId, 'requestId')}/smartcards/${seg(smartcardId, 'smartcardId')}/diversifiedkey`;
    return this.blob({ method: 'GET', path, query: this.cardQuery(q), signal });
  }

  /**
   * (15) GET …serverproposedpin — get-smartcard-proposed-pin.md. Route per `routes.serverProposedPin`
   * with fallback on 404 (defect 2). NO_CONTENT when the template does not let the server choose.
   */
  getServerProposedPin(
    requestId: string | undefined,
    smartcardId: string,
    q: Partial<CardQuery> & { challenge?: Uint8Array } = {},
    signal?: AbortSignal,
  ): Promise<string | CmNoContent> {
    const rid = requestId === undefined ? undefined : seg(requestId, 'requestId');
    const sid = seg(smartcardId, 'smartcardId');
    // The page leaves all three parameters' optionality open (defect 3): send what the caller has.
    const query = queryString({
      ...(q.atr !== undefined && { atr: atrToHex(q.atr) }),
      ...(q.cardId !== undefined && { cardid: normalizeGuid(q.cardId, 'cardId') }),
      ...(q.challenge !== undefined && { challenge: bytesToBase64(q.challenge) }),
    });
    const get = (v: typeof this.routes.serverProposedPin) => () =>
      this.str({ method: 'GET', path: serverProposedPinPath(v, rid, sid), query, signal });
    if (rid === undefined) return get('smartcard')();
    const other = this.routes.serverProposedPin === 'request' ? 'smartcard' : 'request';
    return this.withFallback(
      get(this.routes.serverProposedPin),
      get(other),
      () => (this.routes.serverProposedPin = other),
    );
  }

  /** (16) PUT /requests/{rid}/smartcards/{id} {"status": …} — update-smartcard-status.md (PUT, defect 8). */
  updateSmartcardStatus(
    requestId: string,
    smartcardId: string,
    status: SmartcardStatusName,
    signal?: AbortSignal,
  ) {
    return this.one('Smartcard', {
      method: 'PUT',
      path: `/requests/${seg(requestId, 'requestId')}/smartcards/${seg(smartcardId, 'smartcardId')}`,
      body: { status },
      signal,
    });
  }

  /** (17) GET /smartcards/{id}/operations — lower-case operation names. */
  getSmartcardOperations(id: string, signal?: AbortSignal) {
    return this.strings({ method: 'GET', path: `/smartcards/${seg(id, 'smartcardId')}/operations`, signal });
  }

  /** (18) GET /profiles/{id}/operations. */
  getProfileOperations(id: string, signal?: AbortSignal) {
    return this.strings({ method: 'GET', path: `/profiles/${seg(id, 'profileId')}/operations`, signal });
  }

  /** (19) GET /profiles[?status=] — get-profile-data.md. */
  listProfiles(opts: { status?: ProfileQueryStatus; signal?: AbortSignal } = {}) {
    return this.list('Profile', {
      method: 'GET',
      path: '/profiles',
      query: queryString({ status: opts.status }),
      signal: opts.signal,
    });
  }

  /** (20) GET /profiles/{id}; a one-element array is accepted too (the page says "array"). */
  async getProfile(id: string, signal?: AbortSignal) {
    const list = await this.list('Profile', {
      method: 'GET',
      path: `/profiles/${seg(id, 'profileId')}`,
      signal,
    });
    return list[0] ?? NO_CONTENT;
  }

  /** (21) GET /requests/{rid}/profiles. */
  getRequestProfiles(requestId: string, signal?: AbortSignal) {
    return this.list('Profile', {
      method: 'GET',
      path: `/requests/${seg(requestId, 'requestId')}/profiles`,
      signal,
    });
  }

  /** (r2) GET /requests/{rid}/profiles/{id} — original 2016 controller table only. */
  async getRequestProfile(requestId: string, id: string, signal?: AbortSignal) {
    const list = await this.list('Profile', {
      method: 'GET',
      path: `/requests/${seg(requestId, 'requestId')}/profiles/${seg(id, 'profileId')}`,
      signal,
    });
    return list[0] ?? NO_CONTENT;
  }

  /** (22) GET /smartcards/{id}/certificates — get-smartcard-profile-certificates.md. */
  getSmartcardCertificates(id: string, signal?: AbortSignal): Promise<X509ClmCertificate[]> {
    return this.list('X509ClmCertificate', {
      method: 'GET',
      path: `/smartcards/${seg(id, 'smartcardId')}/certificates`,
      signal,
    });
  }

  /** (23) GET /profiles/{id}/certificates. */
  getProfileCertificates(id: string, signal?: AbortSignal): Promise<X509ClmCertificate[]> {
    return this.list('X509ClmCertificate', {
      method: 'GET',
      path: `/profiles/${seg(id, 'profileId')}/certificates`,
      signal,
    });
  }

  /** (24) GET /certificates — the current user's certificates (retired ones filtered by the server). */
  getUserCertificates(signal?: AbortSignal): Promise<X509ClmCertificate[]> {
    return this.list('X509ClmCertificate', { method: 'GET', path: '/certificates', signal });
  }

  private cardQuery(q: CardQuery): string {
    return queryString({
      ...(q.atr !== undefined && { atr: atrToHex(q.atr) }),
      cardid: normalizeGuid(q.cardId, 'cardId'),
    });
  }

  private async blob(call: Parameters<CmClientCore['raw']>[0]): Promise<Uint8Array | CmNoContent> {
    const s = await this.str(call);
    if (isNoContent(s)) return s;
    try {
      return base64ToBytes(s);
    } catch (e) {
      throw new CmApiError(
        'cm/bad-response',
        'CM response is not base64',
        { status: 200, method: call.method, path: call.path },
        { cause: e },
      );
    }
  }
}
