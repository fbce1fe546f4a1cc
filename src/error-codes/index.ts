/**
 * Every stable error code of the product, one exported table per family. `AppError` (src/errors.ts)
 * is typed by {@link ErrorCode}, so a code that is in no table does not compile, and
 * test/unit/ui/error-code-texts.test.ts walks {@link ERROR_CODE_TABLES} to find German and English
 * text for each one. Nothing here imports from outside this folder, so every layer may import it.
 */
import { ABORTED_ERROR_CODES, AUTH_ERROR_CODES, CONFIG_ERROR_CODES, CSR_ERROR_CODES } from './app';
import { CARD_ERROR_CODES, CM_ERROR_CODES, FLOW_ERROR_CODES } from './app';
import { PKCS7_ERROR_CODES, SIM_ERROR_CODES, STORE_ERROR_CODES } from './app';
import { BRIDGE_ERROR_CODES, CCID_ERROR_CODES, TRANSPORT_ERROR_CODES } from './reader';
import {
  APDU_ERROR_CODES,
  ATR_ERROR_CODES,
  HEX_ERROR_CODES,
  SW_ERROR_CODES,
  TLV_ERROR_CODES,
} from './iso7816';

export * from './app';
export * from './iso7816';
export * from './reader';

/** The tables by family name. */
export const ERROR_CODE_TABLES = {
  apdu: APDU_ERROR_CODES,
  atr: ATR_ERROR_CODES,
  hex: HEX_ERROR_CODES,
  tlv: TLV_ERROR_CODES,
  sw: SW_ERROR_CODES,
  ccid: CCID_ERROR_CODES,
  transport: TRANSPORT_ERROR_CODES,
  bridge: BRIDGE_ERROR_CODES,
  card: CARD_ERROR_CODES,
  cm: CM_ERROR_CODES,
  flow: FLOW_ERROR_CODES,
  auth: AUTH_ERROR_CODES,
  config: CONFIG_ERROR_CODES,
  store: STORE_ERROR_CODES,
  csr: CSR_ERROR_CODES,
  pkcs7: PKCS7_ERROR_CODES,
  sim: SIM_ERROR_CODES,
  aborted: ABORTED_ERROR_CODES,
} as const;

/** Any stable error code: the union of every table's entries. */
export type ErrorCode = (typeof ERROR_CODE_TABLES)[keyof typeof ERROR_CODE_TABLES][number];
