/**
 * The JSON objects the emulator sends, typed from the response examples of the MIM CM REST API
 * pages (field order as there) — the emulator's own, not the client's DTOs, so the client's schema
 * is tested against what the documentation shows rather than against itself.
 */

/** get-profile-templates, one element. */
export interface ProfileTemplateLimitedView {
  Name: string;
  Description: string;
  Uuid: string;
  IsSmartcardProfileTemplate: boolean;
  IsVirtualSmartcardProfileTemplate: boolean;
}

/** A Request's `DataCollection` entry (`Value` null in the get-request example). */
export interface DataCollectionItem {
  Name: string;
  Value: string | null;
}

/** get-request (examples a9b4b42c…, 0c96d73f…). */
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

/** get-smartcard-data (examples 438d1b30…, 17cf063d…). */
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
  SerialNumber: string;
  Middleware: string;
  Atr: string;
}

/** get-profile-data (example c0dd5c7d…). */
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

export interface PinPolicy {
  MinLength: number;
  MaxLength: number;
  CharacterSet: number;
  Rollover: boolean;
  DefaultValue: string;
}

/** get-smartcard-policy (`…/configuration/smartcards`). */
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

/** get-workflow-policy (no JSON example on the page; the property list). */
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
  PolicyDataCollection: { Name: string; [extra: string]: unknown }[];
  SelfServiceEnabled: boolean;
  [extra: string]: unknown;
}

/** get-certificate-request-generation-options, one element. */
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

/** get-certificate-responses, one element (lower-case `is…` as the example spells them). */
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

/** get-user-certificates / get-smartcard-certificates; the last five only on `GET /certificates`. */
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
