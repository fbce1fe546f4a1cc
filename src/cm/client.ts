/**
 * Typed MIM CM REST client: one method per documented operation (docs/mim-cm-api.md "Operations"
 * method+path combinations plus the two controller-table routes r1/r2). The operations are grouped
 * by what they act on: templates and requests (client-requests.ts), the card of a request
 * (client-cards.ts), and here the operations, profiles and certificates lists (17–24, r2).
 */
import { seg } from './client-core';
import { CmCardClient } from './client-cards';
import type { X509ClmCertificate } from './dto';
import type { ProfileQueryStatus } from './enums';
import { NO_CONTENT } from './http';
import { queryString } from './routes';

export type { CreateRequestInput } from './client-requests';
export type { CardQuery } from './client-cards';

/** The whole CM REST client: every documented operation (1–24, r1, r2). */
export class CmClient extends CmCardClient {
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
}
