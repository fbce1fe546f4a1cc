/**
 * The emulator's in-memory CM database: users, templates, requests, smart cards, profiles and
 * certificates, built from the seed. DTOs are stored in the server's field order so they serialise
 * exactly like the documentation examples.
 */
import { randomUUID } from 'node:crypto';
import { normalizeGuid } from './wire-codec';
import type { CmRequest, Profile, Smartcard, X509ClmCertificate } from './wire-types';
import { PROFILE_STATUSES } from './wire-enums';
import {
  CARDS,
  CERTS,
  CURRENT_USER,
  ID_QUEUES,
  PINNED_ADMIN_KEYS,
  PINNED_INITIAL_ADMIN_KEYS,
  PROFILES,
  SEED_ISSUER,
  USERS,
  ZERO,
  type UserSeed,
} from './seed';
import { TEMPLATES, type TemplateSeed } from './seed-templates';

export interface CertRec {
  info: Required<X509ClmCertificate>;
  owner: string;
  retired: boolean;
  card?: string;
  profile?: string;
  /** Request that issued it (until completion links it to a profile). */
  request?: string;
}
export interface CardRec {
  dto: Smartcard;
  /** Hardware card id (lower case, no braces). */
  cardId: string;
  /** Server-proposed PIN, stable until the request that uses it ends or the card status changes. */
  proposedPin?: string;
  profile: string;
}
export interface RequestRec {
  dto: CmRequest;
  polls: number;
}

export class EmulatorState {
  readonly users = new Map<string, UserSeed>();
  readonly templates = new Map<string, TemplateSeed>();
  readonly requests = new Map<string, RequestRec>();
  readonly cards = new Map<string, CardRec>();
  readonly profiles = new Map<string, Profile>();
  readonly certs: CertRec[] = [];
  readonly pinnedAdminKeys = new Map<string, Buffer>();
  /** Initial admin keys (hex, '' = zero key) pinned per card id; see seed.ts PINNED_INITIAL_ADMIN_KEYS. */
  readonly pinnedInitialAdminKeys = new Map<string, string>(Object.entries(PINNED_INITIAL_ADMIN_KEYS));
  private readonly queues: { requests: string[]; smartcards: string[]; profiles: string[] };

  constructor(queues: Partial<typeof ID_QUEUES> = {}) {
    this.queues = {
      requests: [...(queues.requests ?? ID_QUEUES.requests)],
      smartcards: [...(queues.smartcards ?? ID_QUEUES.smartcards)],
      profiles: [...(queues.profiles ?? ID_QUEUES.profiles)],
    };
    for (const u of USERS) this.users.set(u.uuid, u);
    for (const t of TEMPLATES) this.templates.set(t.view.Uuid, structuredClone(t));
    for (const c of CARDS) {
      const t = this.templates.get(c.template)!;
      this.cards.set(c.uuid, {
        dto: cardDto(c.uuid, c.status, c.user, t, c.cardId, c.atr),
        cardId: c.cardId,
        profile: ZERO,
      });
    }
    for (const p of PROFILES) {
      this.profiles.set(p.uuid, profileDto(p.uuid, p.parent, p.user, p.template, p.version, p.ops));
    }
    for (const c of CERTS) {
      // The documented user-certificate listing (get-user-certificates.md, requester CORP\Administrator)
      // belongs to the caller, so every seeded certificate is the current user's.
      const owner = CURRENT_USER;
      this.certs.push({
        info: {
          IsKeyHistory: false,
          ArchivedOnCa: c.archived,
          CertificateType: 1,
          TemplateCommonName: c.template,
          SerialNumber: c.serial,
          Thumbprint: c.thumb,
          NotAfter: c.notAfter,
          NotBefore: c.notBefore,
          Issuer: SEED_ISSUER,
          RequesterName: this.users.get(owner)!.name,
          Status: 0,
        },
        owner,
        retired: false,
        ...(c.card && { card: c.card }),
        ...(c.profile && { profile: c.profile }),
      });
    }
    for (const [id, b64] of Object.entries(PINNED_ADMIN_KEYS))
      this.pinnedAdminKeys.set(id, Buffer.from(b64, 'base64'));
  }

  /** Next id for a created object: the documentation's ids first, then random v4 GUIDs. */
  nextId(kind: 'requests' | 'smartcards' | 'profiles'): string {
    const q = this.queues[kind];
    while (q.length > 0) {
      const id = normalizeGuid(q.shift()!);
      if (!this.requests.has(id) && !this.cards.has(id) && !this.profiles.has(id)) return id;
    }
    return randomUUID();
  }

  /** The non-retired card (if any) currently holding a hardware card id. */
  cardByHardwareId(cardId: string): CardRec | undefined {
    return [...this.cards.values()].find((c) => c.cardId === cardId && c.dto.Status !== 6);
  }
}

/** Smartcard DTO in the documented field order. */
export function cardDto(
  uuid: string,
  status: number,
  user: string,
  t: TemplateSeed,
  cardId: string,
  atr: string,
): Smartcard {
  return {
    Uuid: uuid,
    Status: status,
    Flags: 1,
    ParentSmartcardUuid: ZERO,
    PrimarySmartcardUuid: ZERO,
    PermanentSmartcardUuid: ZERO,
    AssignedUserUuid: user,
    ProfileTemplateUuid: t.view.Uuid,
    ProfileTemplateVersion: t.version,
    Comment: '',
    SerialNumber: `{${cardId}}`,
    Middleware: 'MSBaseCSP',
    Atr: atr,
  };
}

/** Profile DTO in the documented field order. */
export function profileDto(
  uuid: string,
  parent: string,
  user: string,
  template: string,
  version: number,
  ops: string[],
): Profile {
  return {
    Uuid: uuid,
    Status: PROFILE_STATUSES.Active,
    Flags: 1,
    ParentProfileUuid: parent,
    PrimaryProfileUuid: ZERO,
    AssignedUserUuid: user,
    ProfileTemplateUuid: template,
    ProfileTemplateVersion: version,
    Comment: '',
    ProfileOperations: [...ops],
  };
}

/** SDDL of a new request (shape of the examples: owner SID, deny/allow ACEs, trailing NULs). */
export function requestSddl(sid: string): string {
  return `O:${sid}D:(D;;LC;;;${sid})(A;;DCSW;;;${sid})(A;;CCLCRP;;;BA)(A;;RC;;;WD)${'\u0000'.repeat(9)}`;
}
