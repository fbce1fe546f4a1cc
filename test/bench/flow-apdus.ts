/**
 * Flow figures in the demo setup (virtual GIDS card over a direct connection + the CM emulator
 * in-process, no added latency): APDUs, HTTP calls and wall time per flow, each measured on a
 * freshly inserted card (so `read-card` includes the SELECT). Prints figures only; never asserts.
 *
 *   npx tsx test/bench/flow-apdus.ts [runs]
 */
import { enrollCard, prepareUnblock, retireCard, startServerProposedPin } from '../../src/flows';
import { TPL_SERVER_PIN, TPL_USER_PIN, registerCard, world, type World } from '../unit/flows/harness';

interface Case {
  name: string;
  setup(w: World): Promise<unknown>;
  run(w: World): Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'enroll, user PIN (diversify + set PIN)',
    setup: async () => undefined,
    run: async (w) => void (await enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: { 'Request Reason': 'bench' }, userPin: '12345678' })),
  },
  {
    name: 'enroll, server-proposed PIN',
    setup: async () => undefined,
    run: async (w) => void (await enrollCard(w.deps(), { profileTemplateUuid: TPL_SERVER_PIN, dataCollection: {}, confirmProposedPin: async () => true })),
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
    name: 'retire',
    setup: (w) => registerCard(w, TPL_USER_PIN),
    run: async (w) => void (await retireCard(w.deps(), { confirm: true })),
  },
];

const runs = Math.max(1, Number(process.argv[2] ?? 30));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`flows in the demo setup (virtual GIDS + in-process emulator), ${runs} runs each, fresh card session per run`);
console.log('flow'.padEnd(42), 'APDUs'.padStart(6), 'HTTP'.padStart(6), 'median ms'.padStart(10), 'min ms'.padStart(8));
for (const c of CASES) {
  const times: number[] = [];
  let apdus = 0;
  let http = 0;
  for (let i = 0; i <= runs; i++) {
    const w = world();
    await c.setup(w);
    w.reinsert(); // a fresh session: the flow starts from SELECT, as after inserting the card
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
  console.log(c.name.padEnd(42), String(apdus).padStart(6), String(http).padStart(6), median(times).toFixed(2).padStart(10), Math.min(...times).toFixed(2).padStart(8));
}
