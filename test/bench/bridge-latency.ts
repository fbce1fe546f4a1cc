/**
 * Bench (prints, asserts nothing): per-APDU round trip through the card bridge versus direct PC/SC
 * from Node, on one stack — private pcscd + vpcd + a virtual GIDS card. Client side is the app's own
 * BridgeResourceManager (the Web Smart Card object shape over the socket, Node `ws` as WebSocket);
 * direct side is pcsc-mini in this process. Same APDU (SELECT GIDS), same card, inside a transaction.
 *
 *   npx tsx test/bench/bridge-latency.ts [N=300]
 */
import WebSocket from 'ws';
import { VirtualGidsCard } from '../../src/sim/gids-card';
import { BridgeResourceManager } from '../../src/transport/bridge-smart-card';
import { VpcdCardServer } from '../pcsc/vpcd-card-server';
import { startBridge } from '../../bridge/test/pcsc/bridge-process';
import { restartablePcscd } from '../../bridge/test/pcsc/restartable-pcscd';

const N = Number(process.argv[2] ?? 300);
const ORIGIN = 'https://bench.test';
const SELECT = Uint8Array.from([
  0x00, 0xa4, 0x04, 0x00, 0x0b, 0xa0, 0x00, 0x00, 0x03, 0x97, 0x42, 0x54, 0x46, 0x59, 0x02, 0x01, 0x00,
]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pcscd = await restartablePcscd();
const vpcd = new VpcdCardServer({ port: pcscd.port });
await vpcd.insert(new VirtualGidsCard());
await new Promise((r) => setTimeout(r, 1000));
process.env.PCSCLITE_CSOCK_NAME = pcscd.env.PCSCLITE_CSOCK_NAME;

// Direct: pcsc-mini in this process.
const mini = (await import('pcsc-mini')) as typeof import('pcsc-mini');
const client = new mini.Client().start();
await new Promise((r) => setTimeout(r, 500));
const card = await client.reader(pcscd.readerName)!.connect(mini.CardMode.SHARED, mini.Protocol.T1);
const tx = await card.transaction();
const direct: number[] = [];
for (let i = 0; i < N + 20; i++) {
  const t0 = performance.now();
  await card.transmit(SELECT);
  if (i >= 20) direct.push(performance.now() - t0);
}
await tx.end(mini.CardDisposition.LEAVE);
await card.disconnect(mini.CardDisposition.LEAVE);
client.stop();

// Through the bridge (from source), with the app's client objects.
const bridge = await startBridge(pcscd.env, [ORIGIN]);
const WS = class extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
} as unknown as typeof globalThis.WebSocket;
const rm = new BridgeResourceManager(bridge.url, { WebSocketImpl: WS });
const ctx = await rm.establishContext();
const { connection } = await ctx.connect(pcscd.readerName, 'shared', { preferredProtocols: ['t1'] });
const viaBridge: number[] = [];
await connection.startTransaction(async () => {
  for (let i = 0; i < N + 20; i++) {
    const t0 = performance.now();
    await connection.transmit(SELECT);
    if (i >= 20) viaBridge.push(performance.now() - t0);
  }
  return 'leave';
});
await connection.disconnect('leave');
rm.close();

// The bridge alone: same client and server code over a fake PC/SC service that answers at once,
// because the vpcd leg (TCP, ~40 ms delayed-ACK rounds) dwarfs anything the bridge adds.
const { FakePcsc } = await import('../../bridge/test/fake-pcsc');
const { startBridgeServer } = await import('../../bridge/src/server');
const { DEFAULT_LIMITS } = await import('../../bridge/src/session');
const fake = new FakePcsc();
fake.addReader('R');
fake.insert('R');
const config = {
  port: 0,
  allowedOrigins: [ORIGIN],
  limits: DEFAULT_LIMITS,
  maxInFlight: 16,
  idleTimeoutMs: 60_000,
  debugApdu: false,
  sources: [],
  configPath: '',
};
const server = await startBridgeServer({ config, service: fake, version: 'bench', listenPort: 0 });
const rm2 = new BridgeResourceManager(`ws://127.0.0.1:${server.port}/`, { WebSocketImpl: WS });
const c2 = (await (await rm2.establishContext()).connect('R', 'shared')).connection;
const bridgeOnly: number[] = [];
for (let i = 0; i < N + 20; i++) {
  const t0 = performance.now();
  await c2.transmit(SELECT);
  if (i >= 20) bridgeOnly.push(performance.now() - t0);
}
rm2.close();
await server.close();

const d = median(direct);
const b = median(viaBridge);
console.log(`APDU round trip, SELECT GIDS (17 B → 22 B), median of ${N} after 20 warm-up:`);
console.log(`  direct PC/SC from Node (pcsc-mini):     ${d.toFixed(3)} ms`);
console.log(`  app client → bridge → pcscd → vpcd:     ${b.toFixed(3)} ms`);
console.log(`  added by the bridge: ${(b - d).toFixed(3)} ms median; ratio ${(b / d).toFixed(2)}`);
console.log(
  `  app client → bridge → instant fake PC/SC (bridge + socket + codec alone): ${median(bridgeOnly).toFixed(3)} ms`,
);
await bridge.stop();
await vpcd.close();
await pcscd.dispose();
process.exit(0);
