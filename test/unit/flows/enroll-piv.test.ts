/**
 * Enrollment of a PIV card (SP 800-73-4): the card keeps its own PIN (no admin-key PIN set on PIV),
 * the 9B management key — default 3DES key, diversified by CM like the GIDS admin key — authorizes
 * GENERATE and PUT DATA, the PIN authorizes signing; the certificate lands in 5FC105 next to 9A.
 */
import { describe, expect, it } from 'vitest';
import { PivCard, cardIdToGuid } from '../../../src/card';
import { REQUEST_STATUSES, SMARTCARD_STATUSES, isNoContent } from '../../../src/cm';
import { enrollCard, resumableFlows } from '../../../src/flows';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { TPL_USER_PIN, caught, expectCardCertificate, pooledKeys, world } from './harness';

function pivWorld() {
  const w = world();
  const sim = new VirtualPivCard({
    guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
    pin: '654321',
    keySource: pooledKeys,
  });
  const conn = directConnection(sim);
  const card = new PivCard(conn);
  w.card = card as unknown as typeof w.card; // deps() hands w.card to the flow
  return { w, sim, card, conn };
}

describe('enrollCard on a PIV card', () => {
  it('needs the card PIN up front and creates nothing without it', async () => {
    const { w } = pivWorld();
    const e = await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '12345678' }),
    );
    expect([e.code, e.data?.reason]).toEqual(['flow/confirmation-required', 'card-pin-required']);
    expect(w.emu.state.requests.size).toBe(0);
  });

  it('keeps the PIN, diversifies 9B, generates in 9A, installs the certificate in 5FC105, completes', async () => {
    const { w, sim, card } = pivWorld();
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: { 'Request Reason': 'logon' },
      cardPin: '654321',
    });
    expect(r).toMatchObject({ stage: 'completed', pinSource: 'card', adminKeyDiversified: true });
    expect(w.progress.some((p) => p.step === 'apply-pin')).toBe(false);
    expect(sim.keySlots.generated).toBe(1);
    expect([...sim.keySlots.keys.keys()]).toEqual([0x9a]);
    expect(sim.containers.has('5fc105')).toBe(true);
    await card.verifyPin('654321'); // unchanged
    await expectCardCertificate(card, '9a', { decrypt: true, sign: true }, { kind: 'rsa', bits: 2048 });
    const req = await w.cm.getRequest(r.requestId);
    const sc = await w.cm.getSmartcard(r.cmCardUuid);
    expect([!isNoContent(req) && req.Status, !isNoContent(sc) && sc.Status]).toEqual([
      REQUEST_STATUSES.Completed,
      SMARTCARD_STATUSES.Active,
    ]);
    expect(await resumableFlows(w.store, cardIdToGuid(await card.readCardId()))).toEqual([]);
  });

  it('a wrong card PIN fails before any CM request exists, with the tries left; the next run completes', async () => {
    const { w, sim, card } = pivWorld();
    const e = await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, cardPin: '111111' }),
    );
    expect([e.code, e.data?.step, e.data?.retries, e.data?.nextStep]).toEqual([
      'flow/pin-wrong',
      'check-card',
      2,
      'retry-pin',
    ]);
    expect(w.emu.state.requests.size).toBe(0); // nothing to clean up on the server
    const [entry] = await resumableFlows(w.store, cardIdToGuid(await card.readCardId()));
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      cardPin: '654321',
      ...(entry && { resume: entry }),
    });
    expect(r.stage).toBe('completed');
    expect(w.emu.state.requests.size).toBe(1);
    expect(sim.keySlots.generated).toBe(1);
  });

  it('a wrong card PIN on a resumed run (request already exists) fails at key generation and resumes again', async () => {
    const { w, sim, card } = pivWorld();
    w.failFetchAfter(4, 'before'); // the network drops right after POST /requests (the id is journaled first)
    await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, cardPin: '654321' }),
    );
    w.failFetchAfter(Infinity); // the network is back
    const [entry] = await resumableFlows(w.store, cardIdToGuid(await card.readCardId()));
    expect(entry?.requestId).toBeDefined();
    const e = await caught(() =>
      enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        dataCollection: {},
        cardPin: '111111',
        resume: entry!,
      }),
    );
    expect([e.code, e.data?.step, e.data?.retries]).toEqual(['flow/pin-wrong', 'generate-keys', 2]);
    const [again] = await resumableFlows(w.store, cardIdToGuid(await card.readCardId()));
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      cardPin: '654321',
      resume: again!,
    });
    expect(r.requestId).toBe(entry!.requestId);
    expect(w.emu.state.requests.size).toBe(1);
    expect(sim.keySlots.generated).toBe(1);
  });

  it('says wrong PIN with the tries left down to blocked (63C0, then 6983): PIV cannot be unblocked here', async () => {
    const { w } = pivWorld();
    const run = () =>
      caught(() =>
        enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, cardPin: '111111' }),
      );
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const e = await run();
      seen.push([e.code, e.data?.retries, e.data?.which, e.data?.unblockable]);
    }
    expect(seen).toEqual([
      ['flow/pin-wrong', 2, 'PIN', false],
      ['flow/pin-wrong', 1, 'PIN', false],
      ['flow/pin-blocked', 0, 'PIN', false],
      ['flow/pin-blocked', 0, 'PIN', false],
    ]);
    expect(w.emu.state.requests.size).toBe(0);
  });

  it('one 9B authentication: the card keeps it across SET MANAGEMENT KEY for GENERATE and PUT DATA', async () => {
    const { w, sim } = pivWorld();
    await enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, cardPin: '654321' });
    expect(w.httpCalls.filter((c) => c.includes('authenticationresponse'))).toHaveLength(1);
    expect(sim.keySlots.generated).toBe(1);
    expect(sim.containers.has('5fc105')).toBe(true);
  });

  it('a card that lost the 9B authentication after the key change (reset by another application): 6982, one more authentication with the new key', async () => {
    const { w, sim, card } = pivWorld();
    const process = sim.process.bind(sim);
    sim.process = async (apdu: Uint8Array) => {
      const out = await process(apdu);
      // SET MANAGEMENT KEY `00 FF FF FF` answered 9000, then the security status is gone
      if (apdu[1] === 0xff && apdu[2] === 0xff && out[out.length - 2] === 0x90) sim.mgmt.reset();
      return out;
    };
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      cardPin: '654321',
    });
    expect(r.adminKeyDiversified).toBe(true);
    const auth = w.httpCalls.filter((c) => c.includes('authenticationresponse'));
    expect(auth).toHaveLength(2);
    expect(sim.keySlots.generated).toBe(1);
    await expectCardCertificate(card, '9a', { decrypt: true, sign: true }, { kind: 'rsa', bits: 2048 });
  });
});
