/**
 * The home view's card lookup (card-overview.ts): the CM calls of the old three lookups, each asked
 * once — one `GET /smartcards?cardid=`, one `…/operations` for both verdict lists — and the flow
 * started right after does not look the card up again (recent-lookup.ts).
 */
import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { actionsByCardType, cardActions, everydayActions, prepareUnblock } from '../../../src/flows';
import { CardLookup } from '../../../src/flows/card-overview';
import { RECENT_LOOKUP_MAX_MS, rememberLookup, takeLookup } from '../../../src/flows/recent-lookup';
import { TPL_USER_PIN, registerCard, world } from './harness';

const count = (calls: string[], re: RegExp) => calls.filter((c) => re.test(c)).length;

describe('card overview (home view)', () => {
  it('asks each CM question once and gives the same verdicts as the separate lookups', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN);
    const cardId = cardIdToGuid(await w.card.readCardId());
    const info = { readerName: 'r', atrHex: '3b', atrLines: [], type: 'gids' as const, cardId };
    const lookup = new CardLookup(w.cm, w.store);
    lookup.prefetch();
    const o = await lookup.lookup(info, w.card.capabilities);
    expect(w.httpCalls.sort()).toEqual(
      [
        'GET /certificates',
        'GET /profiletemplates',
        'GET /smartcards',
        expect.stringMatching(/^GET \/smartcards\/[0-9a-f-]+\/certificates$/),
        expect.stringMatching(/^GET \/smartcards\/[0-9a-f-]+\/operations$/),
      ].sort(),
    );
    expect(o.status).toBe('Active');
    expect(o.verdicts).toEqual(await cardActions(w.cm, w.card.capabilities, cardId));
    expect(o.everyday).toEqual(await everydayActions(w.cm, w.card.capabilities, cardId));
    expect(o.verdicts).not.toEqual(actionsByCardType(w.card.capabilities)); // CM refined them (no second enroll)
    expect((await w.store.cards.get(cardId))?.profileTemplate?.name).not.toBe('');
  });

  it('the flow started next uses the lookup once; template names come from the cache', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN);
    w.reinsert();
    const cardId = cardIdToGuid(await w.card.readCardId());
    const info = { readerName: 'r', atrHex: '3b', atrLines: [], type: 'gids' as const, cardId };
    await new CardLookup(w.cm, w.store).lookup(info, w.card.capabilities);
    w.httpCalls.length = 0;
    await (await prepareUnblock(w.deps())).run('97531975');
    expect(count(w.httpCalls, /^GET \/smartcards$/)).toBe(0);
    // Used up: a second flow asks again.
    w.httpCalls.length = 0;
    await (await prepareUnblock(w.deps())).run('97531976');
    expect(count(w.httpCalls, /^GET \/smartcards$/)).toBe(1);
    // Template names: one GET /profiletemplates per client within the cache time.
    w.httpCalls.length = 0;
    await new CardLookup(w.cm, w.store).lookup(info, w.card.capabilities);
    expect(count(w.httpCalls, /^GET \/profiletemplates$/)).toBe(0);
  });

  it('a lookup is trusted only for its card, only briefly, and only once', () => {
    const { cm } = world();
    const t = 1_000_000;
    const list = [{ Uuid: 'x' }] as never;
    rememberLookup(cm, '{AA}', list, t);
    expect(takeLookup(cm, 'bb', t)).toBeUndefined();
    rememberLookup(cm, 'aa', list, t);
    expect(takeLookup(cm, 'aa', t + RECENT_LOOKUP_MAX_MS + 1)).toBeUndefined();
    rememberLookup(cm, 'aa', list, t);
    expect(takeLookup(cm, 'AA', t + 10)).toEqual(list);
    expect(takeLookup(cm, 'aa', t + 10)).toBeUndefined();
  });
});
