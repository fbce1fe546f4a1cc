/**
 * Flow errors (docs/architecture.md "Error model", family `flow/`). Every failure a flow reports is a
 * {@link FlowError} with a stable `code` and `data.nextStep` — a stable code the UI translates into
 * "what to do now" — plus `data.flow` and `data.step`. Card and CM errors are wrapped (original in
 * `cause`, its code in `data.causeCode`); `AbortedError` passes through untouched.
 * `data` never holds a PIN, key, challenge or response: only ids, statuses and codes.
 */
import { AbortedError, AppError, isAppError, type ErrorCode } from '../errors';
import type { FlowErrorCode } from '../error-codes';
import { CmApiError } from '../cm';
import type { FlowName, FlowStep } from './types';

/** Stable next-step codes (the UI owns the words). */
export type NextStep =
  | 'enroll-card'
  | 'use-other-card'
  | 'insert-original-card'
  | 'reinsert-card-and-resume'
  | 'contact-admin-permission'
  | 'contact-admin-admin-key'
  | 'contact-admin-with-correlation-id'
  | 'contact-admin'
  | 'contact-approver'
  | 'wait-and-resume'
  | 'check-network-and-resume'
  | 'sign-in-and-resume'
  | 'choose-other-pin'
  | 'retry-pin'
  | 'unblock-pin'
  | 'complete-form'
  | 'confirm-action'
  | 'start-again'
  | 'use-supported-card'
  | 'retype-response'
  | 'call-helpdesk-again';

export type { FlowErrorCode } from '../error-codes';

const NEXT: Record<FlowErrorCode, NextStep> = {
  'flow/card-not-registered': 'enroll-card',
  'flow/card-already-registered': 'use-other-card',
  'flow/card-retired': 'enroll-card',
  'flow/wrong-card': 'insert-original-card',
  'flow/card-removed': 'reinsert-card-and-resume',
  'flow/card-error': 'reinsert-card-and-resume',
  'flow/not-supported': 'use-supported-card',
  'flow/admin-auth-failed': 'contact-admin-admin-key',
  'flow/no-permission': 'contact-admin-permission',
  'flow/server-error': 'contact-admin-with-correlation-id',
  'flow/server-unexpected': 'contact-admin',
  'flow/server-unreachable': 'check-network-and-resume',
  'flow/server-unavailable': 'contact-admin',
  'flow/not-signed-in': 'sign-in-and-resume',
  'flow/approval-timeout': 'wait-and-resume',
  'flow/approval-denied': 'contact-approver',
  'flow/request-closed': 'start-again',
  'flow/pin-policy': 'choose-other-pin',
  'flow/pin-wrong': 'retry-pin',
  'flow/pin-blocked': 'unblock-pin',
  'flow/data-missing': 'complete-form',
  'flow/confirmation-required': 'confirm-action',
  'flow/resume-mismatch': 'start-again',
  'flow/server-state-lost': 'start-again',
  'flow/response-format': 'retype-response',
  'flow/response-wrong': 'call-helpdesk-again',
};

export interface FlowErrorData {
  flow: FlowName;
  step: FlowStep;
  nextStep: NextStep;
  [extra: string]: unknown;
}

export class FlowError extends AppError<FlowErrorCode> {
  declare readonly data: Readonly<FlowErrorData>;

  constructor(
    code: FlowErrorCode,
    message: string,
    where: { flow: FlowName; step: FlowStep },
    extra: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, { ...extra, flow: where.flow, step: where.step, nextStep: NEXT[code] }, options);
  }
}

/**
 * A step was asked to run while no card is ready in the reader (pulled between two steps, or the
 * reader went away): `flow/card-removed`, so the user is told to insert the same card again and
 * continue (the journal keeps the steps already done).
 */
export function noCardError(flow: FlowName): FlowError {
  return new FlowError('flow/card-removed', 'No card is ready', { flow, step: 'read-card' });
}

/** Card / CM codes → flow codes. Codes not listed become `flow/card-error` or `flow/server-unexpected`. */
const MAP: Partial<Record<ErrorCode, FlowErrorCode>> = {
  'card/removed': 'flow/card-removed',
  'transport/card-removed': 'flow/card-removed',
  'transport/device-gone': 'flow/card-removed',
  'card/admin-auth-failed': 'flow/admin-auth-failed',
  'card/not-supported': 'flow/not-supported',
  'card/invalid-pin': 'flow/pin-policy',
  // ISO 7816-4 §5.1.3: 63Cx after VERIFY / RESET RETRY COUNTER = wrong PIN or PUK, x tries left;
  // 63C0 or 6983 = blocked (card/exchange.ts). The user must hear exactly that, in every flow.
  'card/pin-wrong': 'flow/pin-wrong',
  'card/pin-blocked': 'flow/pin-blocked',
  'cm/http-403': 'flow/no-permission',
  'cm/http-500': 'flow/server-error',
  'cm/http-401': 'flow/not-signed-in',
  'cm/sign-in-required': 'flow/not-signed-in',
  'cm/http-404': 'flow/server-unavailable',
  'cm/network': 'flow/server-unreachable',
  'cm/cors': 'flow/server-unreachable',
  'cm/timeout': 'flow/server-unreachable',
};

/**
 * Any error thrown inside a step → {@link FlowError} (or `AbortedError` unchanged). CM errors keep
 * `status`, `path` and `correlationId`; card errors keep `sw`, `retries`, `which` (PIN or PUK),
 * `min`, `max`; `context.unblockable` (can this app's unblock flow reset this card's PIN?) is added
 * so the UI can say what to do about a blocked PIN.
 */
export function toFlowError(
  e: unknown,
  where: { flow: FlowName; step: FlowStep },
  context: { unblockable?: boolean } = {},
): Error {
  if (e instanceof FlowError || e instanceof AbortedError) return e;
  if (!isAppError(e)) {
    return new FlowError(
      'flow/card-error',
      `Unexpected failure in ${where.step}`,
      where,
      { causeCode: 'unknown' },
      { cause: e },
    );
  }
  const fam = e.family;
  const code = MAP[e.code] ?? (fam === 'cm' ? 'flow/server-unexpected' : 'flow/card-error');
  const extra: Record<string, unknown> = {
    causeCode: e.code,
    ...(context.unblockable !== undefined && { unblockable: context.unblockable }),
  };
  if (e instanceof CmApiError) {
    extra.status = e.status;
    extra.path = e.data.path;
    if (e.correlationId !== undefined) extra.correlationId = e.correlationId;
  }
  for (const k of ['sw', 'retries', 'which', 'min', 'max', 'reason', 'authScheme'] as const) {
    if (typeof e.data[k] === 'number' || typeof e.data[k] === 'string') extra[k] = e.data[k];
  }
  if (code === 'flow/pin-policy') extra.reason = 'card-rejects';
  return new FlowError(code, `${where.flow}/${where.step}: ${e.message}`, where, extra, { cause: e });
}
