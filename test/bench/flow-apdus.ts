/**
 * Flow figures in the demo setup (virtual GIDS / PIV card over a direct connection + the CM emulator
 * in-process, no added latency): APDUs, HTTP calls and wall time per flow, each measured on a
 * freshly inserted card (so `read-card` includes the SELECT). Prints figures only; never asserts.
 *
 *   npx tsx test/bench/flow-apdus.ts [runs]
 */
import { GidsCard, PivCard } from '../../src/card';
import { HELPDESK_PATH } from '../../emulator/helpdesk';
import {
  changePin,
  enrollCard,
  prepareOfflineUnblock,
  prepareUnblock,
  renewCertificates,
  retireCard,
  startServerProposedPin,
} from '../../src/flows';
import { directConnection, type DirectConnection } from '../../src/sim/gids-connection';
import { VirtualGidsCard } from '../../src/sim/gids-card';
import { VirtualPivCard } from '../../src/sim/piv-card';
import { TPL_SERVER_PIN, TPL_USER_PIN, registerCard, world, type World } from '../unit/flows/harness';

/** Swaps the world's card for a fresh one with real WebCrypto key generation (no key pool). */
function realKeys(w: World, type: 'gids' | 'piv'): void {
  const conn: DirectConnection =
    type === 'gids'
      ? directConnection(
          new VirtualGidsCard({ cardId: globalThis.crypto.getRandomValues(new Uint8Array(16)) }),
        )
      : directConnection(
          new VirtualPivCard({ guid: globalThis.crypto.getRandomValues(new Uint8Array(16)), pin: '123456' }),
        );
  w.card = (type === 'gids' ? new GidsCard(conn) : new PivCard(conn)) as unknown as World['card']; // deps() hands w.card to the flow
  w.conn = conn;
  w.apdus = () => conn.sent.length;
}

interface Case {
  name: string;
  setup(w: World): Promise<unknown>;
  run(w: World): Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'enroll GIDS to Completed, real RSA-2048 keygen',
    setup: async (w) => realKeys(w, 'gids'),
    run: async (w) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        dataCollection: { 'Request Reason': 'bench' },
        userPin: '12345678',
      })),
  },
  {
    name: 'enroll PIV to Completed, real RSA-2048 keygen',
    setup: async (w) => realKeys(w, 'piv'),
    run: async (w) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        dataCollection: { 'Request Reason': 'bench' },
        cardPin: '123456',
      })),
  },
  {
    name: 'enroll, user PIN (pooled key: APDUs/HTTP only)',
    setup: async () => undefined,
    run: async (w) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        dataCollection: { 'Request Reason': 'bench' },
        userPin: '12345678',
      })),
  },
  {
    name: 'enroll, server-proposed PIN (pooled key)',
    setup: async () => undefined,
    run: async (w) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_SERVER_PIN,
        dataCollection: {},
        confirmProposedPin: async () => true,
      })),
  },
  {
    name: 'server-proposed PIN (start + apply)',
    setup: (w) => registerCard(w, TPL_SERVER_PIN),
    run: async (w) => {
      const r = await startServerProposedPin(w.deps());
      if (r.kind !== 'proposed') throw new Error(`unexpected ${r.kind}`);
      await r.apply();
    },
  },
  {
    name: 'server-proposed PIN, 204 → user-chosen',
    setup: (w) => registerCard(w, TPL_USER_PIN),
    run: async (w) => {
      const r = await startServerProposedPin(w.deps());
      if (r.kind !== 'user-chosen') throw new Error(`unexpected ${r.kind}`);
      await r.apply('87654321');
    },
  },
  {
    name: 'unblock (prepare + run)',
    setup: (w) => registerCard(w, TPL_USER_PIN),
    run: async (w) => (await prepareUnblock(w.deps())).run('24682468'),
  },
  {
    name: 'renew GIDS to Completed (pooled key)',
    setup: (w) => registerCard(w, TPL_USER_PIN, '11223344'),
    run: async (w) => void (await renewCertificates(w.deps(), { type: 'Renew', cardPin: '11223344' })),
  },
  {
    name: 'change PIN (GIDS, online rules)',
    setup: (w) => registerCard(w, TPL_USER_PIN, '11223344'),
    run: (w) => changePin(w.deps(), { oldPin: '11223344', newPin: '87654321' }),
  },
  {
    name: 'change PIN (GIDS, CM unreachable)',
    setup: async (w) => (await registerCard(w, TPL_USER_PIN, '11223344'), w.failFetchAfter(0)),
    run: (w) => changePin(w.deps(), { oldPin: '11223344', newPin: '87654321' }),
  },
  {
    name: 'offline unblock (GIDS, help desk page)',
    setup: (w) => registerCard(w, TPL_USER_PIN),
    run: async (w) => {
      const s = await prepareOfflineUnblock(w.deps());
      // The help desk's page is not the app's traffic: asked directly, outside the recorded fetch.
      const html = await (
        await w.emu.handle(
          new Request(`http://x${HELPDESK_PATH}?cardid=${s.cardId}&challenge=${s.challengeGroups.join('')}`),
        )
      ).text();
      await s.run(/<output[^>]*>([0-9A-F ]+)</.exec(html)![1]!, '24682468');
    },
  },
  {
    name: 'retire',
    setup: (w) => registerCard(w, TPL_USER_PIN),
    run: async (w) => void (await retireCard(w.deps(), { confirm: true })),
  },
];

const runs = Math.max(1, Number(process.argv[2] ?? 30));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(
  `flows in the demo setup (virtual GIDS + in-process emulator), ${runs} runs each, fresh card session per run`,
);
console.log(
  'flow'.padEnd(42),
  'APDUs'.padStart(6),
  'HTTP'.padStart(6),
  'median ms'.padStart(10),
  'min ms'.padStart(8),
);
for (const c of CASES) {
  const times: number[] = [];
  let apdus = 0;
  let http = 0;
  for (let i = 0; i <= runs; i++) {
    const w = world();
    await c.setup(w);
    if (!c.name.includes('real')) w.reinsert(); // a fresh session: the flow starts from SELECT, as after inserting the card
    const a0 = w.apdus();
    const h0 = w.httpCalls.length;
    const t0 = performance.now();
    await c.run(w);
    const dt = performance.now() - t0;
    if (i === 0) continue; // warm-up (module JIT), not counted
    times.push(dt);
    apdus = w.apdus() - a0;
    http = w.httpCalls.length - h0;
  }
  console.log(
    c.name.padEnd(42),
    String(apdus).padStart(6),
    String(http).padStart(6),
    median(times).toFixed(2).padStart(10),
    Math.min(...times)
      .toFixed(2)
      .padStart(8),
  );
}
