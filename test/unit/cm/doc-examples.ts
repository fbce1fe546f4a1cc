/**
 * The MIM CM REST documentation's example requests and responses (docs/mim-cm-api.md "Documented examples"), verbatim
 * where the docs give them in full. Shared by the client tests (parse each response) and the
 * emulator tests (each request must yield a response of the same shape). Listed in the order the
 * docs' story happens (create → bind → complete → unblock → retire), so a fresh emulator that
 * replays them reproduces the documented ids.
 */

export interface DocExample {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path as printed in the docs (mixed casing kept). */
  path: string;
  body?: unknown;
  status: number;
  /** Documented JSON response; `undefined` where the docs say "body coming soon" or show none. */
  response?: unknown;
}

const Z = '00000000-0000-0000-0000-000000000000';
const USER = '8f1590dc-d932-4b66-8e68-2e91c5880780';
/** Shortened stand-in for the ~600-character SDDL of the examples (ends in NULs like the original). */
export const DOC_SDDL =
  'O:S-1-5-21-3399121958-2431541364-2212521950-14134865D:(D;;LC;;;S-1-5-21-3399121958-2431541364-2212521950-1103)(A;;DCSW;;;S-1-5-21-3399121958-2431541364-2212521950-1103)(A;;RC;;;WD)' +
  '\u0000'.repeat(9);

export const REQUEST_A9B4 = {
  Uuid: 'a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099',
  RequestType: 1,
  Status: 3,
  Flags: 2,
  DataCollection: [],
  DataCollectionFlags: 32,
  OriginatorUserUuid: USER,
  TargetUserUuid: USER,
  Submitted: '2015-07-07T23:36:21.93Z',
  Completed: '0001-01-01T00:00:00',
  NewProfileUuid: Z,
  OldProfileUuid: Z,
  NewSmartcardUuid: Z,
  OldSmartcardUuid: Z,
  Priority: 0,
  Comment: '',
  ProfileTemplateUuid: 'a039b4d0-5ce8-4eff-8651-181c6576fda3',
  SecurityDescriptor: DOC_SDDL,
  IsSmartcard: true,
  IsEnrollmentAgent: false,
  IsDataCollectionComplete: false,
};

const CARD_17CF = {
  Uuid: '17cf063d-e337-4aa9-a822-346554ddd3c9',
  Status: 2,
  Flags: 1,
  ParentSmartcardUuid: Z,
  PrimarySmartcardUuid: Z,
  PermanentSmartcardUuid: Z,
  AssignedUserUuid: USER,
  ProfileTemplateUuid: 'a039b4d0-5ce8-4eff-8651-181c6576fda3',
  ProfileTemplateVersion: 46,
  Comment: '',
  SerialNumber: '{bc88f13f-83ba-4037-8262-46eba1291c6e}',
  Middleware: 'MSBaseCSP',
  Atr: '3b8d0180fba000000397425446590301c8',
};

export const DOC_EXAMPLES: DocExample[] = [
  {
    name: '(1) get profile templates',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/profiletemplates',
    status: 200,
    response: [
      {
        Name: 'FIM CM Sample Profile Template',
        Description: 'Description of the template goes here',
        Uuid: '12bd5120-86a2-4ee1-8d05-131066871578',
        IsSmartcardProfileTemplate: false,
        IsVirtualSmartcardProfileTemplate: false,
      },
      {
        Name: 'FIM CM Sample Smart Card Logon Profile Template',
        Description: 'Description of the template goes here',
        Uuid: '2b7044cf-aa96-4911-b886-177947e9271b',
        IsSmartcardProfileTemplate: true,
        IsVirtualSmartcardProfileTemplate: false,
      },
    ],
  },
  {
    name: '(2) workflow policy enroll',
    method: 'GET',
    path: '/CertificateManagement/api/v1.0/profiletemplates/97CD65FA-AF4B-4587-9309-0DD6BFD8B4E1/policies/enroll',
    status: 200,
  },
  {
    name: '(2) workflow policy renew',
    method: 'GET',
    path: '/CertificateManagement/api/v1.0/profiletemplates/97CD65FA-AF4B-4587-9309-0DD6BFD8B4E1/policies/renew',
    status: 200,
  },
  {
    name: '(3) smart card configuration',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/profiletemplates/a039b4d0-5ce8-4eff-8651-181c6576fda3/configuration/smartcards',
    status: 200,
    response: {
      UserPinOption: 3,
      UserPinPolicy: {
        MinLength: 10,
        MaxLength: 10,
        CharacterSet: 1,
        Rollover: false,
        DefaultValue: '11111111',
      },
      AdminPinPolicy: {
        MinLength: 10,
        MaxLength: 10,
        CharacterSet: 1,
        Rollover: true,
        DefaultValue: '11111111',
      },
      DefaultAdminKeyHex: '',
      ProviderName: 'Contoso Smart Card Base CSP',
      ProviderId: 'ContosoCSP',
      ProviderType: 2,
      DiversifyAdminKey: true,
      CardInitializationType:
        'Microsoft.Clm.Custom.BusinessLayer.HSMCardInitialization,HSMCardInitialization',
      CardInitializationData: '',
      InitializeNewSmartcard: true,
      UseSecureKeyInjection: false,
      DoNotInstallCaCertificates: false,
      CertificateLabel: '{Template!cn}',
      MaxNumberOfCertificates: 0,
      AllowSmartcardReuse: false,
      EraseOnOverflow: false,
      UseVirtualSmartcards: true,
      SmartcardPrintPolicy: { FieldMapping: '', ProjectName: '', CardName: '', Print: false },
    },
  },
  {
    name: '(4) create Enroll request',
    method: 'POST',
    path: '/CertificateManagement/api/v1.0/requests',
    status: 201,
    body: {
      datacollection: '[]',
      type: 'Enroll',
      profiletemplateuuid: 'a039b4d0-5ce8-4eff-8651-181c6576fda3',
      comment: '',
    },
    response: 'api/v1.0/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099',
  },
  {
    name: '(5) get request',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099',
    status: 200,
    response: REQUEST_A9B4,
  },
  {
    name: '(8) certificate request generation options',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099/certificaterequestgenerationoptions',
    status: 200,
    response: [
      {
        Subject: '',
        KeyAlgorithmName: 'RSA',
        KeySize: 2048,
        FriendlyName: '',
        HashAlgorithmName: 'SHA1',
        KeyStorageProviderNames: ['Contoso Smart Card Key Storage Provider'],
        Exportable: 0,
        KeyProtectionLevel: 0,
        KeyUsages: 3,
      },
    ],
  },
  {
    name: '(10) assign smart card',
    method: 'POST',
    path: '/CertificateManagement/api/v1.0/smartcards',
    status: 201,
    body: {
      requestid: 'a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099',
      cardid: 'bc88f13f-83ba-4037-8262-46eba1291c6e',
      atr: '3b8d0180fba000000397425446590301c8',
    },
    response: 'api/v1.0/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9',
  },
  {
    name: '(12) get smart card',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9',
    status: 200,
    response: CARD_17CF,
  },
  {
    name: '(14) diversified key',
    method: 'GET',
    status: 200,
    response: 'mBVA+HopB/gc+6FuKsQqx+OX01hK1WQI',
    path: '/certificatemanagement/api/v1.0/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9/diversifiedkey?cardid=bc88f13f-83ba-4037-8262-46eba1291c6e',
  },
  {
    name: '(13) authentication response',
    method: 'GET',
    status: 200,
    response: 'F0Zudm4wPLY=',
    path: '/certificatemanagement/api/v1.0/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9/authenticationresponse?cardid=bc88f13f-83ba-4037-8262-46eba1291c6e&challenge=1hFD%2Bcz%2F0so%3D&diversified=False',
  },
  {
    name: '(7) complete request',
    method: 'PUT',
    path: '/certificatemanagement/api/v1.0/requests/a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099',
    status: 200,
    body: { status: 'Completed' },
    response: {
      ...REQUEST_A9B4,
      Status: 8,
      Completed: '2015-07-07T23:37:37.767Z',
      NewProfileUuid: 'b99ff38c-6653-471f-ae3c-325bb351a6bc',
      NewSmartcardUuid: '17cf063d-e337-4aa9-a822-346554ddd3c9',
    },
  },
  {
    name: '(4) create Unblock request',
    method: 'POST',
    path: '/CertificateManagement/api/v1.0/requests',
    status: 201,
    body: {
      datacollection: '[]',
      type: 'Unblock',
      smartcard: '17cf063d-e337-4aa9-a822-346554ddd3c9',
      comment: '',
    },
    response: 'api/v1.0/requests/0c96d73f-967b-420e-854a-43ad2a1504bc',
  },
  {
    name: '(5) get Unblock request',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/requests/0c96d73f-967b-420e-854a-43ad2a1504bc',
    status: 200,
    response: {
      ...REQUEST_A9B4,
      Uuid: '0c96d73f-967b-420e-854a-43ad2a1504bc',
      RequestType: 5,
      DataCollection: [{ Name: 'Sample Data Item', Value: null }],
      Submitted: '2015-07-07T23:40:33.133Z',
      NewProfileUuid: 'b99ff38c-6653-471f-ae3c-325bb351a6bc',
      OldProfileUuid: 'b99ff38c-6653-471f-ae3c-325bb351a6bc',
      NewSmartcardUuid: '17cf063d-e337-4aa9-a822-346554ddd3c9',
      OldSmartcardUuid: '17cf063d-e337-4aa9-a822-346554ddd3c9',
      SecurityDescriptor: DOC_SDDL.slice(0, -3),
    },
  },
  {
    name: '(4) create request, example 3 (array datacollection)',
    method: 'POST',
    path: '/CertificateManagement/api/v1.0/requests',
    status: 201,
    body: {
      profiletemplateuuid: '97CD65FA-AF4B-4587-9309-0DD6BFD8B4E1',
      datacollection: [{ name: 'pavle' }, { city: 'seattle' }],
      target: '97CC3493-F556-4C9B-9D8B-982434201527',
      type: 'Enroll',
      comment: 'LALALALA',
      priority: '4',
    },
  },
  {
    name: '(16) update smart card status',
    method: 'PUT',
    path: '/certificatemanagement/api/v1.0/requests/b105403d-d021-41ea-9f11-be3d677d229e/smartcards/17cf063d-e337-4aa9-a822-346554ddd3c9',
    status: 200,
    body: { status: 'Retired' },
    response: { ...CARD_17CF, Status: 6 },
  },
  {
    name: '(11) find smart card by cardid',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/smartcards?cardid=d1ef6869-5517-42a0-8f05-16ca1a0b834d',
    status: 200,
    response: {
      ...CARD_17CF,
      Uuid: '438d1b30-f3b4-4bed-85fa-285e08605ba7',
      Status: 3,
      SerialNumber: '{d1ef6869-5517-42a0-8f05-16ca1a0b834d}',
    },
  },
  {
    name: '(17) smart card operations',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/smartcards/438d1b30-f3b4-4bed-85fa-285e08605ba7/operations',
    status: 200,
    response: ['renew', 'unblock', 'retire'],
  },
  {
    name: '(19) profiles by status',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/profiles?status=Active',
    status: 200,
    response: [
      {
        Uuid: 'c0dd5c7d-ec35-4346-baca-3ad711e9722f',
        Status: 2,
        Flags: 1,
        ParentProfileUuid: '1c9e2606-fea2-4048-a6ac-b014e54c22df',
        PrimaryProfileUuid: Z,
        AssignedUserUuid: '0378a33b-8650-4713-a727-efd233903643',
        ProfileTemplateUuid: '8f31803f-8afc-49bb-911d-402ec264b589',
        ProfileTemplateVersion: 8,
        Comment: '',
        ProfileOperations: ['renew', 'disable', 'recover'],
      },
      {
        Uuid: '5ad77b40-aa42-4533-9396-c9c59fd021a8',
        Status: 2,
        Flags: 1,
        ParentProfileUuid: Z,
        PrimaryProfileUuid: Z,
        AssignedUserUuid: '0378a33b-8650-4713-a727-efd233903643',
        ProfileTemplateUuid: '8f31803f-8afc-49bb-911d-402ec264b589',
        ProfileTemplateVersion: 8,
        Comment: '',
        ProfileOperations: ['renew', 'disable', 'recover'],
      },
      {
        Uuid: 'ff342953-c444-4dc7-b144-f5515d6460c6',
        Status: 2,
        Flags: 1,
        ParentProfileUuid: Z,
        PrimaryProfileUuid: Z,
        AssignedUserUuid: '0378a33b-8650-4713-a727-efd233903643',
        ProfileTemplateUuid: '1e3a31fe-699b-4a6b-945c-18b83c985bc1',
        ProfileTemplateVersion: 9,
        Comment: '',
        ProfileOperations: ['renew', 'disable'],
      },
    ],
  },
  {
    name: '(22) smart card certificates',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/smartcards/5badfea3-de31-4837-99f9-8249515a5473/certificates',
    status: 200,
    response: [
      {
        IsKeyHistory: false,
        ArchivedOnCa: false,
        CertificateType: 1,
        TemplateCommonName: 'ContosoVirtualSmartCardLimitedRelease-KSP',
        SerialNumber: '1B0000B01052AFA01313FB77AC00010000B010',
        Thumbprint: 'C52B0C5FB8AAD31A5B239FF2712ED14122D67D30',
      },
    ],
  },
  {
    name: '(24) user certificates',
    method: 'GET',
    path: '/certificatemanagement/api/v1.0/certificates',
    status: 200,
    response: [
      {
        IsKeyHistory: false,
        ArchivedOnCa: false,
        CertificateType: 1,
        TemplateCommonName: 'KSPusercertificate',
        SerialNumber: '270000013C3A98764EC3233BE400000000013C',
        Thumbprint: '09B41AC106F0C40168940DF4AB74D6DB39DE55EE',
        NotAfter: '2016-07-13T09:10:31',
        NotBefore: '2015-07-14T09:10:31',
        Issuer: 'WIN-TRUR24L4CFS.corp.cmteam.com\\corp-WIN-TRUR24L4CFS-CA',
        RequesterName: 'CORP\\Administrator',
        Status: 0,
      },
    ],
  },
  {
    name: '(9) certificate data',
    method: 'POST',
    path: '/CertificateManagement/api/v1.0/requests/C6BAD97C-F97F-4920-8947-BE980C98C6B5/certificatedata',
    status: 200,
    body: {
      pfxpassword: '6b75162c-b3b4-4fc1-a653-f12dae98f0c3',
      certificaterequests: ['<PKCS#10 base64, generated by the test>'],
    },
    response: [
      {
        TemplateCommonName: 'ContosoVirtualSmartCardLimitedRelease-KSP',
        CertificateId: 0,
        Flags: 65536,
        UseLocalMachineStore: false,
        Error: null,
        Pkcs7: 'MIIUhgYJKoZIhvcNAQcCoIIU\r\nd3d3',
        Pfx: null,
        IsExternal: false,
        isServerGenerated: false,
        isPfx: false,
        isPkcs7: true,
        isKeyHistory: false,
      },
    ],
  },
  {
    name: '(15) server proposed PIN',
    method: 'GET',
    path: '/CertificateManagement/api/v1.0/smartcards/C6BAD97C-F97F-4920-8947-BE980C98C6B5/serverproposedpin',
    status: 200,
  },
];

/** Looks up an example by name (throws in tests when a name is mistyped). */
export function docExample(name: string): DocExample {
  const e = DOC_EXAMPLES.find((x) => x.name === name);
  if (!e) throw new Error(`no doc example ${name}`);
  return e;
}
