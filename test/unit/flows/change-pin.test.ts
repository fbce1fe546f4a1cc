/**
 * Change PIN on both virtual card profiles (GIDS, PIV) against the CM emulator: the new PIN must be
 * within the template's rules narrowed to the card, a wrong current PIN is refused with the tries
 * left (in words in the UI), a blocked PIN is said before any PIN is typed, CM is never asked to
 * change anything (no request), and an interruption at every APDU and every HTTP call ends, after
 * one more run, with the new PIN on the card. No PIN reaches the journal or the card cache.
 */
import { describe, expect, it } from 'vitest';
import { PivCard, cardIdToGuid, type ManagedCard } from '../../../src/card';
import { changePin, prepareChangePin } from '../../../src/flows';
import { directConnection, type DirectConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { errorText } from '../../../src/ui/i18n/error-text';
import { TPL_USER_PIN, caught, pooledKeys, registerCard, world, type World } from './harness';
import { enrollCard } from '../../../src/flows';

interface Rig {
  w: World;
  card: () => ManagedCard;
  conn: () => DirectConnection;
  reinsert(): void;
  pin: string;
  apdus(): number;
}

/** A registered (enrolled, Active) card of `kind` with PIN `rig.pin`. */
async function rig(kind: 'gids' | 'piv'): Promise<Rig> {
  const w = world();
  if (kind === 'gids') {
    await registerCard(w, TPL_USER_PIN, '11223344');
    return {
      w,
      pin: '11223344',
      card: () => w.card,
      conn: () => w.conn,
      reinsert: () => void w.reinsert(),
      apdus: () => w.apdus(),
    };
  }
  const sim = new VirtualPivCard({
    guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
    pin: '65432100',
    keySource: pooledKeys,
  });
  const conns: DirectConnection[] = [];
  let conn!: DirectConnection;
  const insert = () => {
    sim.reset();
    conn = directConnection(sim);
    conns.push(conn);
    w.card = new PivCard(conn) as unknown as typeof w.card;
  };
  insert();
  await enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, cardPin: '65432100' });
  w.httpCalls.length = 0;
  w.journalWrites.length = 0;
  return {
    w,
    pin: '65432100',
    card: () => w.card,
    conn: () => conn,
    reinsert: insert,
    apdus: () => conns.reduce((n, c) => n + c.sent.length, 0),
  };
}

const NEW_PIN = '87654321';

describe.each(['gids', 'piv'] as const)('change PIN on a %s card', (kind) => {
  it('changes the PIN within the template rules narrowed to the card; CM gets no request', async () => {
    const r = await rig(kind);
    const requestsBefore = r.w.emu.state.requests.size;
    const s = await prepareChangePin(r.w.deps());
    // Template: 8–16 digits; PIV holds at most 8 digits.
    expect([s.policyFrom, s.policy.minLength, s.policy.maxLength, s.policy.charset]).toEqual([
      'template',
      8,
      kind === 'piv' ? 8 : 16,
      'numeric',
    ]);
    expect(s.triesLeft).toBe(kind === 'piv' ? 3 : 3);
    const tooShort = await caught(() => s.run(r.pin, '1234'));
    expect([tooShort.code, tooShort.data?.reason]).toEqual(['flow/pin-policy', 'too-short']);
    const mismatch = await caught(() => s.run(r.pin, NEW_PIN, '87654320'));
    expect(mismatch.data?.reason).toBe('mismatch');
    await s.run(r.pin, NEW_PIN);
    await r.card().verifyPin(NEW_PIN);
    expect((await caught(() => r.card().verifyPin(r.pin))).code).toBe('card/pin-wrong');
    expect(r.w.emu.state.requests.size).toBe(requestsBefore);
    expect(r.w.httpCalls.every((c) => c.startsWith('GET '))).toBe(true);
    expect(r.w.journalWrites).toEqual([]);
  });

  it('a wrong current PIN: flow/pin-wrong with the tries left, in words; then blocked, said before any PIN is typed', async () => {
    const r = await rig(kind);
    const limit = (await r.card().pinStatus()).triesLeft!;
    for (let left = limit - 1; left >= 1; left--) {
      const e = await caught(() => changePin(r.w.deps(), { oldPin: '99999999', newPin: NEW_PIN }));
      expect([e.code, e.data?.step, e.data?.retries, e.data?.nextStep]).toEqual([
        'flow/pin-wrong',
        'change-pin',
        left,
        'retry-pin',
      ]);
      if (left === 2) expect(errorText(e).what).toBe('Die PIN ist falsch – noch zwei Versuche.');
      expect((await prepareChangePin(r.w.deps())).triesLeft).toBe(left);
    }
    const last = await caught(() => changePin(r.w.deps(), { oldPin: '99999999', newPin: NEW_PIN }));
    expect(last.code).toBe('flow/pin-blocked');
    const blocked = await caught(() => prepareChangePin(r.w.deps()));
    expect([blocked.code, blocked.data?.step, blocked.data?.nextStep, blocked.data?.unblockable]).toEqual([
      'flow/pin-blocked',
      'read-card',
      'unblock-pin',
      kind === 'gids',
    ]);
  });

  it('a current PIN the card cannot hold is refused without sending it (no try used)', async () => {
    const r = await rig(kind);
    const before = r.apdus();
    const s = await prepareChangePin(r.w.deps());
    const e = await caught(() => s.run('12', NEW_PIN));
    expect([e.code, e.data?.notSent, e.data?.retries]).toEqual(['flow/pin-wrong', true, 3]);
    expect((await r.card().pinStatus()).triesLeft).toBe(3);
    expect(r.apdus() - before).toBeGreaterThan(0);
  });

  it('card pulled before each APDU: the next run changes the PIN', async () => {
    const base = await rig(kind);
    const start = base.apdus();
    await changePin(base.w.deps(), { oldPin: base.pin, newPin: NEW_PIN });
    const n = base.apdus() - start;
    expect(n).toBeGreaterThan(2);
    for (let cut = 0; cut < n; cut++) {
      const r = await rig(kind);
      r.conn().removeAfter(cut);
      const e = await caught(() => changePin(r.w.deps(), { oldPin: r.pin, newPin: NEW_PIN }));
      expect([cut, e.code, e.data?.nextStep]).toEqual([cut, 'flow/card-removed', 'reinsert-card-and-resume']);
      r.reinsert();
      await changePin(r.w.deps(), { oldPin: r.pin, newPin: NEW_PIN });
      await r.card().verifyPin(NEW_PIN);
      expect(r.w.journalWrites).toEqual([]);
    }
  });

  it.each(['before', 'after'] as const)(
    'network lost at each HTTP call (%s the server handled it): the card rules apply, the change still works',
    async (mode) => {
      const base = await rig(kind);
      await changePin(base.w.deps(), { oldPin: base.pin, newPin: NEW_PIN });
      const m = base.w.httpCalls.length;
      expect(m).toBe(2); // find the card, read its template's configuration
      for (let cut = 0; cut < m; cut++) {
        const r = await rig(kind);
        r.w.failFetchAfter(cut, mode);
        const s = await prepareChangePin(r.w.deps());
        expect(s.policyFrom).toBe('card');
        expect(s.policy.minLength).toBe(kind === 'piv' ? 6 : 4);
        await s.run(r.pin, NEW_PIN);
        await r.card().verifyPin(NEW_PIN);
      }
    },
  );

  it('offline with a cached policy: the cached template rules apply, and no PIN is in the store', async () => {
    const r = await rig(kind);
    const id = cardIdToGuid(await r.card().readCardId());
    await r.w.store.cards.put({ cardId: id, atr: '', cardType: kind, certificates: [], lastSeen: 1 });
    await prepareChangePin(r.w.deps()); // online: caches the template's rules
    r.w.failFetchAfter(0);
    const s = await prepareChangePin(r.w.deps());
    expect([s.policyFrom, s.policy.minLength]).toEqual(['cached', 8]);
    await s.run(r.pin, NEW_PIN);
    const dump = JSON.stringify([await r.w.store.cards.list(), await r.w.store.journal.forCard(id)]);
    for (const secret of [r.pin, NEW_PIN]) expect(dump).not.toContain(secret);
    expect(dump).toContain('"pinPolicy"');
  });
});
