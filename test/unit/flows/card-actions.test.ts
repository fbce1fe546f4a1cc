/**
 * Which actions the app offers for the card in the reader: the card type's abilities and CM's
 * `GET /smartcards/{id}/operations` for the card's status (against the in-process emulator).
 */
import { describe, expect, it } from 'vitest';
import { PivCard, cardIdToGuid } from '../../../src/card';
import { SMARTCARD_STATUSES } from '../../../src/cm';
import { cardActions, enrollCard } from '../../../src/flows';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { TPL_USER_PIN, pooledKeys, registerCard, world, type World } from './harness';

const offered = (v: Awaited<ReturnType<typeof cardActions>>) =>
  v.map((x) => (x.available ? x.action : `${x.action}:${x.reason}`));
const idOf = async (w: World) => cardIdToGuid(await w.card.readCardId());

describe('cardActions', () => {
  it('blank GIDS card: only enrollment; the rest need a registered card', async () => {
    const w = world();
    expect(offered(await cardActions(w.cm, w.card.capabilities, await idOf(w)))).toEqual([
      'server-pin:not-registered',
      'unblock:not-registered',
      'enroll',
      'retire:not-registered',
    ]);
  });

  it('Active GIDS card: what CM offers (unblock, retire), no second enrollment', async () => {
    const w = world();
    await registerCard(w);
    expect(offered(await cardActions(w.cm, w.card.capabilities, await idOf(w)))).toEqual([
      'server-pin',
      'unblock',
      'enroll:already-registered',
      'retire',
    ]);
  });

  it('follows the card status: Disabled offers only retire (CM: reinstate, retire); Retired offers enrollment again', async () => {
    const w = world();
    const { cmCardUuid } = await registerCard(w);
    const rec = w.emu.state.cards.get(cmCardUuid)!;
    rec.dto.Status = SMARTCARD_STATUSES.Disabled;
    expect(offered(await cardActions(w.cm, w.card.capabilities, await idOf(w)))).toEqual([
      'server-pin:not-allowed',
      'unblock:not-allowed',
      'enroll:already-registered',
      'retire',
    ]);
    rec.dto.Status = SMARTCARD_STATUSES.Retired;
    expect(offered(await cardActions(w.cm, w.card.capabilities, await idOf(w)))).toEqual([
      'server-pin:retired',
      'unblock:retired',
      'enroll',
      'retire:retired',
    ]);
  });

  it('an Assigned card (enrollment cut off) offers to continue the enrollment only', async () => {
    const w = world();
    w.failFetchAfter(7); // stops after POST /smartcards bound the card
    await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '24682468',
    }).catch(() => undefined);
    w.failFetchAfter(Infinity);
    const [sc] = await w.cm.findSmartcards({ cardId: await idOf(w) });
    expect(sc?.Status).toBe(SMARTCARD_STATUSES.Assigned);
    expect(offered(await cardActions(w.cm, w.card.capabilities, await idOf(w)))).toEqual([
      'server-pin:not-active',
      'unblock:not-active',
      'enroll',
      'retire:not-active',
    ]);
  });

  it('PIV card, registered: no server-proposed PIN or unblock (card type), retire as CM allows', async () => {
    const w = world();
    const card = new PivCard(
      directConnection(
        new VirtualPivCard({
          guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
          keySource: pooledKeys,
        }),
      ),
    );
    w.card = card as unknown as typeof w.card;
    await enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, cardPin: '123456' });
    expect(
      offered(await cardActions(w.cm, card.capabilities, cardIdToGuid(await card.readCardId()))),
    ).toEqual(['server-pin:card-type', 'unblock:card-type', 'enroll:already-registered', 'retire']);
  });
});
