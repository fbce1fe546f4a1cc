/**
 * The home screen's card status (home-status.ts) follows the card in the reader: a lookup still on
 * its way for a card that was swapped out never shows its answer for the card now inserted.
 */
import { describe, expect, it } from 'vitest';
import type { CmClient } from '../../../src/cm';
import { cardIdToGuid } from '../../../src/card';
import { CardSession } from '../../../src/flows/card-session';
import { HomeCardStatus } from '../../../src/flows/home-status';
import { SimulatorProvider } from '../../../src/sim/simulator-provider';
import { ApduLog } from '../../../src/transport/apdu-log';
import { enrollCard } from '../../../src/flows';
import { TPL_USER_PIN, world } from './harness';

/** `cm`, except that looking up `cardId` waits for `gate` and then fails as a dropped link would. */
function heldFor(cm: CmClient, cardId: string, gate: Promise<void>): CmClient {
  return new Proxy(cm, {
    get(t, k) {
      const v = Reflect.get(t, k, t) as unknown;
      if (k === 'findSmartcards')
        return async (q: { cardId?: string; signal?: AbortSignal }) => {
          if (q.cardId === cardId) {
            await gate;
            throw new TypeError('Failed to fetch');
          }
          return t.findSmartcards(q);
        };
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

async function setup() {
  const w = world();
  const sim = await SimulatorProvider.create();
  const [reader] = await sim.knownReaders();
  const session = new CardSession({ log: new ApduLog() });
  return { w, sim, reader: reader!, session };
}

describe('HomeCardStatus', () => {
  it('a late answer for the card taken out does not replace the status of the card now inserted', async () => {
    const { w, sim, reader, session } = await setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const cm = heldFor(w.cm, cardIdToGuid(sim.gidsCardId), gate);
    const status = new HomeCardStatus({ session, store: w.store, cm: () => cm });
    status.start();
    await session.useReader(reader); // the GIDS card: its lookup hangs
    expect(status.snapshot.verdicts).toBeDefined(); // card-type verdicts at once
    sim.remove();
    sim.insert('piv');
    // CM does not know the PIV card: `null`, "not registered".
    await expect.poll(() => status.snapshot.cmStatus, { timeout: 5_000 }).toBe(null);
    release(); // now the GIDS lookup fails, which would clear the status ("could not be told")
    await new Promise((r) => setTimeout(r, 50));
    expect(status.snapshot.cmStatus).toBe(null);
    status.stop();
  });

  it('shows what CM says about a registered card and drops everything when it is pulled', async () => {
    const { w, sim, reader, session } = await setup();
    await session.useReader(reader);
    // Brought into service through the session's own card, as the enroll view does.
    const deps = { card: session.card!, cm: w.cm, store: w.store, pollIntervalMs: 1, approvalTimeoutMs: 200 };
    await enrollCard(deps, { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '11223344' });
    const status = new HomeCardStatus({ session, store: w.store, cm: () => w.cm });
    let changes = 0;
    status.addEventListener('change', () => changes++);
    status.start();
    await expect.poll(() => status.snapshot.cmStatus, { timeout: 5_000 }).toBe('Active');
    expect(status.snapshot.certs?.length).toBe(1);
    expect(status.snapshot.everyday?.length).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(1);
    sim.remove();
    await expect.poll(() => status.snapshot.verdicts).toBeUndefined();
    expect(status.snapshot.cmStatus).toBeUndefined();
    status.stop();
  });
});
