/**
 * Renew / online update on an in-service card against the emulator (GIDS and PIV virtual cards):
 * a Renew request on the card, the enrollment's certificate stage (new key on the card, CSR signed
 * by it, certificatedata, install), Completed. Cut at every APDU and every HTTP call (before and
 * after the server handled it), the journal resumes it with exactly one key generated for the
 * renewal and one Renew request, Completed.
 */
import { describe, expect, it } from 'vitest';
import { PivCard, cardIdToGuid } from '../../../src/card';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../../../src/cm';
import { enrollCard, renewCertificates, resumableFlows, type JournalEntry } from '../../../src/flows';
import { directConnection, type DirectConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { webCryptoKeySource, type KeySource } from '../../../src/sim/sim-keys';
import { TPL_USER_PIN, caught, expectCardCertificate, registerCard, world, type World } from './harness';

/**
 * Key pairs handed out in turn from a small pool (RSA generation is slow and the cut tests renew
 * hundreds of times): consecutive generations get different keys, as on a real card — the shared
 * pool of the harness would give the renewal the enrollment's key.
 */
const cycle = new Map<string, Promise<CryptoKeyPair>[]>();
let turn = 0;
const cyclingKeys: KeySource = (spec) => {
  const id = JSON.stringify(spec);
  if (!cycle.has(id))
    cycle.set(
      id,
      [0, 1, 2].map(() => webCryptoKeySource(spec)),
    );
  return cycle.get(id)![turn++ % 3]!;
};

interface Rig {
  w: World;
  pin: string;
  generated(): number;
  conn(): DirectConnection;
  reinsert(): void;
  apdus(): number;
}

async function rig(kind: 'gids' | 'piv'): Promise<Rig> {
  const w = world({ card: { keySource: cyclingKeys } });
  if (kind === 'gids') {
    await registerCard(w, TPL_USER_PIN, '11223344');
    return {
      w,
      pin: '11223344',
      generated: () => w.sim.keyFiles.generated,
      conn: () => w.conn,
      reinsert: () => void w.reinsert(),
      apdus: () => w.apdus(),
    };
  }
  const sim = new VirtualPivCard({
    guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
    pin: '65432100',
    keySource: cyclingKeys,
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
  return {
    w,
    pin: '65432100',
    generated: () => sim.keySlots.generated,
    conn: () => conn,
    reinsert: insert,
    apdus: () => conns.reduce((n, c) => n + c.sent.length, 0),
  };
}

const renews = (w: World) =>
  [...w.emu.state.requests.values()].map((r) => r.dto).filter((r) => r.RequestType === REQUEST_TYPES.Renew);

async function renewed(r: Rig, kind: 'gids' | 'piv') {
  expect(r.generated()).toBe(2); // one for the enrollment, exactly one for the renewal
  expect(renews(r.w).map((x) => x.Status)).toEqual([REQUEST_STATUSES.Completed]);
  expect(await resumableFlows(r.w.store, cardIdToGuid(await r.w.card.readCardId()))).toEqual([]);
  void kind;
}

describe.each(['gids', 'piv'] as const)('renew on a %s card', (kind) => {
  it('Renew request → new key on the card → certificate installed → Completed', async () => {
    const r = await rig(kind);
    const res = await renewCertificates(r.w.deps(), { type: 'Renew', cardPin: r.pin });
    expect(res.certificates).toHaveLength(1);
    await expectCardCertificate(
      r.w.card,
      res.certificates[0]!.slot,
      { decrypt: true, sign: true },
      { kind: 'rsa', bits: 2048 },
    );
    await renewed(r, kind);
    expect(r.w.journalWrites.every((e) => !JSON.stringify(e).includes(r.pin))).toBe(true);
  });

  it('a wrong card PIN fails before any request exists', async () => {
    const r = await rig(kind);
    const e = await caught(() => renewCertificates(r.w.deps(), { type: 'Renew', cardPin: '99999999' }));
    expect([e.code, e.data?.retries]).toEqual(['flow/pin-wrong', 2]);
    expect(renews(r.w)).toEqual([]);
  });

  it('card pulled before each APDU, then resumed: one new key, one Renew request, Completed', async () => {
    const base = await rig(kind);
    const a0 = base.apdus();
    await renewCertificates(base.w.deps(), { type: 'Renew', cardPin: base.pin });
    const n = base.apdus() - a0;
    for (let cut = 0; cut < n; cut++) {
      const r = await rig(kind);
      r.conn().removeAfter(cut);
      const e = await caught(() => renewCertificates(r.w.deps(), { type: 'Renew', cardPin: r.pin }));
      expect([cut, e.code]).toEqual([cut, 'flow/card-removed']);
      r.reinsert();
      const [entry] = await resumableFlows(r.w.store, cardIdToGuid(await r.w.card.readCardId()));
      await renewCertificates(r.w.deps(), {
        type: 'Renew',
        cardPin: r.pin,
        ...(entry && { resume: entry as JournalEntry }),
      });
      await renewed(r, kind);
    }
  });

  it.each(['before', 'after'] as const)(
    'network lost at each HTTP call (%s the server handled it), then resumed',
    async (mode) => {
      const base = await rig(kind);
      const h0 = base.w.httpCalls.length;
      await renewCertificates(base.w.deps(), { type: 'Renew', cardPin: base.pin });
      const m = base.w.httpCalls.length - h0;
      for (let cut = 0; cut < m; cut++) {
        const r = await rig(kind);
        r.w.failFetchAfter(cut, mode);
        const e = await caught(() => renewCertificates(r.w.deps(), { type: 'Renew', cardPin: r.pin }));
        expect([cut, e.code]).toEqual([cut, 'flow/server-unreachable']);
        r.w.failFetchAfter(Infinity);
        const [entry] = await resumableFlows(r.w.store, cardIdToGuid(await r.w.card.readCardId()));
        await renewCertificates(r.w.deps(), {
          type: 'Renew',
          cardPin: r.pin,
          ...(entry && { resume: entry }),
        });
        await renewed(r, kind);
      }
    },
  );
});
