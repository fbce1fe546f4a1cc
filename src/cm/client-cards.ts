/**
 * The MIM CM REST operations on the card bound to a request (docs/mim-cm-api.md "Operations"
 * 10–16): assign and look up the card, fetch the admin-key response and the diversified key, the
 * server-proposed PIN, and the card status. Secrets (responses, keys, PINs) are returned to the
 * caller only and never logged or put in error data.
 */
import { bytesToBase64 } from '../common/base64';
import { atrToHex, base64ToBytes, challengeQueryValue, idFromResourceUri, normalizeGuid } from './codec';
import { seg, type CmClientCore } from './client-core';
import { CmRequestClient } from './client-requests';
import type { SmartcardStatusName } from './enums';
import { CmApiError } from './errors';
import { isNoContent, type CmNoContent } from './http';
import { queryString, serverProposedPinPath } from './routes';

export interface CardQuery {
  /** Hardware card id GUID (the `cardid` file), sent without braces in lower case. */
  cardId: string;
  /** ATR bytes or hex; sent as lower-case hex. Optional on the server. */
  atr?: Uint8Array | string;
}

/** Operations 10–16 of the CM REST API: the card of a request and its secrets. */
export class CmCardClient extends CmRequestClient {
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

  protected cardQuery(q: CardQuery): string {
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
