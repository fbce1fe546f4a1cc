/**
 * Runtime checks that a response has the documented JSON types (docs/cm-rest-api.md "Data models"; the docs give
 * no types, so these come from the examples). Extra fields are allowed (forward compatibility);
 * missing or mistyped documented fields raise `cm/bad-response`.
 */
import type {
  CertificateRequestGenerationOptions,
  CertificateResult,
  CmRequest,
  Profile,
  ProfileTemplateLimitedView,
  Smartcard,
  SmartcardConfig,
  WorkflowPolicy,
  X509ClmCertificate,
} from './dto';
import { CmApiError } from './errors';

type Kind = 'string' | 'int' | 'bool' | 'string?' | 'array' | 'string[]' | 'object' | 'any' | 'opt-string' | 'opt-int';
type Schema = Readonly<Record<string, Kind>>;

const S = 'string',
  I = 'int',
  B = 'bool';

export const SCHEMAS = {
  ProfileTemplateLimitedView: { Name: S, Description: S, Uuid: S, IsSmartcardProfileTemplate: B, IsVirtualSmartcardProfileTemplate: B },
  Request: {
    Uuid: S, RequestType: I, Status: I, Flags: I, DataCollection: 'array', DataCollectionFlags: I, OriginatorUserUuid: S,
    TargetUserUuid: S, Submitted: S, Completed: S, NewProfileUuid: S, OldProfileUuid: S, NewSmartcardUuid: S,
    OldSmartcardUuid: S, Priority: I, Comment: S, ProfileTemplateUuid: S, SecurityDescriptor: S, IsSmartcard: B,
    IsEnrollmentAgent: B, IsDataCollectionComplete: B,
  },
  Smartcard: {
    Uuid: S, Status: I, Flags: I, ParentSmartcardUuid: S, PrimarySmartcardUuid: S, PermanentSmartcardUuid: S,
    AssignedUserUuid: S, ProfileTemplateUuid: S, ProfileTemplateVersion: I, Comment: S, SerialNumber: S, Middleware: S, Atr: S,
  },
  Profile: {
    Uuid: S, Status: I, Flags: I, ParentProfileUuid: S, PrimaryProfileUuid: S, AssignedUserUuid: S, ProfileTemplateUuid: S,
    ProfileTemplateVersion: I, Comment: S, ProfileOperations: 'string[]',
  },
  SmartcardConfig: {
    UserPinOption: I, UserPinPolicy: 'object', AdminPinPolicy: 'object', DefaultAdminKeyHex: S, ProviderName: S, ProviderId: S,
    ProviderType: I, DiversifyAdminKey: B, CardInitializationType: S, CardInitializationData: S, InitializeNewSmartcard: B,
    UseSecureKeyInjection: B, DoNotInstallCaCertificates: B, CertificateLabel: S, MaxNumberOfCertificates: I,
    AllowSmartcardReuse: B, EraseOnOverflow: B, SmartcardPrintPolicy: 'object',
  },
  PinPolicy: { MinLength: I, MaxLength: I, CharacterSet: I, Rollover: B, DefaultValue: S },
  WorkflowPolicy: {
    ApprovalsNeeded: I, AuthorizedApprover: 'any', AuthorizedEnrollmentAgent: 'any', AuthorizedInitiator: 'any',
    CollectComments: B, CollectRequestPriority: B, DefaultRequestPriority: I, Documents: 'any', Enabled: B,
    EnrollAgentRequired: B, OneTimePasswordPolicy: 'any', Personalization: 'any', PolicyDataCollection: 'array',
    SelfServiceEnabled: B,
  },
  CertificateRequestGenerationOptions: {
    Subject: S, KeyAlgorithmName: S, KeySize: I, FriendlyName: S, HashAlgorithmName: S, KeyStorageProviderNames: 'string[]',
    Exportable: I, KeyProtectionLevel: I, KeyUsages: I,
  },
  CertificateResult: {
    TemplateCommonName: S, CertificateId: I, Flags: I, UseLocalMachineStore: B, Error: 'string?', Pkcs7: 'string?',
    Pfx: 'string?', IsExternal: B, isServerGenerated: B, isPfx: B, isPkcs7: B, isKeyHistory: B,
  },
  X509ClmCertificate: {
    IsKeyHistory: B, ArchivedOnCa: B, CertificateType: I, TemplateCommonName: S, SerialNumber: S, Thumbprint: S,
    NotAfter: 'opt-string', NotBefore: 'opt-string', Issuer: 'opt-string', RequesterName: 'opt-string', Status: 'opt-int',
  },
} as const satisfies Record<string, Schema>;

export type SchemaName = keyof typeof SCHEMAS;

interface ShapeMap {
  ProfileTemplateLimitedView: ProfileTemplateLimitedView;
  Request: CmRequest;
  Smartcard: Smartcard;
  Profile: Profile;
  SmartcardConfig: SmartcardConfig;
  PinPolicy: SmartcardConfig['UserPinPolicy'];
  WorkflowPolicy: WorkflowPolicy;
  CertificateRequestGenerationOptions: CertificateRequestGenerationOptions;
  CertificateResult: CertificateResult;
  X509ClmCertificate: X509ClmCertificate;
}

function kindOk(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'string?':
      return v === null || typeof v === 'string';
    case 'array':
      return Array.isArray(v);
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'opt-string':
      return v === undefined || typeof v === 'string';
    case 'opt-int':
      return v === undefined || (typeof v === 'number' && Number.isInteger(v));
    case 'any':
      return v !== undefined;
  }
}

/** First mismatch as `field: expected kind`, or `null` when `value` fits the schema. */
export function shapeMismatch(name: SchemaName, value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `(root): expected ${name} object`;
  const o = value as Record<string, unknown>;
  for (const [field, kind] of Object.entries(SCHEMAS[name]) as [string, Kind][]) {
    if (!kindOk(kind, o[field])) return `${field}: expected ${kind}`;
  }
  if (name === 'SmartcardConfig') {
    return shapeMismatch('PinPolicy', o.UserPinPolicy) ?? shapeMismatch('PinPolicy', o.AdminPinPolicy);
  }
  return null;
}

/** Returns `value` typed as the named DTO, or throws `cm/bad-response` naming the first bad field. */
export function expectShape<N extends SchemaName>(name: N, value: unknown, where: { method: string; path: string }): ShapeMap[N] {
  const bad = shapeMismatch(name, value);
  if (bad !== null) {
    throw new CmApiError('cm/bad-response', `CM response is not a ${name}: ${bad}`, { status: 200, ...where, field: bad });
  }
  return value as ShapeMap[N];
}

/** Array version of {@link expectShape}; a single object is accepted as a one-element list (defect 12). */
export function expectShapeList<N extends SchemaName>(name: N, value: unknown, where: { method: string; path: string }): ShapeMap[N][] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => expectShape(name, v, where));
}
