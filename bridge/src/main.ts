/**
 * `smartcard-bridge` — the local card bridge (docs/bridge-protocol.md, README "Real readers on
 * Windows, macOS and Linux"). Usage:
 *
 *   smartcard-bridge [--port N] [--allow-origin URL]... [--config FILE] [--debug-apdu]
 *   smartcard-bridge --check      configuration, PC/SC service state and readers (for help desks)
 *   smartcard-bridge --version
 *
 * From source: `npm run bridge -- --port N --allow-origin URL`.
 */
import { sleep } from '../../src/common/sleep';
import { ConfigError, loadConfig, parseArgs, type BridgeConfig } from './config';
import { loadPcscMini } from './load-binding';
import { isFinalizerNoise, PcscMiniService } from './pcsc-mini-service';
import { startBridgeServer } from './server';
import { BRIDGE_VERSION } from './version';

const HELP = `smartcard-bridge ${BRIDGE_VERSION}
  --port N            TCP port on 127.0.0.1 (default 47653)
  --allow-origin URL  page origin allowed to connect (repeatable), e.g. https://selfservice.example.com
  --config FILE       configuration file (default: the per-OS path, see --check)
  --debug-apdu        log APDUs, redacted (PINs, keys and cryptograms are never shown)
  --check             print configuration, PC/SC service state and readers, then exit
  --version           print the version and exit`;

const stamp = () => new Date().toISOString();
const log = (line: string) => console.info(`${stamp()} ${line}`);

async function check(config: BridgeConfig): Promise<number> {
  console.info(
    `smartcard-bridge ${BRIDGE_VERSION} on ${process.platform}-${process.arch}, Node ${process.versions.node}`,
  );
  console.info(`config file: ${config.configPath}`);
  console.info(`listen: 127.0.0.1:${config.port}`);
  console.info(
    `allowed origins: ${config.allowedOrigins.length ? config.allowedOrigins.join(', ') : '(none — every page is refused)'}`,
  );
  for (const s of config.sources) console.info(`  from ${s}`);
  let svc: PcscMiniService;
  try {
    svc = new PcscMiniService(await loadPcscMini());
  } catch (e) {
    console.info(`PC/SC binding: failed to load (${(e as Error).message})`);
    return 2;
  }
  // Why 1.5 s: the monitor thread reports every reader within one SCardGetStatusChange round.
  await sleep(1500);
  console.info(`PC/SC service: ${svc.state}`);
  for (const r of svc.readers())
    console.info(`  reader: ${r.name} — ${r.state & 0x20 ? 'card present' : 'no card'}`);
  if (svc.state === 'running' && svc.readers().length === 0) console.info('  no readers');
  svc.close();
  return svc.state === 'running' ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) return (console.info(HELP), 0);
  if (args.version) return (console.info(BRIDGE_VERSION), 0);
  const config = loadConfig(args);
  if (args.check) return check(config);
  if (config.allowedOrigins.length === 0)
    log(`warning: no allowed origins configured (${config.configPath}); every page will be refused`);
  const service = new PcscMiniService(await loadPcscMini(), undefined, log);
  const server = await startBridgeServer({ config, service, version: BRIDGE_VERSION, log });
  log(
    `smartcard-bridge ${BRIDGE_VERSION} listening on 127.0.0.1:${server.port}; origins: ${config.allowedOrigins.join(', ') || '(none)'}`,
  );
  let lastState = service.state;
  log(`PC/SC service ${service.state}`);
  service.onChange(() => {
    if (service.state !== lastState)
      log(
        `PC/SC service ${(lastState = service.state)}${service.retryInMs ? `, retry in ${service.retryInMs} ms` : ''}`,
      );
  });
  const stop = async () => {
    log('stopping');
    await server.close();
    service.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}

process.on('uncaughtException', (e) => {
  if (isFinalizerNoise(e))
    return log(
      `ignored: ${e.message} (${(e as { code?: string }).code ?? ''}) — a stale PC/SC client was collected`,
    );
  console.error(e);
  process.exit(70);
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    console.error(e instanceof ConfigError ? `configuration error: ${e.message}` : e);
    process.exit(e instanceof ConfigError ? 64 : 70);
  },
);
