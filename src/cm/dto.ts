/**
 * Response objects of the MIM CM REST API in the server's PascalCase, field order as in the
 * documentation examples (the MIM CM REST API reference pages). GUIDs are lower-case strings;
 * dates are the .NET strings the server sends (.NET DateTime as JSON) and are left unparsed.
 */

/** get-profile-templates.md — one element of the array. */
export interface ProfileTemplateLimitedView {
  Name: string;
  Description: string;
  Uuid: string;
  IsSmartcardProfileTemplate: boolean;
  IsVirtualSmartcardProfileTemplate: boolean;
}

/** One `DataCollection` item of a Request. */
export interface DataCollectionItem {
  Name: string;
  Value: string | null;
}

/** `Microsoft.Clm.Shared.Requests.Request` (get-request.md). */
export interface CmRequest {
  Uuid: string;
  RequestType: number;
  Status: number;
  Flags: number;
  DataCollection: DataCollectionItem[];
  DataCollectionFlags: number;
  OriginatorUserUuid: string;
  TargetUserUuid: string;
  Submitted: string;
  Completed: string;
  NewProfileUuid: string;
  OldProfileUuid: string;
  NewSmartcardUuid: string;
  OldSmartcardUuid: string;
  Priority: number;
  Comment: string;
  ProfileTemplateUuid: string;
  SecurityDescriptor: string;
  IsSmartcard: boolean;
  IsEnrollmentAgent: boolean;
  IsDataCollectionComplete: boolean;
}

/** `Microsoft.Clm.Shared.Smartcards.Smartcard` (get-smartcard-data.md). */
export interface Smartcard {
  Uuid: string;
  Status: number;
  Flags: number;
  ParentSmartcardUuid: string;
  PrimarySmartcardUuid: string;
  PermanentSmartcardUuid: string;
  AssignedUserUuid: string;
  ProfileTemplateUuid: string;
  ProfileTemplateVersion: number;
  Comment: string;
  /** Hardware card id GUID in braces, e.g. `{bc88f13f-…}`. */
  SerialNumber: string;
  Middleware: string;
  Atr: string;
}

/** `Microsoft.Clm.Shared.Profiles.Profile` (get-profile-data.md). */
export interface Profile {
  Uuid: string;
  Status: number;
  Flags: number;
  ParentProfileUuid: string;
  PrimaryProfileUuid: string;
  AssignedUserUuid: string;
  ProfileTemplateUuid: string;
  ProfileTemplateVersion: number;
  Comment: string;
  ProfileOperations: string[];
}

/** PinPolicy inside SmartcardConfig. */
export interface PinPolicy {
  MinLength: number;
  MaxLength: number;
  CharacterSet: number;
  Rollover: boolean;
  DefaultValue: string;
}

/** SmartcardConfig (`…/configuration/smartcards`; Spanish get-smartcard-policy page, docs/cm-rest-api.md "SmartcardConfig"). */
export interface SmartcardConfig {
  UserPinOption: number;
  UserPinPolicy: PinPolicy;
  AdminPinPolicy: PinPolicy;
  DefaultAdminKeyHex: string;
  ProviderName: string;
  ProviderId: string;
  ProviderType: number;
  DiversifyAdminKey: boolean;
  CardInitializationType: string;
  CardInitializationData: string;
  InitializeNewSmartcard: boolean;
  UseSecureKeyInjection: boolean;
  DoNotInstallCaCertificates: boolean;
  CertificateLabel: string;
  MaxNumberOfCertificates: number;
  AllowSmartcardReuse: boolean;
  EraseOnOverflow: boolean;
  UseVirtualSmartcards?: boolean;
  SmartcardPrintPolicy: { FieldMapping: string; ProjectName: string; CardName: string; Print: boolean };
}

/** Item the workflow policy asks the client to collect. Shape undocumented (defect 5); `Name` is the key. */
export interface PolicyDataCollectionItem {
  Name: string;
  [extra: string]: unknown;
}

/** ProfileTemplatePolicy (get-workflow-policy.md; no JSON example, types inferred — docs/cm-rest-api.md "Contradictions"). */
export interface WorkflowPolicy {
  ApprovalsNeeded: number;
  AuthorizedApprover: unknown;
  AuthorizedEnrollmentAgent: unknown;
  AuthorizedInitiator: unknown;
  CollectComments: boolean;
  CollectRequestPriority: boolean;
  DefaultRequestPriority: number;
  Documents: unknown;
  Enabled: boolean;
  EnrollAgentRequired: boolean;
  OneTimePasswordPolicy: unknown;
  Personalization: unknown;
  PolicyDataCollection: PolicyDataCollectionItem[];
  SelfServiceEnabled: boolean;
  [extra: string]: unknown;
}

/** get-certificate-request-generation-options.md — one element per CSR to generate. */
export interface CertificateRequestGenerationOptions {
  Subject: string;
  KeyAlgorithmName: string;
  KeySize: number;
  FriendlyName: string;
  HashAlgorithmName: string;
  KeyStorageProviderNames: string[];
  Exportable: number;
  KeyProtectionLevel: number;
  KeyUsages: number;
}

/** get-certificate-responses.md — note the lower-case `is…` fields, as the server sends them. */
export interface CertificateResult {
  TemplateCommonName: string;
  CertificateId: number;
  Flags: number;
  UseLocalMachineStore: boolean;
  Error: string | null;
  Pkcs7: string | null;
  Pfx: string | null;
  IsExternal: boolean;
  isServerGenerated: boolean;
  isPfx: boolean;
  isPkcs7: boolean;
  isKeyHistory: boolean;
}

/** X509ClmCertificate; the last five fields only on `GET /certificates` (get-user-certificates.md). */
export interface X509ClmCertificate {
  IsKeyHistory: boolean;
  ArchivedOnCa: boolean;
  CertificateType: number;
  TemplateCommonName: string;
  SerialNumber: string;
  Thumbprint: string;
  NotAfter?: string;
  NotBefore?: string;
  Issuer?: string;
  RequesterName?: string;
  Status?: number;
}
