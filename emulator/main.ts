/**
 * Standalone MIM CM emulator: `npm run emulator -- --port 4390 [--auth negotiate] [--cors full
 * --cors-origin http://localhost:5173] [--latency 200] [--force-500 certificatedata]
 * [--forbid-sensitive] [--pin-route request|smartcard|both] [--policy-route …] [--require-approval]
 * [--config emulator.json]`. Serves http://127.0.0.1:<port>/CertificateManagement/api/v1.0.
 */
import { API_PREFIX, createEmulator } from './core';
import { listen } from './node';
import { parseCli } from './options';

async function main(): Promise<void> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`emulator: ${(e as Error).message}`);
    process.exit(2);
  }
  const emu = createEmulator({ ...cli, log: (line) => console.info(line) });
  const host = process.env.EMULATOR_HOST ?? '127.0.0.1';
  const server = await listen(emu, emu.options.port, host);
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : emu.options.port;
  const o = emu.options;
  console.info(
    `MIM CM emulator on http://${host}:${port}${API_PREFIX} (auth ${o.auth}, cors ${o.cors}, latency ${o.latencyMs} ms)`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
