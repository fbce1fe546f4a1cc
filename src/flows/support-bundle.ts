/**
 * What the Diagnostics page shows and what its support bundle carries: reader, ATR and card facts
 * from the card session, and the bundle a user sends to the help desk. Built here, below the UI, from plain inputs, so the view only shows and downloads
 * it. The ATR is the card's answer to reset (ISO/IEC 7816-3 §8); the APDU log is already redacted
 * by transport/apdu-log.ts. Nothing here reads a PIN, key, challenge, response or token.
 */
import type { StoreStatus } from '../store';
import type { ApduLogEntry } from '../transport/apdu-log';
import type { SessionState } from './card-session';

/** Reader, ATR and card lines for the Diagnostics page (and the bundle). */
export interface DiagnosticsFacts {
  reader: string[];
  atr: string[];
  card: string[];
}

/**
 * The facts of the card session as text lines: the provider and reader name, the ATR in hex with
 * its decoded lines (ISO/IEC 7816-3 §8), the card type and MIM `cardid`, or the error code when
 * reading the card failed.
 */
export function diagnosticsFacts(
  state: SessionState | undefined,
  providerKind: string | undefined,
): DiagnosticsFacts {
  const info = state?.kind === 'ready' ? state.info : undefined;
  const readerName = state && 'readerName' in state ? state.readerName : info?.readerName;
  return {
    reader: [providerKind ?? '–', readerName ?? '–'],
    atr: info ? [info.atrHex, ...info.atrLines] : [],
    card: info
      ? [`type: ${info.type}`, `cardid: ${info.cardId ?? '–'}`]
      : state?.kind === 'error'
        ? [`error: ${state.error.code}`]
        : [],
  };
}

/** What the support bundle is assembled from; every field is already free of secrets. */
export interface SupportBundleInput {
  appVersion: string;
  supportContact: string | undefined;
  /** The last error shown: stable codes and ids only, no message text (ui/last-error.ts). */
  lastError: unknown;
  userAgent: string;
  cmBaseUrl: string | undefined;
  configSource: string | undefined;
  storeStatus: StoreStatus | undefined;
  connectivity: string | undefined;
  session: SessionState | undefined;
  providerKind: string | undefined;
  apduLog: readonly ApduLogEntry[] | undefined;
  now?: () => Date;
}

/**
 * The support bundle as one JSON-ready object: app version, time, support contact, the last error
 * (code, correlation and MIM CM request id), browser, CM address and config source, store and
 * connectivity state, reader/ATR/card facts and the redacted APDU log. No secrets.
 */
export function supportBundle(input: SupportBundleInput): Record<string, unknown> {
  return {
    app: 'smartcard-self-service',
    appVersion: input.appVersion,
    createdAt: (input.now ?? (() => new Date()))().toISOString(),
    supportContact: input.supportContact,
    lastError: input.lastError ?? null,
    userAgent: input.userAgent,
    cmBaseUrl: input.cmBaseUrl,
    configSource: input.configSource,
    storeStatus: input.storeStatus,
    connectivity: input.connectivity,
    ...diagnosticsFacts(input.session, input.providerKind),
    apduLog: input.apduLog ?? [],
  };
}
