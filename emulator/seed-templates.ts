/**
 * Seeded profile templates (docs/mim-cm-api.md "Documented examples": get-profile-templates,
 * get-workflow-policy, the smart card configuration of walkthrough step 12, and the certificate
 * request generation options): same ids and values as the pages. Values the docs do not show are
 * marked "invented". Users, cards, profiles and certificates are seed.ts.
 */
import type {
  CertificateRequestGenerationOptions,
  PinPolicy,
  ProfileTemplateLimitedView,
  SmartcardConfig,
  WorkflowPolicy,
} from './wire-types';
import { POLICY_TYPES } from './wire-enums';

/** The TPM virtual smart card's well-known default admin key (tpmvscmgr's documented default). */
const TPM_VSC_DEFAULT_ADMIN_KEY = '010203040506070801020304050607080102030405060708';

export interface TemplateSeed {
  view: ProfileTemplateLimitedView;
  version: number;
  config: SmartcardConfig | null;
  policies: Record<string, WorkflowPolicy>;
  genOptions: CertificateRequestGenerationOptions[];
  certTemplateName: string;
  /** Operations offered on an Active card/profile of this template (lower case, doc order). */
  operations: string[];
}

const pin = (min: number, max: number, set: number, rollover: boolean, def: string): PinPolicy => ({
  MinLength: min,
  MaxLength: max,
  CharacterSet: set,
  Rollover: rollover,
  DefaultValue: def,
});

function config(o: Partial<SmartcardConfig>): SmartcardConfig {
  return {
    UserPinOption: 1,
    UserPinPolicy: pin(8, 8, 1, false, ''),
    AdminPinPolicy: pin(8, 8, 1, true, ''),
    DefaultAdminKeyHex: TPM_VSC_DEFAULT_ADMIN_KEY,
    ProviderName: 'Microsoft Base Smart Card Crypto Provider',
    ProviderId: 'MSBaseCSP',
    ProviderType: 1,
    DiversifyAdminKey: true,
    CardInitializationType: '',
    CardInitializationData: '',
    InitializeNewSmartcard: false,
    UseSecureKeyInjection: false,
    DoNotInstallCaCertificates: false,
    CertificateLabel: '{Template!cn}',
    MaxNumberOfCertificates: 0,
    AllowSmartcardReuse: false,
    EraseOnOverflow: false,
    UseVirtualSmartcards: false,
    SmartcardPrintPolicy: { FieldMapping: '', ProjectName: '', CardName: '', Print: false },
    ...o,
  };
}

/** Workflow policy with the 14 documented keys (types inferred, defect 5); `disabled` types get Enabled=false. */
function policies(
  items: Partial<Record<string, string[]>>,
  disabled: string[] = [],
): Record<string, WorkflowPolicy> {
  const out: Record<string, WorkflowPolicy> = {};
  for (const t of POLICY_TYPES) {
    out[t.toLowerCase()] = {
      ApprovalsNeeded: 0,
      AuthorizedApprover: 'O:BAD:(A;;CR;;;DA)',
      AuthorizedEnrollmentAgent: 'O:BAD:(A;;CR;;;DA)',
      AuthorizedInitiator: 'O:BAD:(A;;CR;;;AU)',
      CollectComments: false,
      CollectRequestPriority: false,
      DefaultRequestPriority: 0,
      Documents: [],
      Enabled: !disabled.includes(t),
      EnrollAgentRequired: false,
      OneTimePasswordPolicy: { DistributionMethods: [] },
      Personalization: {},
      PolicyDataCollection: (items[t] ?? []).map((Name) => ({ Name, Required: false })),
      SelfServiceEnabled: true,
    };
  }
  return out;
}

const gen = (ksp: string): CertificateRequestGenerationOptions[] => [
  {
    Subject: '',
    KeyAlgorithmName: 'RSA',
    KeySize: 2048,
    FriendlyName: '',
    HashAlgorithmName: 'SHA1',
    KeyStorageProviderNames: [ksp],
    Exportable: 0,
    KeyProtectionLevel: 0,
    KeyUsages: 3,
  },
];
const view = (Uuid: string, Name: string, sc: boolean, vsc: boolean): ProfileTemplateLimitedView => ({
  Name,
  Description: 'Description of the template goes here',
  Uuid,
  IsSmartcardProfileTemplate: sc,
  IsVirtualSmartcardProfileTemplate: vsc,
});
const SOFTWARE_ONLY_OFF = ['Unblock', 'OfflineUnblock', 'TemporaryEnroll', 'Duplicate'];

export const TEMPLATES: TemplateSeed[] = [
  {
    view: view('12bd5120-86a2-4ee1-8d05-131066871578', 'FIM CM Sample Profile Template', false, false),
    version: 3,
    config: null,
    policies: policies({}, SOFTWARE_ONLY_OFF),
    genOptions: gen('Microsoft Software Key Storage Provider'),
    certTemplateName: 'User',
    operations: ['renew', 'disable', 'recover'],
  },
  {
    view: view(
      '2b7044cf-aa96-4911-b886-177947e9271b',
      'FIM CM Sample Smart Card Logon Profile Template',
      true,
      false,
    ),
    version: 12,
    // invented: server-generated (Randomized) 8-digit PIN, the demo's "server-proposed PIN" template
    config: config({ UserPinOption: 3, UserPinPolicy: pin(8, 8, 1, false, '') }),
    policies: policies({}),
    genOptions: gen('Microsoft Smart Card Key Storage Provider'),
    certTemplateName: 'SmartcardLogon',
    operations: ['renew', 'onlineupdate', 'unblock', 'retire'], // onlineupdate invented: the demo offers both types
  },
  {
    view: view('a039b4d0-5ce8-4eff-8651-181c6576fda3', 'Contoso Virtual Smart Card', true, true),
    version: 46, // name invented
    config: config({
      // The doc's DefaultAdminKeyHex is "" (= 24 zero bytes): its card was initialized by the HSM
      // initialization provider below, which a browser cannot run. A blank card — the demo's GIDS
      // and PIV cards, any new TPM virtual smart card — carries the factory key 0102…08, so with ""
      // every enrollment failed with 6982 after binding the card. The seed uses the factory key;
      // the doc's own card keeps its zero key through PINNED_INITIAL_ADMIN_KEYS (example 13 holds).
      UserPinOption: 3,
      UserPinPolicy: pin(10, 10, 1, false, '11111111'),
      AdminPinPolicy: pin(10, 10, 1, true, '11111111'),
      DefaultAdminKeyHex: TPM_VSC_DEFAULT_ADMIN_KEY,
      ProviderName: 'Contoso Smart Card Base CSP',
      ProviderId: 'ContosoCSP',
      ProviderType: 2,
      CardInitializationType:
        'Microsoft.Clm.Custom.BusinessLayer.HSMCardInitialization,HSMCardInitialization',
      InitializeNewSmartcard: true,
      UseVirtualSmartcards: true,
    }),
    policies: policies({ Unblock: ['Sample Data Item'] }),
    genOptions: gen('Contoso Smart Card Key Storage Provider'),
    certTemplateName: 'ContosoVirtualSmartCardLimitedRelease-KSP',
    operations: ['renew', 'unblock', 'retire'],
  },
  {
    view: view('97cd65fa-af4b-4587-9309-0dd6bfd8b4e1', 'Virtual Smartcard VPN', true, true),
    version: 5,
    config: config({
      UserPinOption: 1,
      UserPinPolicy: pin(8, 16, 1, false, ''),
      UseVirtualSmartcards: true,
      ProviderName: 'Microsoft Base Smart Card Crypto Provider',
    }),
    policies: policies({ Enroll: ['Request Reason'] }),
    genOptions: gen('Microsoft Smart Card Key Storage Provider'),
    certTemplateName: 'ContosoVirtualSmartCardLimitedRelease-KSP',
    operations: ['renew', 'unblock', 'retire'],
  },
  {
    view: view('8f31803f-8afc-49bb-911d-402ec264b589', 'User Software Certificate', false, false),
    version: 8,
    config: null,
    policies: policies({}, SOFTWARE_ONLY_OFF),
    genOptions: gen('Microsoft Software Key Storage Provider'),
    certTemplateName: 'KSPusercertificate',
    operations: ['renew', 'disable', 'recover'],
  },
  {
    view: view('1e3a31fe-699b-4a6b-945c-18b83c985bc1', 'User Signing Certificate', false, false),
    version: 9,
    config: null,
    policies: policies({}, SOFTWARE_ONLY_OFF),
    genOptions: gen('Microsoft Software Key Storage Provider'),
    certTemplateName: 'CopyofUser',
    operations: ['renew', 'disable'],
  },
];
