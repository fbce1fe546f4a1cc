import { describe, expect, it } from 'vitest';
import { cardIdToGuid, PivCard } from '../../../src/card';
import { REQUEST_STATUSES, REQUEST_TYPES, isNoContent } from '../../../src/cm';
import { FlowError, resumableFlows, startServerProposedPin, validatePin } from '../../../src/flows';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { TPL_SERVER_PIN, TPL_USER_PIN, caught, registerCard, world } from './harness';

async function requestsOfType(w: ReturnType<typeof world>, type: number) {
  return [...w.emu.state.requests.values()].map((r) => r.dto).filter((r) => r.RequestType === type);
}

describe('startServerProposedPin', () => {
  it('200: shows the server PIN, applies it on confirmation, completes the Unblock request it created', async () => {
    const w = world();
    await registerCard(w, TPL_SERVER_PIN);
    const res = await startServerProposedPin(w.deps());
    if (res.kind !== 'proposed') throw new Error(res.kind);
    expect(res.pin).toMatch(/^[0-9]{8}$/);
    expect(res.policy).toMatchObject({ source: 'server', minLength: 8, maxLength: 8 });
    expect(w.progress.map((p) => p.step)).toEqual([
      'read-card',
      'find-card',
      'get-policy',
      'find-request',
      'create-request',
      'wait-approval',
      'get-pin',
    ]);
    await expect(w.card.verifyPin(res.pin)).rejects.toMatchObject({ code: 'card/pin-wrong' }); // not applied before confirmation
    await res.apply();
    await w.card.verifyPin(res.pin);
    const [unblock] = await requestsOfType(w, REQUEST_TYPES.Unblock);
    expect(unblock!.Status).toBe(REQUEST_STATUSES.Completed);
    expect(await w.store.journal.forCard(cardIdToGuid(await w.card.readCardId()))).toEqual([]);
    expect(w.progress.slice(-2).map((p) => [p.step, p.index, p.total])).toEqual([
      ['apply-pin', 7, 9],
      ['complete-request', 8, 9],
    ]);
  });

  it('204: the template wants a user-chosen PIN; a wrong entry is refused without loss, a valid one is set', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN);
    const res = await startServerProposedPin(w.deps());
    if (res.kind !== 'user-chosen') throw new Error(res.kind);
    expect(res.policy).toMatchObject({ minLength: 8, maxLength: 16, charset: 'numeric', source: 'user' });
    const calls = w.httpCalls.length;
    const apdus = w.apdus();
    const bad = await caught(() => res.apply('1234567a'));
    expect(bad).toBeInstanceOf(FlowError);
    expect([bad.code, bad.data?.reason, bad.data?.nextStep]).toEqual([
      'flow/pin-policy',
      'not-numeric',
      'choose-other-pin',
    ]);
    expect([w.httpCalls.length, w.apdus()]).toEqual([calls, apdus]); // nothing sent
    expect(validatePin('123', res.policy)).toMatchObject({ ok: false, reason: 'too-short' });
    await res.apply('87654321');
    await w.card.verifyPin('87654321');
  });

  it('403 on the sensitive call → flow/no-permission with a next step; the request stays for a resume', async () => {
    const w = world();
    await registerCard(w, TPL_SERVER_PIN);
    w.emu.options.forbidSensitive = true;
    const e = await caught(() => startServerProposedPin(w.deps()));
    expect([e.code, e.data?.step, e.data?.status, e.data?.nextStep]).toEqual([
      'flow/no-permission',
      'get-pin',
      403,
      'contact-admin-permission',
    ]);
    expect((e as Error & { cause?: { code?: string } }).cause?.code).toBe('cm/http-403');
    const [entry] = await resumableFlows(w.store, cardIdToGuid(await w.card.readCardId()));
    w.emu.options.forbidSensitive = false;
    const res = await startServerProposedPin(w.deps(), { resume: entry! });
    if (res.kind !== 'proposed') throw new Error(res.kind);
    await res.apply();
    expect(await requestsOfType(w, REQUEST_TYPES.Unblock)).toHaveLength(1); // reused, not duplicated
  });

  it('500 → flow/server-error keeping the correlation id', async () => {
    const w = world();
    await registerCard(w, TPL_SERVER_PIN);
    w.emu.options.force500 = 'serverproposedpin';
    const e = await caught(() => startServerProposedPin(w.deps()));
    expect(e.code).toBe('flow/server-error');
    expect(e.data?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.data?.nextStep).toBe('contact-admin-with-correlation-id');
  });

  it('a card CM does not know → flow/card-not-registered (enroll next), no journal entry', async () => {
    const w = world();
    const e = await caught(() => startServerProposedPin(w.deps()));
    expect([e.code, e.data?.nextStep]).toEqual(['flow/card-not-registered', 'enroll-card']);
    expect(w.journalWrites).toEqual([]);
  });

  it('discard cancels the request it created and forgets the run', async () => {
    const w = world();
    await registerCard(w, TPL_SERVER_PIN);
    const res = await startServerProposedPin(w.deps());
    if (res.kind !== 'proposed') throw new Error(res.kind);
    await res.discard();
    const [unblock] = await requestsOfType(w, REQUEST_TYPES.Unblock);
    expect(unblock!.Status).toBe(REQUEST_STATUSES.Canceled);
    expect(await resumableFlows(w.store, cardIdToGuid(await w.card.readCardId()))).toEqual([]);
  });

  it('reuses an operator-started enrollment on the card and leaves it open (certificates pending)', async () => {
    const w = world();
    const cardId = cardIdToGuid(await w.card.readCardId());
    const req = await w.cm.createRequest({ type: 'Enroll', profileTemplateId: TPL_SERVER_PIN });
    await w.cm.assignSmartcard({ requestId: req, cardId, atr: w.card.atr });
    const res = await startServerProposedPin(w.deps());
    if (res.kind !== 'proposed') throw new Error(res.kind);
    await res.apply(); // default admin key: the card is only bound, not diversified
    await w.card.verifyPin(res.pin);
    const r = await w.cm.getRequest(req);
    expect(!isNoContent(r) && r.Status).toBe(REQUEST_STATUSES.Approved);
    expect(w.emu.state.requests.size).toBe(1);
  });

  it('waits for approval with bounded polling when the request must be approved', async () => {
    const w = world();
    await registerCard(w, TPL_SERVER_PIN);
    w.emu.options.requireApproval = true;
    w.emu.options.approveAfterPolls = 3;
    const res = await startServerProposedPin(w.deps());
    expect(res.kind).toBe('proposed');
    expect(w.progress.filter((p) => p.step === 'wait-approval').map((p) => p.attempt)).toEqual([
      undefined,
      1,
      2,
    ]);
  });

  it('a PIV card cannot take a PIN from an admin-key response → flow/not-supported before any request', async () => {
    const w = world();
    const piv = new PivCard(directConnection(new VirtualPivCard()));
    const e = await caught(() => startServerProposedPin(w.deps({ card: piv })));
    expect([e.code, e.data?.nextStep]).toEqual(['flow/not-supported', 'use-supported-card']);
    expect(w.emu.state.requests.size).toBe(0);
  });

  it('an aborted signal stops the flow with AbortedError', async () => {
    const w = world();
    await registerCard(w, TPL_SERVER_PIN);
    const ctl = new AbortController();
    const deps = w.deps({ signal: ctl.signal, onProgress: (p) => p.step === 'find-card' && ctl.abort() });
    const e = await caught(() => startServerProposedPin(deps));
    expect(e.code).toBe('aborted');
  });
});
