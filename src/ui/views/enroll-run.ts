import {
  CARD_PIN_REQUIRED,
  enrollCard,
  type EnrollPolicy,
  type FlowDeps,
  type InstalledCertificate,
  type JournalEntry,
} from '../../flows';

/**
 * One enrollment run as the view starts it, and what its end means for the view (the flow's
 * `enrollCard`; MIM CM sample enrollment walkthrough): done, the card's current PIN needed
 * (`flow/confirmation-required` with reason `card-pin-required` — the card keeps its PIN, or a
 * resumed run set it already), or parked because the user declined the server-proposed PIN.
 * Every other error is the run's failure and is thrown.
 */

export interface EnrollInput {
  policy: EnrollPolicy;
  /** The data-collection form's values, by field name. */
  values: Record<string, string>;
  comment: string;
  resume: JournalEntry | undefined;
  /** The PIN the user chose (policy source `user`). */
  userPin?: string | undefined;
  /** The card's current PIN, when the card keeps it or a resumed run set it. */
  cardPin?: string | undefined;
  /** Shows the server-proposed PIN and resolves with the user's yes/no (policy source `server`). */
  confirmProposedPin: (pin: string) => Promise<boolean>;
  /** Whether the user said no to the proposed PIN (read after the run ended). */
  declined: () => boolean;
}

export type EnrollEnd =
  | { kind: 'done'; certificates: InstalledCertificate[]; pinKept: boolean }
  | { kind: 'card-pin' }
  | { kind: 'paused' };

/** Runs `enrollCard` with what the view collected; see the module note for the ends. */
export async function runEnrollment(deps: FlowDeps, input: EnrollInput): Promise<EnrollEnd> {
  const { policy, userPin, cardPin } = input;
  const server = policy.pinPolicy.source === 'server';
  try {
    const r = await enrollCard(deps, {
      profileTemplateUuid: policy.templateUuid,
      policy, // fetched for the form: the flow does not ask for the configuration again
      dataCollection: input.values,
      fields: policy.fields,
      comment: input.comment,
      resume: input.resume,
      ...(server ? { confirmProposedPin: input.confirmProposedPin } : { userPin }),
      ...(cardPin !== undefined && { cardPin }),
    });
    return { kind: 'done', certificates: r.certificates, pinKept: r.pinSource === 'card' };
  } catch (e) {
    // Not a failure: the card's current PIN is needed.
    if ((e as { data?: { reason?: unknown } }).data?.reason === CARD_PIN_REQUIRED)
      return { kind: 'card-pin' };
    // The user said no to the proposed PIN: the run is parked in the journal, not failed.
    if (!input.declined() || (e as { code?: string }).code !== 'flow/confirmation-required') throw e;
    return { kind: 'paused' };
  }
}
