/**
 * Response objects of the MIM CM REST API in the server's PascalCase, field order as in the
 * documentation examples (the MIM CM REST API reference pages). GUIDs are lower-case strings;
 * dates are the .NET strings the server sends (.NET DateTime as JSON) and are left unparsed.
 *
 * Every type is derived from its valibot schema in schemas.ts — the one source of both the type
 * and the runtime check — so the two cannot drift apart.
 */
import type * as v from 'valibot';
import type * as S from './schemas';

/** get-profile-templates — one element of the array. */
export type ProfileTemplateLimitedView = v.InferOutput<typeof S.ProfileTemplateLimitedViewSchema>;
/** One `DataCollection` item of a Request. */
export type DataCollectionItem = v.InferOutput<typeof S.DataCollectionItemSchema>;
/** `Microsoft.Clm.Shared.Requests.Request` (get-request). */
export type CmRequest = v.InferOutput<typeof S.RequestSchema>;
/** `Microsoft.Clm.Shared.Smartcards.Smartcard` (get-smartcard-data). */
export type Smartcard = v.InferOutput<typeof S.SmartcardSchema>;
/** `Microsoft.Clm.Shared.Profiles.Profile` (get-profile-data). */
export type Profile = v.InferOutput<typeof S.ProfileSchema>;
/** PinPolicy inside SmartcardConfig. */
export type PinPolicy = v.InferOutput<typeof S.PinPolicySchema>;
/** SmartcardConfig (`…/configuration/smartcards`, get-smartcard-policy). */
export type SmartcardConfig = v.InferOutput<typeof S.SmartcardConfigSchema>;
/** Item the workflow policy asks the client to collect. Shape undocumented; `Name` is the key. */
export type PolicyDataCollectionItem = v.InferOutput<typeof S.PolicyDataCollectionItemSchema>;
/** ProfileTemplatePolicy (get-workflow-policy; no JSON example, types inferred). */
export type WorkflowPolicy = v.InferOutput<typeof S.WorkflowPolicySchema>;
/** get-certificate-request-generation-options — one element per CSR to generate. */
export type CertificateRequestGenerationOptions = v.InferOutput<
  typeof S.CertificateRequestGenerationOptionsSchema
>;
/** get-certificate-responses — note the lower-case `is…` fields, as the server sends them. */
export type CertificateResult = v.InferOutput<typeof S.CertificateResultSchema>;
/** X509ClmCertificate; the last five fields only on `GET /certificates` (get-user-certificates). */
export type X509ClmCertificate = v.InferOutput<typeof S.X509ClmCertificateSchema>;
