/**
 * Error codes of the card layer (`card/…`, src/card/errors.ts), the MIM CM client (`cm/…`,
 * src/cm/errors.ts), the flows (`flow/…`, src/flows/errors.ts) and the remaining families:
 * cancellation (`aborted`, every layer), sign-in (`auth/`), configuration (`config/`), the local
 * store (`store/`), CSR and PKCS#7 handling (`csr/`, `pkcs7/`) and the simulator (`sim/`).
 * Stable: a code never changes once released; the UI localises by code (src/ui/i18n/error-text*.ts).
 */
/** `card/…`. */
export const CARD_ERROR_CODES = [
  'card/admin-auth-failed',
  'card/bad-data',
  'card/invalid-certificate',
  'card/invalid-digest',
  'card/invalid-file-name',
  'card/invalid-key',
  'card/invalid-pin',
  'card/invalid-response',
  'card/invalid-slot',
  'card/no-card-id',
  'card/no-space',
  'card/not-supported',
  'card/pin-blocked',
  'card/pin-wrong',
  'card/removed',
  'card/security-status',
  'card/unexpected',
] as const;
export type CardErrorCode = (typeof CARD_ERROR_CODES)[number];

/** `cm/…`. */
export const CM_ERROR_CODES = [
  'cm/bad-input',
  'cm/bad-response',
  'cm/cors',
  'cm/http-401',
  'cm/http-403',
  'cm/http-404',
  'cm/http-500',
  'cm/http-error',
  'cm/network',
  'cm/sign-in-required',
  'cm/timeout',
] as const;
export type CmErrorCode = (typeof CM_ERROR_CODES)[number];

/** `flow/…`. */
export const FLOW_ERROR_CODES = [
  'flow/admin-auth-failed',
  'flow/approval-denied',
  'flow/approval-timeout',
  'flow/card-already-registered',
  'flow/card-error',
  'flow/card-not-registered',
  'flow/card-removed',
  'flow/card-retired',
  'flow/confirmation-required',
  'flow/data-missing',
  'flow/no-permission',
  'flow/not-signed-in',
  'flow/not-supported',
  'flow/pin-blocked',
  'flow/pin-policy',
  'flow/pin-wrong',
  'flow/request-closed',
  'flow/response-format',
  'flow/response-wrong',
  'flow/resume-mismatch',
  'flow/server-error',
  'flow/server-state-lost',
  'flow/server-unavailable',
  'flow/server-unexpected',
  'flow/server-unreachable',
  'flow/wrong-card',
] as const;
export type FlowErrorCode = (typeof FLOW_ERROR_CODES)[number];

/** `aborted`: an AbortSignal fired (src/errors.ts AbortedError). */
export const ABORTED_ERROR_CODES = ['aborted'] as const;

/** `auth/…`: OIDC sign-in (src/auth/). */
export const AUTH_ERROR_CODES = [
  'auth/sign-in-required',
  /** The IWA's loopback receiver cannot run (no Direct Sockets, or the permission policy lacks it). */
  'auth/loopback-unavailable',
  /** No redirect reached the IWA's loopback receiver in time. */
  'auth/sign-in-timeout',
] as const;

/** `config/…`: managed or file configuration refused (src/ui/config/, src/auth/config.ts). */
export const CONFIG_ERROR_CODES = [
  'config/auth-invalid',
  'config/credentials-in-url',
  'config/empty-url',
  'config/insecure-url',
  'config/invalid-url',
  'config/not-absolute',
] as const;
export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

/** `store/…`: IndexedDB store (src/store/). */
export const STORE_ERROR_CODES = [
  'store/blocked',
  'store/corrupt-records',
  'store/newer-version',
  'store/quota',
  'store/secret-refused',
  'store/unavailable',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** `csr/…`: PKCS#10 request building (src/flows/csr.ts). */
export const CSR_ERROR_CODES = ['csr/unsupported-option'] as const;
export type CsrErrorCode = (typeof CSR_ERROR_CODES)[number];

/** `pkcs7/…`: the certificate response CM returns (src/flows/pkcs7.ts). */
export const PKCS7_ERROR_CODES = [
  'pkcs7/bad-data',
  'pkcs7/bad-signature',
  'pkcs7/readback-mismatch',
] as const;
export type Pkcs7ErrorCode = (typeof PKCS7_ERROR_CODES)[number];

/** `sim/…`: the card simulator (src/sim/, demo and test builds only). */
export const SIM_ERROR_CODES = [
  'sim/crypto-block-length',
  'sim/crypto-key-length',
  'sim/crypto-unavailable',
  'sim/sw',
] as const;
export type SimErrorCode = (typeof SIM_ERROR_CODES)[number];
