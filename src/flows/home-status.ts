/**
 * What the home screen shows about the card in the reader, kept up to date as cards come and go:
 * the verdicts by card type at once, then the CM status, the actions CM offers and the cached
 * certificates once the lookup answers (card-overview.ts). Lookups overlap when cards are swapped
 * quickly; each carries a ticket, and only the answer for the card still in the reader is taken —
 * one card's status is never shown for another. The view only renders `snapshot`.
 */
import type { CmClient } from '../cm';
import type { AppStore, CertificateSummary } from '../store';
import { actionsByCardType, type ActionVerdict } from './card-actions';
import { CardLookup } from './card-overview';
import type { CardSession } from './card-session';
import { everydayByCardType, type EverydayVerdict } from './everyday-actions';

export interface HomeStatus {
  /** CM status name; `null`: CM does not know the card; `undefined`: not (yet) told. */
  cmStatus: string | null | undefined;
  /** What can be done with the card (card-actions.ts); undefined without a card. */
  verdicts: ActionVerdict[] | undefined;
  /** Change PIN, offline unblock, renew (everyday-actions.ts); undefined without a card. */
  everyday: EverydayVerdict[] | undefined;
  /** The card's certificates as cached (expiry: days left, warning). */
  certs: CertificateSummary[] | undefined;
}

export interface HomeStatusDeps {
  session: CardSession;
  store: AppStore;
  /** The current CM client (the settings may replace it; a new client gets a new lookup). */
  cm: () => CmClient;
}

const EMPTY: HomeStatus = { cmStatus: undefined, verdicts: undefined, everyday: undefined, certs: undefined };

/** Follows the card session; dispatches `change` whenever `snapshot` changed. */
export class HomeCardStatus extends EventTarget {
  private state: HomeStatus = EMPTY;
  private ticket = 0;
  private statusCardId: string | undefined;
  private lookup: { cm: CmClient; it: CardLookup } | undefined;
  private readonly onSession = () => this.update();

  constructor(private readonly deps: HomeStatusDeps) {
    super();
  }

  get snapshot(): HomeStatus {
    return this.state;
  }

  /** Starts following the session (and takes the card already in the reader). */
  start(): void {
    this.deps.session.addEventListener('change', this.onSession);
    if (this.deps.session.state.kind === 'ready') this.update();
  }

  /** Stops following; answers still on the way are dropped. */
  stop(): void {
    this.deps.session.removeEventListener('change', this.onSession);
    this.ticket++;
  }

  private set(patch: Partial<HomeStatus>): void {
    this.state = { ...this.state, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  private overview(): CardLookup {
    const cm = this.deps.cm();
    if (this.lookup?.cm !== cm) this.lookup = { cm, it: new CardLookup(cm, this.deps.store) };
    return this.lookup.it;
  }

  private update(): void {
    const s = this.deps.session.state;
    if (s.kind === 'reading') this.overview().prefetch(); // names and certificates need no card id
    if (s.kind !== 'ready') {
      this.ticket++;
      this.statusCardId = undefined;
      if (this.state !== EMPTY) {
        this.state = EMPTY;
        this.dispatchEvent(new Event('change'));
      }
      return;
    }
    const ticket = ++this.ticket;
    const current = () => ticket === this.ticket;
    const cardId = s.info.cardId;
    const sameCard = cardId === this.statusCardId;
    this.statusCardId = cardId;
    const card = this.deps.session.card;
    // The card type decides at once; the server's answer (status, operations) refines it. Offline or
    // refused, the card-type verdicts stay (the flow then says what is wrong).
    this.set({
      ...(sameCard ? {} : { cmStatus: undefined, certs: undefined }),
      verdicts: card ? actionsByCardType(card.capabilities) : undefined,
      everyday: card ? everydayByCardType(card.capabilities) : undefined,
    });
    const readCerts = () => {
      if (!cardId) return;
      this.deps.store.cards.get(cardId).then(
        (r) => current() && this.set({ certs: r?.certificates }),
        () => undefined, // a cache that cannot be read shows no expiry; the card still works
      );
    };
    readCerts();
    this.overview()
      .lookup(s.info, card?.capabilities)
      .then(
        (o) => {
          if (!current()) return;
          this.set({
            cmStatus: o.status,
            ...(o.verdicts && { verdicts: o.verdicts }),
            ...(o.everyday && { everyday: o.everyday }),
          });
          readCerts(); // the lookup refreshed the cache
        },
        () => current() && this.set({ cmStatus: undefined }), // offline or server error: no status
      );
  }
}
