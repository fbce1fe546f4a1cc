/**
 * The one source of the CM response types and their runtime check: valibot schemas, from which
 * dto.ts derives every TypeScript type (`v.InferOutput`). Field names, order and JSON types follow
 * the examples of the MIM CM REST API reference pages (the docs give no types).
 *
 * Required (a missing, `null` or mistyped value is `cm/bad-response`): what a flow acts on — ids,
 * status and type codes, the PIN policy numbers, the CSR parameters, the certificate blobs' flags.
 * Everything else is a value the docs show but do not promise: `null` or absent reads as the
 * empty value of its type ('' / 0 / false / []), so a server that leaves it out does not stop a
 * flow. Unknown extra fields are allowed and dropped (forward compatibility); WorkflowPolicy and
 * its data-collection items keep theirs (their shape is undocumented).
 */
import * as v from 'valibot';

const int = v.pipe(v.number(), v.integer());
/** A value the docs do not promise: `null` or missing reads as `empty`. */
const opt = <T extends v.GenericSchema>(s: T, empty: v.InferOutput<T>) => v.nullish(s, empty as never);
const str = opt(v.string(), '');
const num = opt(int, 0);
const bool = opt(v.boolean(), false);

/** A field only some endpoints send: `null` reads as absent (a default function, so valibot applies it). */
const later = <T extends v.GenericSchema>(s: T) =>
  v.nullish(s, (): v.InferOutput<T> | undefined => undefined);

/** get-profile-templates — one element of the array. */
export const ProfileTemplateLimitedViewSchema = v.object({
  Name: v.string(),
  Description: str,
  Uuid: v.string(),
  IsSmartcardProfileTemplate: bool,
  IsVirtualSmartcardProfileTemplate: bool,
});

/** One `DataCollection` item of a Request (`Value` is `null` in the get-request example). */
export const DataCollectionItemSchema = v.object({ Name: v.string(), Value: v.nullable(v.string()) });

/** `Microsoft.Clm.Shared.Requests.Request` (get-request). */
export const RequestSchema = v.object({
  Uuid: v.string(),
  RequestType: int,
  Status: int,
  Flags: num,
  DataCollection: opt(v.array(DataCollectionItemSchema), []),
  DataCollectionFlags: num,
  OriginatorUserUuid: str,
  TargetUserUuid: str,
  Submitted: str,
  Completed: str,
  NewProfileUuid: str,
  OldProfileUuid: str,
  NewSmartcardUuid: str,
  OldSmartcardUuid: str,
  Priority: num,
  Comment: str,
  ProfileTemplateUuid: str,
  SecurityDescriptor: str,
  IsSmartcard: bool,
  IsEnrollmentAgent: bool,
  IsDataCollectionComplete: bool,
});

/** `Microsoft.Clm.Shared.Smartcards.Smartcard` (get-smartcard-data); `SerialNumber` is the card id GUID in braces. */
export const SmartcardSchema = v.object({
  Uuid: v.string(),
  Status: int,
  Flags: num,
  ParentSmartcardUuid: str,
  PrimarySmartcardUuid: str,
  PermanentSmartcardUuid: str,
  AssignedUserUuid: str,
  ProfileTemplateUuid: str,
  ProfileTemplateVersion: num,
  Comment: str,
  SerialNumber: v.string(),
  Middleware: str,
  Atr: str,
});

/** `Microsoft.Clm.Shared.Profiles.Profile` (get-profile-data). */
export const ProfileSchema = v.object({
  Uuid: v.string(),
  Status: int,
  Flags: num,
  ParentProfileUuid: str,
  PrimaryProfileUuid: str,
  AssignedUserUuid: str,
  ProfileTemplateUuid: str,
  ProfileTemplateVersion: num,
  Comment: str,
  ProfileOperations: opt(v.array(v.string()), []),
});

/** PinPolicy inside SmartcardConfig. */
export const PinPolicySchema = v.object({
  MinLength: int,
  MaxLength: int,
  CharacterSet: int,
  Rollover: bool,
  DefaultValue: str,
});

/** SmartcardConfig (`…/configuration/smartcards`, the get-smartcard-policy page). */
export const SmartcardConfigSchema = v.object({
  UserPinOption: int,
  UserPinPolicy: PinPolicySchema,
  AdminPinPolicy: PinPolicySchema,
  DefaultAdminKeyHex: str,
  ProviderName: str,
  ProviderId: str,
  ProviderType: num,
  DiversifyAdminKey: v.boolean(),
  CardInitializationType: str,
  CardInitializationData: str,
  InitializeNewSmartcard: bool,
  UseSecureKeyInjection: bool,
  DoNotInstallCaCertificates: bool,
  CertificateLabel: str,
  MaxNumberOfCertificates: num,
  AllowSmartcardReuse: bool,
  EraseOnOverflow: bool,
  UseVirtualSmartcards: later(v.boolean()),
  SmartcardPrintPolicy: opt(v.object({ FieldMapping: str, ProjectName: str, CardName: str, Print: bool }), {
    FieldMapping: '',
    ProjectName: '',
    CardName: '',
    Print: false,
  }),
});

/** Item the workflow policy asks the client to collect; shape undocumented, `Name` is the key. */
export const PolicyDataCollectionItemSchema = v.looseObject({ Name: v.string() });

/** ProfileTemplatePolicy (get-workflow-policy; no JSON example, types inferred). */
export const WorkflowPolicySchema = v.looseObject({
  ApprovalsNeeded: num,
  AuthorizedApprover: v.unknown(),
  AuthorizedEnrollmentAgent: v.unknown(),
  AuthorizedInitiator: v.unknown(),
  CollectComments: bool,
  CollectRequestPriority: bool,
  DefaultRequestPriority: num,
  Documents: v.unknown(),
  Enabled: v.boolean(),
  EnrollAgentRequired: bool,
  OneTimePasswordPolicy: v.unknown(),
  Personalization: v.unknown(),
  PolicyDataCollection: opt(v.array(PolicyDataCollectionItemSchema), []),
  SelfServiceEnabled: v.boolean(),
});

/** get-certificate-request-generation-options — one element per CSR to generate. */
export const CertificateRequestGenerationOptionsSchema = v.object({
  Subject: str,
  KeyAlgorithmName: v.string(),
  KeySize: int,
  FriendlyName: str,
  HashAlgorithmName: str,
  KeyStorageProviderNames: opt(v.array(v.string()), []),
  Exportable: num,
  KeyProtectionLevel: num,
  KeyUsages: int,
});

/** get-certificate-responses — note the lower-case `is…` fields, as the server sends them. */
export const CertificateResultSchema = v.object({
  TemplateCommonName: str,
  CertificateId: num,
  Flags: num,
  UseLocalMachineStore: bool,
  Error: v.nullish(v.string(), null),
  Pkcs7: v.nullish(v.string(), null),
  Pfx: v.nullish(v.string(), null),
  IsExternal: bool,
  isServerGenerated: bool,
  isPfx: v.boolean(),
  isPkcs7: v.boolean(),
  isKeyHistory: bool,
});

/** X509ClmCertificate; the last five fields only on `GET /certificates` (get-user-certificates). */
export const X509ClmCertificateSchema = v.object({
  IsKeyHistory: bool,
  ArchivedOnCa: bool,
  CertificateType: num,
  TemplateCommonName: str,
  SerialNumber: v.string(),
  Thumbprint: str,
  NotAfter: later(v.string()),
  NotBefore: later(v.string()),
  Issuer: later(v.string()),
  RequesterName: later(v.string()),
  Status: later(int),
});

/** Every response schema the client checks, by name. */
export const SCHEMAS = {
  ProfileTemplateLimitedView: ProfileTemplateLimitedViewSchema,
  Request: RequestSchema,
  Smartcard: SmartcardSchema,
  Profile: ProfileSchema,
  SmartcardConfig: SmartcardConfigSchema,
  PinPolicy: PinPolicySchema,
  WorkflowPolicy: WorkflowPolicySchema,
  CertificateRequestGenerationOptions: CertificateRequestGenerationOptionsSchema,
  CertificateResult: CertificateResultSchema,
  X509ClmCertificate: X509ClmCertificateSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;
export type SchemaOutput<N extends SchemaName> = v.InferOutput<(typeof SCHEMAS)[N]>;

/** Names of the fields a schema requires (not null, not missing); the rest read as empty. */
export function requiredFields(name: SchemaName): string[] {
  const entries = SCHEMAS[name].entries as Record<string, v.GenericSchema>;
  return Object.keys(entries).filter((k) => !['nullish', 'optional', 'unknown'].includes(entries[k]!.type));
}
