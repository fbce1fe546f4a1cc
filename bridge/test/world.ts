/** Starts a bridge server on a free port over a {@link FakePcsc}; shared by the unit tests. */
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

export async function startWorld(over: Partial<BridgeConfig> = {}): Promise<World> {
  const pcsc = new FakePcsc();
  pcsc.addReader('Reader A');
  const logs: string[] = [];
  const config: BridgeConfig = {
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
  const server = await startBridgeServer({
    config,
    service: pcsc,
    version: '9.9.9',
    log: (l) => logs.push(l),
    listenPort: 0,
  });
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
