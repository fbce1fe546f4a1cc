/**
 * Seed data = the documentation's examples (docs/mim-cm-api.md "Documented examples"): same ids, same values.
 * Objects the docs only create on the way (requests a9b4b42c/0c96d73f, card 17cf063d, profile
 * b99ff38c) are not pre-seeded; their ids head the id queues, so replaying the examples in order on
 * a fresh emulator reproduces them. Values the docs do not show are marked "invented".
 * The profile templates, with their policies and smart card configuration, are seed-templates.ts.
 */

export const ZERO = '00000000-0000-0000-0000-000000000000';
export const CURRENT_USER = '8f1590dc-d932-4b66-8e68-2e91c5880780';
const VSC_ATR = '3b8d0180fba000000397425446590301c8';

export interface UserSeed {
  uuid: string;
  name: string;
  sid: string;
}
export const USERS: UserSeed[] = [
  { uuid: CURRENT_USER, name: 'CORP\\Administrator', sid: 'S-1-5-21-3399121958-2431541364-2212521950-500' },
  {
    uuid: '0378a33b-8650-4713-a727-efd233903643',
    name: 'CORP\\jdoe',
    sid: 'S-1-5-21-3399121958-2431541364-2212521950-1103',
  }, // invented name
  {
    uuid: '97cc3493-f556-4c9b-9d8b-982434201527',
    name: 'CORP\\pavle',
    sid: 'S-1-5-21-3399121958-2431541364-2212521950-1104',
  }, // invented name
];

interface CardSeed {
  uuid: string;
  cardId: string;
  status: number;
  template: string;
  atr: string;
  user: string;
}
export const CARDS: CardSeed[] = [
  {
    uuid: '438d1b30-f3b4-4bed-85fa-285e08605ba7',
    cardId: 'd1ef6869-5517-42a0-8f05-16ca1a0b834d',
    status: 3,
    template: 'a039b4d0-5ce8-4eff-8651-181c6576fda3',
    atr: VSC_ATR,
    user: CURRENT_USER,
  },
  {
    uuid: '5badfea3-de31-4837-99f9-8249515a5473',
    cardId: '6e0c4b1a-77d2-4f0e-9a41-2c5d8e3b9f10',
    status: 3,
    template: '97cd65fa-af4b-4587-9309-0dd6bfd8b4e1',
    atr: VSC_ATR,
    user: CURRENT_USER,
  }, // cardId invented
];

interface ProfileSeed {
  uuid: string;
  parent: string;
  user: string;
  template: string;
  version: number;
  ops: string[];
}
const JDOE = '0378a33b-8650-4713-a727-efd233903643';
export const PROFILES: ProfileSeed[] = [
  {
    uuid: 'c0dd5c7d-ec35-4346-baca-3ad711e9722f',
    parent: '1c9e2606-fea2-4048-a6ac-b014e54c22df',
    user: JDOE,
    template: '8f31803f-8afc-49bb-911d-402ec264b589',
    version: 8,
    ops: ['renew', 'disable', 'recover'],
  },
  {
    uuid: '5ad77b40-aa42-4533-9396-c9c59fd021a8',
    parent: ZERO,
    user: JDOE,
    template: '8f31803f-8afc-49bb-911d-402ec264b589',
    version: 8,
    ops: ['renew', 'disable', 'recover'],
  },
  {
    uuid: 'ff342953-c444-4dc7-b144-f5515d6460c6',
    parent: ZERO,
    user: JDOE,
    template: '1e3a31fe-699b-4a6b-945c-18b83c985bc1',
    version: 9,
    ops: ['renew', 'disable'],
  },
];

interface CertSeed {
  template: string;
  serial: string;
  thumb: string;
  archived: boolean;
  notBefore: string;
  notAfter: string;
  card?: string;
  profile?: string;
}
const DOC_ISSUER = 'WIN-TRUR24L4CFS.corp.cmteam.com\\corp-WIN-TRUR24L4CFS-CA';
export const SEED_ISSUER = DOC_ISSUER;
export const CERTS: CertSeed[] = [
  {
    template: 'KSPusercertificate',
    serial: '270000013C3A98764EC3233BE400000000013C',
    thumb: '09B41AC106F0C40168940DF4AB74D6DB39DE55EE',
    archived: false,
    notBefore: '2015-07-14T09:10:31',
    notAfter: '2016-07-13T09:10:31',
    profile: 'c0dd5c7d-ec35-4346-baca-3ad711e9722f',
  },
  // invented, modelled on the elements the doc mentions (ArchivedCertificateTemplate, CopyofUser)
  {
    template: 'ArchivedCertificateTemplate',
    serial: '270000013D1F0C2B9A6E44D1C300000000013D',
    thumb: '5F1E0A77C2D94B1B8E3A40C6F2D3E9A1B7C8D0E2',
    archived: true,
    notBefore: '2015-07-14T09:12:02',
    notAfter: '2016-07-13T09:12:02',
    profile: '5ad77b40-aa42-4533-9396-c9c59fd021a8',
  },
  {
    template: 'CopyofUser',
    serial: '270000013E77A1C03D5B21E9F000000000013E',
    thumb: 'A3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6',
    archived: false,
    notBefore: '2015-07-14T09:14:45',
    notAfter: '2016-07-13T09:14:45',
    profile: 'ff342953-c444-4dc7-b144-f5515d6460c6',
  },
  {
    template: 'ContosoVirtualSmartCardLimitedRelease-KSP',
    serial: '1B0000B01052AFA01313FB77AC00010000B010',
    thumb: 'C52B0C5FB8AAD31A5B239FF2712ED14122D67D30',
    archived: false,
    notBefore: '2015-07-20T17:02:11',
    notAfter: '2016-07-19T17:02:11',
    card: '5badfea3-de31-4837-99f9-8249515a5473',
  },
  {
    template: 'ContosoVirtualSmartCardLimitedRelease-KSP',
    serial: '1B0000B0116E2F0B7D9C4A12F500010000B011',
    thumb: '0D6A1F3E9B8C7D2E4F5A6B7C8D9E0F1A2B3C4D5E',
    archived: false,
    notBefore: '2015-07-20T17:02:40',
    notAfter: '2016-07-19T17:02:40',
    card: '5badfea3-de31-4837-99f9-8249515a5473',
  },
  {
    template: 'ContosoVPN-KSP',
    serial: '1B0000B012A4C3E2F1D0B9A87600010000B012',
    thumb: '7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F',
    archived: false,
    notBefore: '2015-07-20T17:03:05',
    notAfter: '2016-07-19T17:03:05',
    card: '5badfea3-de31-4837-99f9-8249515a5473',
  },
  {
    template: 'ContosoVPN-KSP',
    serial: '1B0000B013B5D4F3E2C1A0B98700010000B013',
    thumb: '1F2E3D4C5B6A79880716253443526170F8E9DACB',
    archived: true,
    notBefore: '2015-07-20T17:03:31',
    notAfter: '2016-07-19T17:03:31',
    card: '5badfea3-de31-4837-99f9-8249515a5473',
  },
];

/** Keys the docs pin for a card id (get-smartcard-diversified-admin-key.md); other cards use the derivation. */
export const PINNED_ADMIN_KEYS: Record<string, string> = {
  'bc88f13f-83ba-4037-8262-46eba1291c6e': 'mBVA+HopB/gc+6FuKsQqx+OX01hK1WQI',
};

/**
 * Initial (pre-diversification) admin keys the docs pin for a card id, hex ('' = 24 zero bytes):
 * get-smartcard-authentication-response.md answers `diversified=False` for card bc88f13f with the
 * all-zero key (`1hFD+cz/0so=` → `F0Zudm4wPLY=`). Other cards use their template's DefaultAdminKeyHex.
 */
export const PINNED_INITIAL_ADMIN_KEYS: Record<string, string> = {
  'bc88f13f-83ba-4037-8262-46eba1291c6e': '',
};

/** Ids the docs show for objects created on the way, in the order the docs' story creates them. */
export const ID_QUEUES = {
  requests: [
    'a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099',
    '0c96d73f-967b-420e-854a-43ad2a1504bc',
    'c6bad97c-f97f-4920-8947-be980c98c6b5',
    'b105403d-d021-41ea-9f11-be3d677d229e',
  ],
  smartcards: ['17cf063d-e337-4aa9-a822-346554ddd3c9', 'd700d97c-f91f-4930-8947-be980c98a644'],
  profiles: ['b99ff38c-6653-471f-ae3c-325bb351a6bc'],
};
