/**
 * Latency model of the flows: every flow on a virtual card and the in-process CM emulator with a
 * delay per CM request (emulator `latencyMs`, as a VPN link adds) and per APDU (a delayed virtual
 * card, as a slow reader or chip adds). Prints wall time, HTTP calls (total and the longest chain
 * of calls that ran one after another — the measured critical path), APDUs, and the lower bound
 * from the flow's dependency graph (docs/flow-timing.md; graphs in flow-latency/graphs.ts), alone
 * and with each node's measured server or card processing added (flow-latency/compute.ts).
 * Figures only, never assertions.
 *
 *   npx tsx test/bench/flow-latency.ts [http/apdu ...] [--runs N] [--trace] [--only a,b]
 *   (default 0/0 50/20 150/20; --trace prints each flow's APDUs and calls with start times)
 */
import { PivCard } from '../../src/card';
import { toHex } from '../../src/iso7816/hex';
import { directConnection } from '../../src/sim/gids-connection';
import { VirtualPivCard } from '../../src/sim/piv-card';
import type { VirtualCard } from '../../src/sim/gids-piv-base';
import {
  TPL_SERVER_PIN,
  TPL_USER_PIN,
  pooledKeys,
  registerCard,
  world,
  type World,
} from '../unit/flows/harness';
import { FLOW_CASES } from './flow-latency/cases';
import { bound, GRAPHS, type FlowName } from './flow-latency/graphs';
import { attribute, type CardTimes, type ServerTime } from './flow-latency/compute';

interface Interval {
  start: number;
  end: number;
}

/** Longest chain of calls each starting after the previous one ended (calls that waited on each other). */
function chain(calls: Interval[]): number {
  const s = [...calls].sort((a, b) => a.end - b.end);
  const best: number[] = [];
  for (let i = 0; i < s.length; i++) {
    best[i] = 1;
    for (let j = 0; j < i; j++) if (s[j]!.end <= s[i]!.start) best[i] = Math.max(best[i]!, best[j]! + 1);
  }
  return Math.max(0, ...best);
}

interface Setting {
  http: number;
  apdu: number;
}

interface Figures {
  ms: number;
  http: number;
  critical: number;
  apdus: number;
  /** Bound with each node's measured server or card processing added (flow-latency/compute.ts). */
  computeBound: number;
  /** Sums over the run: server handling and card processing, ms. */
  serverMs: number;
  cardMs: number;
  cardMapping: string;
  unmatched: string[];
}

/** A world whose card and emulator get the delays only once `arm()` is called (setup runs at full speed). */
function slowWorld(s: Setting, cardType: 'gids' | 'piv', atr?: Uint8Array) {
  const w = world();
  const opts = w.emu.options as { latencyMs: number };
  let armed = false;
  let t0 = 0;
  const calls: Interval[] = [];
  const server: ServerTime[] = [];
  const cardMs: CardTimes = [];
  const trace: string[] = [];
  const stamp = () => (performance.now() - t0).toFixed(0).padStart(5);
  const handle = w.emu.handle.bind(w.emu);
  w.emu.handle = async (req: Request) => {
    const start = performance.now();
    const u = new URL(req.url);
    if (armed) trace.push(`${stamp()} http ${req.method} ${u.pathname.replace(/^.*api\/v1\.0/, '')}`);
    try {
      return await handle(req);
    } finally {
      const end = performance.now();
      if (armed) {
        calls.push({ start, end });
        // server handling = time inside handle minus the configured latency (its timer)
        const path = u.pathname.replace(/^.*api\/v1\.0/, '') + u.search;
        server.push({ method: req.method, path, ms: Math.max(0, end - start - opts.latencyMs) });
      }
    }
  };
  /** A virtual card that answers each APDU late by the reader and chip time of one exchange. */
  const delayed = (card: VirtualCard) => {
    const process = card.process.bind(card);
    card.process = async (apdu: Uint8Array) => {
      if (armed) {
        trace.push(`${stamp()} apdu ${toHex(apdu.subarray(0, 4), ' ')}`);
        if (s.apdu > 0) await new Promise((r) => setTimeout(r, s.apdu));
        const start = performance.now(); // card processing only, after the reader delay
        try {
          return await process(apdu);
        } finally {
          cardMs.push(performance.now() - start);
        }
      }
      return process(apdu);
    };
  };
  if (cardType === 'piv') {
    const sim = new VirtualPivCard({
      guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
      pin: '123456',
      keySource: pooledKeys,
      ...(atr && { atr }),
    });
    delayed(sim);
    const conns: ReturnType<typeof directConnection>[] = [];
    w.reinsert = () => {
      sim.reset();
      w.conn = directConnection(sim);
      conns.push(w.conn);
      w.card = new PivCard(w.conn) as unknown as World['card'];
      return w.card;
    };
    w.apdus = () => conns.reduce((n, c) => n + c.sent.length, 0);
    w.reinsert();
  } else delayed(w.sim);
  return {
    w,
    calls,
    server,
    cardMs,
    trace,
    arm() {
      armed = true;
      opts.latencyMs = s.http;
      t0 = performance.now();
    },
  };
}

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1])) : 3;
const showTrace = args.includes('--trace');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1]!.split(',') : undefined;
const given = args.filter(
  (a, i) => /^\d+\/\d+$/.test(a) && (runsAt < 0 || i !== runsAt + 1) && (onlyAt < 0 || i !== onlyAt + 1),
);
const settings: Setting[] = (given.length ? given : ['0/0', '50/20', '150/20']).map((a) => {
  const [http, apdu] = a.split('/').map(Number);
  return { http: http!, apdu: apdu! };
});

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(name: FlowName, s: Setting): Promise<Figures & { trace: string[] }> {
  const c = FLOW_CASES[name];
  const g = GRAPHS[name];
  const out: (Figures & { trace: string[] })[] = [];
  for (let i = 0; i <= runs; i++) {
    const sw = slowWorld(s, c.card, c.atr);
    if (c.registered)
      await registerCard(sw.w, c.registered === 'server' ? TPL_SERVER_PIN : TPL_USER_PIN, '11223344');
    const prepared = await c.prepare?.(sw.w);
    sw.w.reinsert(); // a fresh session, as after inserting the card
    const a0 = sw.w.apdus();
    const h0 = sw.w.httpCalls.length;
    sw.arm();
    const t0 = performance.now();
    await c.run(sw.w, prepared);
    const ms = performance.now() - t0;
    if (i === 0 && runs > 1) continue; // warm-up (module JIT), not counted
    const a = attribute(g, sw.server, sw.cardMs);
    out.push({
      ms,
      http: sw.w.httpCalls.length - h0,
      critical: chain(sw.calls),
      apdus: sw.w.apdus() - a0,
      computeBound: bound(g, s.http, s.apdu, a.extra),
      serverMs: sum(sw.server.map((x) => x.ms)),
      cardMs: sum(sw.cardMs),
      cardMapping: a.cardMapping,
      unmatched: a.unmatched,
      trace: sw.trace,
    });
  }
  const last = out[out.length - 1]!;
  const med = (f: (x: Figures) => number) => median(out.map(f));
  return {
    ...last,
    ms: med((f) => f.ms),
    computeBound: med((f) => f.computeBound),
    serverMs: med((f) => f.serverMs),
    cardMs: med((f) => f.cardMs),
  };
}

const col = (v: string, w: number) => v.padStart(w);
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
console.log(`flow latency model: virtual card + in-process CM emulator, median of ${runs} runs`);
console.log("bound = longest path of the flow's dependency graph (docs/flow-timing.md) at the given delays");
console.log(
  'b+cmp = bound incl. server+card compute: each node also costs its measured server handling (CM call) or card processing (card step)',
);
console.log(
  'srv, card = measured server / card processing summed over the flow; client = wall − srv − card at 0/0',
);
console.log('card time per step: s = sequential (APDUs in order), a = per-APDU average of the flow');
for (const s of settings) {
  console.log(`\n${s.http} ms per CM request, ${s.apdu} ms per APDU`);
  console.log(
    'flow'.padEnd(26) +
      ['wall ms', 'bound', '×bound', 'b+cmp', '×b+cmp', 'srv', 'card', 'client', 'HTTP', 'crit', 'APDUs']
        .map((h) => col(h, 8))
        .join(''),
  );
  const notes: string[] = [];
  for (const name of Object.keys(FLOW_CASES) as FlowName[]) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const f = await measure(name, s);
    const b = bound(GRAPHS[name], s.http, s.apdu);
    const client = s.http === 0 && s.apdu === 0 ? Math.max(0, f.ms - f.serverMs - f.cardMs).toFixed(0) : '–';
    const cells = [
      f.ms.toFixed(0),
      b.toFixed(0),
      ratio(f.ms, b),
      f.computeBound.toFixed(0),
      ratio(f.ms, f.computeBound),
      f.serverMs.toFixed(0),
      `${f.cardMs.toFixed(0)} ${f.cardMapping[0]}`,
      client,
      String(f.http),
      String(f.critical),
      String(f.apdus),
    ];
    console.log(name.padEnd(26) + cells.map((v) => col(v, 8)).join(''));
    if (f.unmatched.length) notes.push(`${name}: in no graph node: ${f.unmatched.join(', ')}`);
    if (showTrace) console.log(f.trace.join('\n'));
  }
  for (const n of notes) console.log(n);
}
