/**
 * Shared shapes of the flows layer (docs/architecture.md "Layers": use cases that combine card + cm,
 * UI-agnostic, report progress, resumable from a journal). No DOM, no UI strings: the UI
 * translates `FlowProgress.step` and `FlowError.code` / `data.nextStep`.
 */
import type { GuidByteOrder, ManagedCard } from '../card';
import type { CmClient } from '../cm';
import type { AppStore, FlowName, JournalEntry } from '../store';

export type { FlowName, JournalEntry };

/** What every flow function needs. One `FlowDeps` = one card session with one CM client. */
export interface FlowDeps {
  card: ManagedCard;
  cm: CmClient;
  store: AppStore;
  /** Cancels the flow between (and, through card/cm, inside) steps; rejects with `AbortedError`. */
  signal?: AbortSignal;
  onProgress?: (p: FlowProgress) => void;
  /** Clock for journal timestamps and the approval deadline (tests pin it). Default `Date.now`. */
  now?: () => number;
  /** Pause between two `GET /requests/{id}` while a request waits for approval. Default 3 000 ms. */
  pollIntervalMs?: number;
  /** Longest wait for approval before `flow/approval-timeout`. Default 120 000 ms. */
  approvalTimeoutMs?: number;
  /** How the 16 `cardid` bytes become the MIM GUID (setting `cardIdByteOrder`; default `'dotnet'`). */
  cardIdByteOrder?: GuidByteOrder;
}

/**
 * One progress event. `step` is a stable id (see each flow's `*_STEPS` list); `index` is its place
 * in that list (0-based) and `total` the list length, so a UI can draw "step 3 of 7".
 * `attempt` counts approval polls on `wait-approval`. Never carries a secret.
 */
export interface FlowProgress {
  flow: FlowName;
  step: FlowStep;
  index: number;
  total: number;
  attempt?: number;
}

export type FlowStep =
  | 'read-card'
  | 'find-card'
  | 'check-card'
  | 'get-policy'
  | 'find-request'
  | 'create-request'
  | 'wait-approval'
  | 'bind-card'
  | 'diversify-key'
  | 'get-pin'
  | 'apply-pin'
  | 'update-card-status'
  | 'complete-request'
  | 'get-cert-options'
  | 'generate-keys'
  | 'request-certificates'
  | 'install-certificates'
  | 'certificates-pending'
  | 'change-pin'
  | 'read-challenge'
  | 'check-response';

/** Optional resumption: a journal entry from {@link resumableFlows} for the same flow and card. */
export interface ResumeOption {
  resume?: JournalEntry;
}

/** What a flow learned about the card it talks to (non-secret). */
export interface CardFacts {
  /** MIM `cardid` GUID (lower case, no braces). */
  cardId: string;
  /** ATR as lower-case hex, exactly as received. */
  atr: string;
}

/** A CM request and smart card pair every sensitive CM route needs. */
export interface Target extends CardFacts {
  requestId: string;
  cmCardUuid: string;
}
