/**
 * Cuts while two CM calls are in flight (docs/flow-timing.md: the template configuration is asked
 * side by side with creating the request). A flow that fails must not leave a call running behind
 * its error: when it throws, every call it started has settled and the journal already names the
 * request the server created, so the offered resume continues that request instead of racing it.
 */
import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../../../src/cm';
import {
  prepareUnblock,
  renewCertificates,
  resumableFlows,
  startServerProposedPin,
} from '../../../src/flows';
import { TPL_SERVER_PIN, TPL_USER_PIN, caught, registerCard, world, type World } from './harness';

const CONFIG = /\/configuration\/smartcards$/;

/** The configuration call fails at once (network gone); every other call takes `slowMs` on the server. */
function cutConfigWhileOthersRun(w: World, slowMs: number) {
  const handle = w.emu.handle.bind(w.emu);
  const state = { inflight: 0, active: true };
  w.emu.handle = async (req: Request) => {
    if (state.active && CONFIG.test(new URL(req.url).pathname)) throw new TypeError('Failed to fetch');
    state.inflight++;
    try {
      if (state.active) await new Promise((r) => setTimeout(r, slowMs));
      return await handle(req);
    } finally {
      state.inflight--;
    }
  };
  return state;
}

const requestsOf = (w: World, type: number) =>
  [...w.emu.state.requests.values()].map((r) => r.dto).filter((r) => r.RequestType === type);
const unblockRequests = (w: World) => requestsOf(w, REQUEST_TYPES.Unblock);

describe('a cut while two CM calls are in flight', () => {
  it.each([
    ['unblock', TPL_USER_PIN],
    ['server-proposed PIN', TPL_SERVER_PIN],
  ] as const)(
    '%s: the flow throws only after the request creation settled, and the journal has it',
    async (flow, template) => {
      const w = world();
      await registerCard(w, template);
      w.reinsert();
      const net = cutConfigWhileOthersRun(w, 15);
      const start = () => (flow === 'unblock' ? prepareUnblock(w.deps()) : startServerProposedPin(w.deps()));
      const e = await caught(start);
      expect(e.code).toBe('flow/server-unreachable');
      // Nothing of this run is still running behind its error…
      expect(net.inflight).toBe(0);
      // …and the request the server created is journaled, so the resume continues it.
      const created = unblockRequests(w);
      expect(created).toHaveLength(1);
      const cardId = cardIdToGuid(await w.card.readCardId());
      const [entry] = await resumableFlows(w.store, cardId);
      expect(entry?.requestId).toBe(created[0]!.Uuid);

      net.active = false;
      if (flow === 'unblock') {
        const s = await prepareUnblock(w.deps(), { resume: entry });
        await s.run('97531975');
        await w.card.verifyPin('97531975');
      } else {
        const r = await startServerProposedPin(w.deps(), { resume: entry });
        if (r.kind !== 'proposed') throw new Error(r.kind);
        await r.apply();
        await w.card.verifyPin(r.pin);
      }
      expect(unblockRequests(w).map((r) => r.Status)).toEqual([REQUEST_STATUSES.Completed]);
      expect(await w.store.journal.forCard(cardId)).toEqual([]);
    },
  );

  it('renew: the configuration fails while the request is created; the flow throws after the generation options settled, with the request journaled', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN, '11223344');
    w.reinsert();
    const net = cutConfigWhileOthersRun(w, 15);
    const e = await caught(() => renewCertificates(w.deps(), { type: 'Renew', cardPin: '11223344' }));
    expect(e.code).toBe('flow/server-unreachable');
    expect(net.inflight).toBe(0);
    const created = requestsOf(w, REQUEST_TYPES.Renew);
    expect(created).toHaveLength(1);
    const cardId = cardIdToGuid(await w.card.readCardId());
    const [entry] = await resumableFlows(w.store, cardId);
    expect(entry?.requestId).toBe(created[0]!.Uuid);

    net.active = false;
    const r = await renewCertificates(w.deps(), { type: 'Renew', cardPin: '11223344', resume: entry });
    expect(r.requestId).toBe(created[0]!.Uuid);
    expect(r.certificates).toHaveLength(1);
    expect(requestsOf(w, REQUEST_TYPES.Renew).map((x) => x.Status)).toEqual([REQUEST_STATUSES.Completed]);
    expect(await w.store.journal.forCard(cardId)).toEqual([]);
  });
});
