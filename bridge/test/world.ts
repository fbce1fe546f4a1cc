/** Starts a bridge server on a free port over a {@link FakePcsc}; shared by the unit tests. */
import { afterEach, beforeEach } from 'vitest';
import type { BridgeConfig } from '../src/config';
import { startBridgeServer, type BridgeServer } from '../src/server';
import { DEFAULT_LIMITS } from '../src/session';
import { FakePcsc } from './fake-pcsc';
import { RpcClient } from './rpc-client';

export const ORIGIN = 'https://selfservice.test:8443';

export interface World {
  pcsc: FakePcsc;
  server: BridgeServer;
  url: string;
  logs: string[];
  client(origin?: string): Promise<RpcClient>;
  close(): Promise<void>;
}

/** The bridge configuration every test runs with: one allowed origin, default limits, no APDU log. */
export function testConfig(over: Partial<BridgeConfig> = {}): BridgeConfig {
  return {
    port: 0,
    allowedOrigins: [ORIGIN],
    limits: DEFAULT_LIMITS,
    maxInFlight: 16,
    idleTimeoutMs: 60_000,
    debugApdu: false,
    sources: [],
    configPath: '(test)',
    ...over,
  };
}

/** A bridge server over `pcsc` on `port` (default 0: a free one), as version 9.9.9. */
export function serveFake(
  pcsc: FakePcsc,
  o: { config?: Partial<BridgeConfig>; port?: number; log?: (line: string) => void } = {},
): Promise<BridgeServer> {
  const port = o.port ?? 0;
  return startBridgeServer({
    config: testConfig({ port, ...o.config }),
    service: pcsc,
    version: '9.9.9',
    listenPort: port,
    ...(o.log && { log: o.log }),
  });
}

export async function startWorld(over: Partial<BridgeConfig> = {}): Promise<World> {
  const pcsc = new FakePcsc();
  pcsc.addReader('Reader A');
  const logs: string[] = [];
  const server = await serveFake(pcsc, { config: over, log: (l) => logs.push(l) });
  const url = `ws://127.0.0.1:${server.port}/`;
  const opened: RpcClient[] = [];
  return {
    pcsc,
    server,
    url,
    logs,
    async client(origin = ORIGIN) {
      const c = await RpcClient.open(url, { origin });
      opened.push(c);
      return c;
    },
    async close() {
      for (const c of opened) c.ws.terminate();
      await server.close();
    },
  };
}

/** hello + establishContext, returning the context handle. */
export async function ready(c: RpcClient): Promise<number> {
  await c.call('hello', { protocol: 1 });
  const r = await c.call('establishContext');
  return r.result!.context as number;
}

export const b64 = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex').toString('base64');
export const hex = (b64text: unknown) => Buffer.from(String(b64text), 'base64').toString('hex');

/** Resolves when `cond` holds; polls every 10 ms, fails after 2 s. */
export async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 2000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A fresh {@link World} for every test of the enclosing `describe` (started before, closed after
 * each test). The returned object stands for the current test's world.
 */
export function useWorld(): World {
  let current: World | undefined;
  beforeEach(async () => {
    current = await startWorld();
  });
  afterEach(() => current?.close());
  return new Proxy({} as World, {
    get: (_, key) => {
      if (!current) throw new Error('useWorld: no world outside a test');
      return Reflect.get(current, key) as unknown;
    },
  });
}

/** connect to "Reader A" in shared mode on `context`, returning the connection handle. */
export async function connectShared(c: RpcClient, context: number): Promise<number> {
  const r = await c.call('connect', { context, reader: 'Reader A', accessMode: 'shared' });
  return r.result!.connection as number;
}
