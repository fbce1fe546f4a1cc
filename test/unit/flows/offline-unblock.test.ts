/**
 * Offline unblock on the virtual GIDS card with the emulator's help-desk page as the help desk: the
 * card's challenge is read out (groups of four hex digits) with the card id, the help desk computes
 * the response from the key CM holds for the card (an OfflineUnblock request is recorded), the card
 * accepts it and takes the new PIN. A wrong response is refused by the card and costs the
 * challenge; a mistyped one never reaches the card; PIV is not offered. Interrupted at every APDU
 * and every HTTP call, a fresh session (new challenge, new call) ends with the new PIN. No
 * challenge, response or PIN reaches the journal or the card cache.
 */
import { describe, expect, it } from 'vitest';
import { PivCard, cardIdToGuid } from '../../../src/card';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../../../src/cm';
import {
  groupedHex,
  parseResponseCode,
  prepareOfflineUnblock,
  type OfflineUnblockSession,
} from '../../../src/flows';
import { HELPDESK_PATH } from '../../../emulator/helpdesk';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { TPL_USER_PIN, caught, pooledKeys, registerCard, world, type World } from './harness';

/** The help desk: types card id and challenge into the demo page and reads the response off it. */
async function helpdesk(
  w: World,
  s: Pick<OfflineUnblockSession, 'cardId' | 'challengeGroups'>,
): Promise<string> {
  const url = `http://cm.flows.test${HELPDESK_PATH}?cardid=${encodeURIComponent(s.cardId.toUpperCase())}&challenge=${encodeURIComponent(s.challengeGroups.join(' '))}`;
  const res = await w.emu.handle(new Request(url));
  const html = await res.text();
  expect(res.status, html).toBe(200);
  const m = /<output[^>]*>([0-9A-F ]+)<\/output>/.exec(html);
  expect(m, html).not.toBeNull();
  return m![1]!;
}

async function blocked(w: World) {
  await registerCard(w, TPL_USER_PIN, '11223344');
  for (let i = 0; i < 3; i++) await caught(() => w.card.verifyPin('00000000'));
  expect((await w.card.pinStatus()).triesLeft).toBe(0);
}

const offlineRequests = (w: World) =>
  [...w.emu.state.requests.values()]
    .map((r) => r.dto)
    .filter((r) => r.RequestType === REQUEST_TYPES.OfflineUnblock);
const NEW_PIN = '55667788';

describe('offline unblock (GIDS, help desk by phone)', () => {
  it('challenge and card id out, response in, new PIN on the card; CM recorded one completed OfflineUnblock request', async () => {
    const w = world();
    await blocked(w);
    w.failFetchAfter(0); // no connection to CM from the app
    const s = await prepareOfflineUnblock(w.deps());
    expect(s.cardId).toBe(cardIdToGuid(await w.card.readCardId()));
    expect(s.challengeGroups).toHaveLength(4);
    expect(s.challengeGroups.every((g) => /^[0-9A-F]{4}$/.test(g))).toBe(true);
    expect([s.policyFrom, s.responseDigits]).toEqual(['card', 16]);
    const response = await helpdesk(w, s);
    await s.run(response.toLowerCase(), NEW_PIN);
    await w.card.verifyPin(NEW_PIN);
    expect(offlineRequests(w).map((r) => r.Status)).toEqual([REQUEST_STATUSES.Completed]);
    expect(w.journalWrites).toEqual([]);
  });

  it('a wrong response: the card refuses it (flow/response-wrong), the challenge is gone; a new session works', async () => {
    const w = world();
    await blocked(w);
    const s = await prepareOfflineUnblock(w.deps());
    const right = await helpdesk(w, s);
    const wrong = right.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const e = await caught(() => s.run(wrong, NEW_PIN));
    expect([e.code, e.data?.step, e.data?.nextStep, e.data?.sw]).toEqual([
      'flow/response-wrong',
      'check-response',
      'call-helpdesk-again',
      0x6982,
    ]);
    const again = await caught(() => s.run(right, NEW_PIN));
    expect([again.code, again.data?.reason]).toEqual(['flow/response-wrong', 'used']);
    expect((await w.card.pinStatus()).triesLeft).toBe(0);
    const s2 = await prepareOfflineUnblock(w.deps());
    await s2.run(await helpdesk(w, s2), NEW_PIN);
    await w.card.verifyPin(NEW_PIN);
  });

  it('a mistyped code or a PIN against the rules fails before any APDU and keeps the challenge', async () => {
    const w = world();
    await blocked(w);
    const s = await prepareOfflineUnblock(w.deps());
    const before = w.apdus();
    const f = await caught(() => s.run('12 34 5G', NEW_PIN));
    expect([f.code, f.data?.digits, f.data?.nextStep]).toEqual([
      'flow/response-format',
      16,
      'retype-response',
    ]);
    const code = await helpdesk(w, s);
    const p = await caught(() => s.run(code, '1234567')); // template: at least 8 digits
    expect([p.code, p.data?.reason]).toEqual(['flow/pin-policy', 'too-short']);
    expect(w.apdus()).toBe(before);
    await s.run(code, NEW_PIN);
    await w.card.verifyPin(NEW_PIN);
  });

  it('is not offered on PIV (no admin-key PIN reset there)', async () => {
    const w = world();
    const sim = new VirtualPivCard({
      guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
      pin: '654321',
      keySource: pooledKeys,
    });
    w.card = new PivCard(directConnection(sim)) as unknown as typeof w.card;
    const e = await caught(() => prepareOfflineUnblock(w.deps()));
    expect([e.code, e.data?.nextStep]).toEqual(['flow/not-supported', 'use-supported-card']);
  });

  it('card pulled before each APDU: a new session (new challenge, new call) sets the PIN', async () => {
    const base = world();
    await blocked(base);
    const start = base.apdus();
    const s0 = await prepareOfflineUnblock(base.deps());
    await s0.run(await helpdesk(base, s0), NEW_PIN);
    const n = base.apdus() - start;
    expect(n).toBeGreaterThan(4);
    for (let cut = 0; cut < n; cut++) {
      const w = world();
      await blocked(w);
      w.conn.removeAfter(cut);
      const e = await caught(async () => {
        const s = await prepareOfflineUnblock(w.deps());
        await s.run(await helpdesk(w, s), NEW_PIN);
      });
      expect([cut, e.code]).toEqual([cut, 'flow/card-removed']);
      w.reinsert();
      const s = await prepareOfflineUnblock(w.deps());
      await s.run(await helpdesk(w, s), NEW_PIN);
      await w.card.verifyPin(NEW_PIN);
      expect(w.journalWrites).toEqual([]);
    }
  });

  it.each(['before', 'after'] as const)(
    'network lost at each HTTP call (%s the server handled it): the flow goes on offline',
    async (mode) => {
      const base = world();
      await blocked(base);
      await prepareOfflineUnblock(base.deps());
      const m = base.httpCalls.length;
      expect(m).toBe(2);
      for (let cut = 0; cut < m; cut++) {
        const w = world();
        await blocked(w);
        w.failFetchAfter(cut, mode);
        const s = await prepareOfflineUnblock(w.deps());
        expect(s.policyFrom).toBe('card');
        await s.run(await helpdesk(w, s), NEW_PIN);
        await w.card.verifyPin(NEW_PIN);
      }
    },
  );

  it('leaves no challenge, response or PIN in the store', async () => {
    const w = world();
    await blocked(w);
    const id = cardIdToGuid(await w.card.readCardId());
    await w.store.cards.put({ cardId: id, atr: '', cardType: 'gids', certificates: [], lastSeen: 1 });
    const s = await prepareOfflineUnblock(w.deps());
    const challenge = s.challengeGroups.join('');
    const response = await helpdesk(w, s);
    await s.run(response, NEW_PIN);
    const dump = JSON.stringify([
      await w.store.cards.list(),
      await w.store.journal.forCard(id),
      w.journalWrites,
    ]).toUpperCase();
    for (const secret of [challenge, response.replace(/ /g, ''), NEW_PIN, '11223344'])
      expect(dump).not.toContain(secret.toUpperCase());
  });
});

describe('response code helpers', () => {
  it('groups hex by four and parses what a person types', () => {
    expect(groupedHex(Uint8Array.of(0xd6, 0x11, 0x43, 0xf9, 0xcc, 0xff, 0xd2, 0xca))).toEqual([
      'D611',
      '43F9',
      'CCFF',
      'D2CA',
    ]);
    expect(parseResponseCode('1746 6e76-6E30.3cb6', 8)).toEqual(
      Uint8Array.of(0x17, 0x46, 0x6e, 0x76, 0x6e, 0x30, 0x3c, 0xb6),
    );
    expect(parseResponseCode('1746 6e76 6E30 3cb', 8)).toBeUndefined();
    expect(parseResponseCode('1746 6e76 6E30 3cbX', 8)).toBeUndefined();
  });
});
