/**
 * What the home view shows for the card in the reader, in as few round trips as the CM API allows
 * (docs/flow-timing.md "Home status"): the calls that need no card id — template names
 * (`GET /profiletemplates`, cached, sync-cards.ts) and the user's certificates
 * (`GET /certificates`) — start when the card is inserted, while it is being read; then one
 * `GET /smartcards?cardid=` (get-smartcard-data.md), and with its answer, side by side, one
 * `GET /smartcards/{id}/operations` (get-smartcard-operations.md, shared by the card actions and
 * the everyday actions) and `GET /smartcards/{id}/certificates`. The card lookup is handed to the
 * flow started next (recent-lookup.ts). Public data only.
 */
import type { CardCapabilities } from '../card';
import type { CmClient } from '../cm';
import type { AppStore } from '../store';
import { operationsOf, verdictsFrom, type ActionVerdict } from './card-actions';
import type { CardInfo } from './card-session';
import { everydayFrom, type EverydayVerdict } from './everyday-actions';
import { rememberLookup } from './recent-lookup';
import { certificateDetails, recordLookup, templateNameMap } from './sync-cards';

export interface CardOverview {
  /** CM status name; `null` when CM does not know the card; `undefined` when it could not be told. */
  status: string | null | undefined;
  /** Undefined when the operations could not be read (the caller keeps the card-type verdicts). */
  verdicts: ActionVerdict[] | undefined;
  everyday: EverydayVerdict[] | undefined;
}

type Prefetched = { names: Promise<Map<string, string>>; details: ReturnType<typeof certificateDetails> };

/** One per view: `prefetch()` at insertion, `lookup()` once the card is identified. */
export class CardLookup {
  private early: Prefetched | undefined;

  constructor(
    private readonly cm: CmClient,
    private readonly store: AppStore,
  ) {}

  /** Starts the calls that need no card id (card inserted, being read). Errors wait for `lookup`. */
  prefetch(): void {
    const names = templateNameMap(this.cm);
    const details = certificateDetails(this.cm);
    names.catch(() => undefined); // held for lookup(), never an unhandled rejection
    this.early = { names, details };
  }

  /**
   * Looks the identified card up. Rejects only when `GET /smartcards?cardid=` fails (offline,
   * refused); a later failure leaves that part `undefined`.
   */
  async lookup(
    info: CardInfo,
    capabilities: Pick<CardCapabilities, 'setPinWithAdminKey'> | undefined,
    signal?: AbortSignal,
  ): Promise<CardOverview> {
    const early = this.early;
    this.early = undefined; // for one insertion only: the user's certificates change with enrollments
    if (!info.cardId) return { status: undefined, verdicts: undefined, everyday: undefined };
    const list = await this.cm.findSmartcards({ cardId: info.cardId, signal });
    rememberLookup(this.cm, info.cardId, list);
    const [ops, status] = await Promise.allSettled([
      operationsOf(this.cm, list, signal),
      recordLookup(
        this.cm,
        this.store,
        info,
        list,
        () => early?.names ?? templateNameMap(this.cm, signal),
        () => early?.details ?? certificateDetails(this.cm, signal),
      ),
    ]);
    const known = ops.status === 'fulfilled' && capabilities;
    return {
      status: status.status === 'fulfilled' ? (status.value ?? null) : undefined,
      verdicts: known ? verdictsFrom(capabilities, list, ops.value) : undefined,
      everyday: known ? everydayFrom(capabilities, list, ops.value) : undefined,
    };
  }
}
