/** Public surface of the CM layer (docs/architecture.md "Layers": `cm/` imports nothing of card, flows, ui or store). */
export { CmClient, type CardQuery, type CreateRequestInput } from './client';
export type { CmClientOptions } from './client-core';
export * from './codec';
export type * from './dto';
export * from './enums';
export {
  CmApiError,
  CmInputError,
  CM_NEXT_STEPS,
  codeForStatus,
  parseErrorBody,
  type CmErrorCode,
  type CmErrorData,
} from './errors';
export {
  challengeKind,
  IDEMPOTENT_METHODS,
  parseWwwAuthenticate,
  type AuthChallenge,
  type CmAuth,
  type UnauthorizedInfo,
} from './auth';
export { NO_CONTENT, isNoContent, type CmNoContent } from './http';
export {
  DEFAULT_ROUTES,
  type RouteSettings,
  type ServerProposedPinRoute,
  type WorkflowPolicyRoute,
  type DataCollectionEncoding,
} from './routes';
export { shapeMismatch, SCHEMAS, requiredFields, type SchemaName } from './shapes';
