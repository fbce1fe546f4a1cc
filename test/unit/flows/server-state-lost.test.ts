/**
 * The CM server lost the state of an interrupted run (restored database, emulator restart): the
 * journaled request no longer exists (204). The resume must end in `flow/server-state-lost` with
 * next step `start-again` and drop the journal entry — not repeat "unexpected answer" forever.
 */
import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { enrollCard, resumableFlows } from '../../../src/flows';
import { TPL_USER_PIN, caught, world } from './harness';

describe('resume after the server lost the run', () => {
  it('enrollment: flow/server-state-lost, start-again, journal entry dropped; a new run then completes', async () => {
    const w = world();
    const ctrl = new AbortController();
    const input = { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '24682468' };
    const deps = w.deps({
      signal: ctrl.signal,
      onProgress: (p) => p.step === 'wait-approval' && ctrl.abort(),
    });
    expect((await caught(() => enrollCard(deps, input))).code).toBe('aborted');
    const id = cardIdToGuid(await w.card.readCardId());
    const [entry] = await resumableFlows(w.store, id);
    expect(entry?.requestId).toBeDefined();
    w.emu.state.requests.clear(); // the server forgot every request
    const e = await caught(() => enrollCard(w.deps(), { ...input, resume: entry! }));
    expect([e.code, e.data?.nextStep]).toEqual(['flow/server-state-lost', 'start-again']);
    expect(await resumableFlows(w.store, id)).toEqual([]);
    const again = await caught(() => enrollCard(w.deps(), { ...input, resume: entry! }));
    expect(again.code).toBe('flow/server-state-lost'); // the same stale entry cannot be resumed
    expect((await enrollCard(w.deps(), input)).stage).toBe('completed');
  });
});
