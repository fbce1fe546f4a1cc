/**
 * Follows which card is in the reader for a flow view (views/flow-view.ts): listens to the card
 * session of the services the view has while it is connected, and reports each change of card id
 * (a card pulled, another card, the same card back). The view decides what a change means for
 * its run; this controller only keeps the subscription right as the view's services change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppServices } from '../services';

type Host = ReactiveControllerHost & { readonly isConnected: boolean; services: AppServices | undefined };

/** The MIM `cardid` of the card ready in the reader, if any. */
export function readyCardId(services: AppServices | undefined): string | undefined {
  const s = services?.session.state;
  return s?.kind === 'ready' ? s.info.cardId : undefined;
}

export class CardWatch implements ReactiveController {
  private followed: AppServices | undefined;
  private seen: string | undefined;

  constructor(
    private readonly host: Host,
    /** Called when the ready card's id changed, with the one seen before; then the host updates. */
    private readonly onChange: (id: string | undefined, previous: string | undefined) => void,
  ) {
    host.addController(this);
  }

  private readonly onSession = () => {
    const id = readyCardId(this.host.services);
    if (id !== this.seen) {
      const previous = this.seen;
      this.seen = id;
      this.onChange(id, previous);
    }
    this.host.requestUpdate();
  };

  /** Listens to the host's services while connected; what is in the reader now counts as seen. */
  private follow(): void {
    this.followed?.session.removeEventListener('change', this.onSession);
    this.followed = this.host.isConnected ? this.host.services : undefined;
    this.followed?.session.addEventListener('change', this.onSession);
    this.seen = readyCardId(this.host.services);
  }

  hostConnected(): void {
    if (this.host.services) this.follow();
  }

  hostDisconnected(): void {
    this.follow();
  }

  /** Before each render: the host got other services (or none) since the last one. */
  hostUpdate(): void {
    if (this.host.isConnected && this.host.services !== this.followed) this.follow();
  }
}
