import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { REQUEST_STATUSES, REQUEST_TYPES, SMARTCARD_STATUSES, isNoContent } from '../../../src/cm';
import { RETIRE_STEPS, prepareUnblock, resumableFlows, retireCard, unblockPin } from '../../../src/flows';
import { TPL_USER_PIN, caught, registerCard, world } from './harness';

const guidOf = async (w: ReturnType<typeof world>) => cardIdToGuid(await w.card.readCardId());

describe('prepareUnblock / run', () => {
  it('unblocks a PIN blocked by wrong entries: new PIN works and the retry counter is back to its limit', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN, '11223344');
    for (const left of [2, 1])
      await expect(w.card.verifyPin('99999999')).rejects.toMatchObject({
        code: 'card/pin-wrong',
        data: { retries: left },
      });
    await expect(w.card.verifyPin('99999999')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    await expect(w.card.verifyPin('11223344')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    const s = await prepareUnblock(w.deps());
    expect([s.pendingApproval, s.completed, s.policy.minLength, s.policy.source]).toEqual([
      false,
      false,
      8,
      'user',
    ]);
    await s.run('55667788', '55667788');
    expect(await w.card.pinStatus()).toEqual({ triesLeft: 3, limit: 3 });
    await w.card.verifyPin('55667788');
    const r = await w.cm.getRequest(s.requestId);
    expect(!isNoContent(r) && [r.RequestType, r.Status]).toEqual([
      REQUEST_TYPES.Unblock,
      REQUEST_STATUSES.Completed,
    ]);
    expect(await resumableFlows(w.store, await guidOf(w))).toEqual([]);
  });

  it('wrong PIN entry (policy, confirmation mismatch) is refused before any APDU; the session stays usable', async () => {
    const w = world();
    await registerCard(w);
    const s = await prepareUnblock(w.deps());
    const apdus = w.apdus();
    for (const [pin, conf, reason] of [
      ['1234', undefined, 'too-short'],
      ['12345678', '12345679', 'mismatch'],
      ['1234567890123456789', undefined, 'too-long'],
    ] as const) {
      const e = await caught(() => s.run(pin, conf));
      expect([e.code, e.data?.reason]).toEqual(['flow/pin-policy', reason]);
      expect(JSON.stringify(e.data)).not.toContain(pin);
    }
    expect(w.apdus()).toBe(apdus);
    await s.run('12345678', '12345678');
    await w.card.verifyPin('12345678');
  });

  it('pending approval: reports it up front, polls during run, completes after approval', async () => {
    const w = world();
    await registerCard(w);
    w.emu.options.requireApproval = true;
    w.emu.options.approveAfterPolls = 2;
    const s = await prepareUnblock(w.deps());
    expect(s.pendingApproval).toBe(true);
    await s.run('12121212');
    expect(w.progress.some((p) => p.step === 'wait-approval' && p.attempt === 1)).toBe(true);
    await w.card.verifyPin('12121212');
  });

  it('approval denied (request canceled by the approver) → flow/approval-denied, journal cleared', async () => {
    const w = world();
    await registerCard(w);
    w.emu.options.requireApproval = true;
    const s = await prepareUnblock(w.deps());
    await w.cm.updateRequestStatus(s.requestId, 'Canceled');
    const e = await caught(() => s.run('12121212'));
    expect([e.code, e.data?.nextStep, e.data?.requestStatus]).toEqual([
      'flow/approval-denied',
      'contact-approver',
      REQUEST_STATUSES.Canceled,
    ]);
    expect(await resumableFlows(w.store, await guidOf(w))).toEqual([]);
  });

  it('403 on authenticationresponse → flow/no-permission at apply-pin; PIN unchanged', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN, '11223344');
    const s = await prepareUnblock(w.deps());
    w.emu.options.forbidSensitive = true;
    const e = await caught(() => s.run('12121212'));
    expect([e.code, e.data?.step]).toEqual(['flow/no-permission', 'apply-pin']);
    await w.card.verifyPin('11223344');
  });

  it('unblockPin does both phases in one call; a bad PIN cancels the request it created', async () => {
    const w = world();
    await registerCard(w);
    await unblockPin(w.deps(), { newPin: '80808080', confirmation: '80808080' });
    await w.card.verifyPin('80808080');
    const apdus = w.apdus();
    const e = await caught(() => unblockPin(w.deps(), { newPin: '8080' }));
    expect([e.code, e.data?.reason]).toEqual(['flow/pin-policy', 'too-short']);
    const last = [...w.emu.state.requests.values()].at(-1)!.dto;
    expect([last.RequestType, last.Status]).toEqual([REQUEST_TYPES.Unblock, REQUEST_STATUSES.Canceled]);
    expect(w.apdus() - apdus).toBe(1); // only the card id was read; no admin auth, no PIN command
    expect(await resumableFlows(w.store, await guidOf(w))).toEqual([]);
    await w.card.verifyPin('80808080');
  });

  it('cancel() cancels the request the flow created', async () => {
    const w = world();
    await registerCard(w);
    const s = await prepareUnblock(w.deps());
    await s.cancel();
    const r = await w.cm.getRequest(s.requestId);
    expect(!isNoContent(r) && r.Status).toBe(REQUEST_STATUSES.Canceled);
  });
});

describe('retireCard', () => {
  it('needs confirm: true, then retires the card in CM and completes the request', async () => {
    const w = world();
    const { cmCardUuid } = await registerCard(w);
    const before = w.apdus();
    const e = await caught(() => retireCard(w.deps(), { confirm: false }));
    expect([e.code, e.data?.nextStep]).toEqual(['flow/confirmation-required', 'confirm-action']);
    expect([w.apdus(), w.httpCalls]).toEqual([before, []]); // refused before touching card or server
    const r = await retireCard(w.deps(), { confirm: true });
    expect(r.cmCardUuid).toBe(cmCardUuid);
    const sc = await w.cm.getSmartcard(cmCardUuid);
    expect(!isNoContent(sc) && sc.Status).toBe(SMARTCARD_STATUSES.Retired);
    const req = await w.cm.getRequest(r.requestId);
    expect(!isNoContent(req) && [req.RequestType, req.Status]).toEqual([
      REQUEST_TYPES.Retire,
      REQUEST_STATUSES.Completed,
    ]);
    expect(w.apdus() - before).toBe(1); // GET DATA cardid (already selected): the card is only identified
    expect(w.progress.map((p) => p.step)).toEqual(RETIRE_STEPS);
    const again = await caught(() => retireCard(w.deps(), { confirm: true }));
    expect(again.code).toBe('flow/card-retired');
  });
});
