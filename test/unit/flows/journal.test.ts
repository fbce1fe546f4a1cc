import { describe, expect, it } from 'vitest';
import { cardIdToGuid, GidsCard } from '../../../src/card';
import { REQUEST_STATUSES } from '../../../src/cm';
import {
  CERTIFICATES_PENDING,
  certificatesPending,
  enrollCard,
  prepareUnblock,
  resumableFlows,
  retireCard,
  type JournalEntry,
} from '../../../src/flows';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { MemoryStore } from '../../../src/store';
import { TPL_USER_PIN, caught, registerCard, world } from './harness';

const entry = (
  id: string,
  cardId: string,
  stage: string,
  updatedAt: number,
  flow: JournalEntry['flow'] = 'unblock',
): JournalEntry => ({
  id,
  flow,
  cardId,
  stage,
  facts: {},
  startedAt: 0,
  updatedAt,
});

describe('journal and resumption', () => {
  it('resumableFlows: newest first, only this card; enrollments past the PIN are also listed as certificates pending', async () => {
    const store = new MemoryStore();
    const card = '42c7f5a7-5589-c07b-7e9a-9de3ddbd21d7';
    await store.journal.put(entry('a', card, 'request-created', 1));
    await store.journal.put(entry('b', card, 'pin-proposed', 3, 'server-proposed-pin'));
    await store.journal.put(entry('c', card, CERTIFICATES_PENDING, 5, 'enroll'));
    await store.journal.put(entry('d', '00000000-0000-0000-0000-000000000001', 'request-created', 9));
    expect((await resumableFlows(store, card.toUpperCase())).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect((await certificatesPending(store, card)).map((e) => e.id)).toEqual(['c']);
  });

  it('a journal entry only resumes its own flow on its own card', async () => {
    const w = world();
    await registerCard(w);
    w.emu.options.requireApproval = true;
    const e1 = await caught(async () =>
      (await prepareUnblock(w.deps({ approvalTimeoutMs: 5 }))).run('12345678'),
    );
    expect(e1.code).toBe('flow/approval-timeout');
    const [saved] = await resumableFlows(w.store, cardIdToGuid(await w.card.readCardId()));
    const mismatch = await caught(() => retireCard(w.deps(), { confirm: true, resume: saved! }));
    expect([mismatch.code, mismatch.data?.nextStep]).toEqual(['flow/resume-mismatch', 'start-again']);
    const other = new GidsCard(directConnection(new VirtualGidsCard({ cardId: new Uint8Array(16).fill(7) })));
    const wrong = await caught(() => prepareUnblock(w.deps({ card: other }), { resume: saved! }));
    expect([wrong.code, wrong.data?.nextStep]).toEqual(['flow/wrong-card', 'insert-original-card']);
  });

  it('abort while waiting for approval, then resume on the same request once approved', async () => {
    const w = world();
    await registerCard(w);
    w.emu.options.requireApproval = true;
    const ctl = new AbortController();
    const s = await prepareUnblock(
      w.deps({ signal: ctl.signal, approvalTimeoutMs: 60_000, pollIntervalMs: 5 }),
    );
    const pending = s.run('12345678');
    setTimeout(() => ctl.abort(), 20);
    expect((await caught(() => pending)).code).toBe('aborted');
    w.emu.approveRequest(s.requestId);
    const [saved] = await resumableFlows(w.store, cardIdToGuid(await w.card.readCardId()));
    expect(saved!.requestId).toBe(s.requestId);
    const resumed = await prepareUnblock(w.deps(), { resume: saved! });
    expect([resumed.requestId, resumed.pendingApproval]).toEqual([s.requestId, false]);
    await resumed.run('12345678');
    await w.card.verifyPin('12345678');
  });

  it('a resumed run whose request was closed meanwhile reports request-closed and is forgotten', async () => {
    const w = world();
    await registerCard(w);
    w.emu.options.requireApproval = true;
    const s = await prepareUnblock(w.deps());
    await w.cm.updateRequestStatus(s.requestId, 'Canceled');
    const [saved] = await resumableFlows(w.store, cardIdToGuid(await w.card.readCardId()));
    const e = await caught(() => prepareUnblock(w.deps(), { resume: saved! }));
    expect([e.code, e.data?.requestStatus]).toEqual(['flow/request-closed', REQUEST_STATUSES.Canceled]);
    expect(await resumableFlows(w.store, cardIdToGuid(await w.card.readCardId()))).toEqual([]);
  });

  it('an enrollment stopped after its PIN was set resumes into the certificate stage, asking for the PIN first', async () => {
    const w = world();
    const put = w.store.journal.put;
    w.store.journal.put = async (e) => {
      if (e.stage === 'keys') throw new Error('IndexedDB write failed'); // first write of the certificate stage
      return put(e);
    };
    await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '12345678' }),
    );
    w.store.journal.put = put;
    const [parked] = await certificatesPending(w.store, cardIdToGuid(await w.card.readCardId()));
    expect(parked!.stage).toBe(CERTIFICATES_PENDING);
    const calls = w.httpCalls.length;
    const e = await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, resume: parked! }),
    );
    expect([e.code, e.data?.reason]).toEqual(['flow/confirmation-required', 'card-pin-required']);
    expect(w.httpCalls.slice(calls).filter((c) => !c.startsWith('GET'))).toEqual([]); // nothing changed on the server
    const done = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '12345678',
      resume: parked!,
    });
    expect([done.stage, done.requestId]).toEqual(['completed', parked!.requestId]);
    expect(w.sim.keyFiles.generated).toBe(1); // the container reserved before the failed write was reused
    expect(await resumableFlows(w.store, cardIdToGuid(await w.card.readCardId()))).toEqual([]);
  });
});
