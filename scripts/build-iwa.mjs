#!/usr/bin/env node
// `npm run build:iwa`: the app as a signed web bundle for an Isolated Web App.
//   node scripts/build-iwa.mjs [--from <built dir>] [--mode <vite mode>] [--app-dir <dir>] [--out <file.swbn>] [--key <key.pem>]
// Without --from it runs `vite build` (production, or --mode) into --app-dir (default dist-iwa/app) first.
// Only `--mode demo` bundles the simulator; the production IWA has none (vite.config.ts __SIMULATOR__).
// Signing key, first match wins: --key <path>, IWA_SIGNING_KEY (PEM text), IWA_SIGNING_KEY_FILE
// (path), else a development key .iwa-dev-key.pem generated on first use (git-ignored; never ship it).
// Prints the bundle id, its isolated-app:// origin and the size.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register(); // the bundle code is TypeScript next to the other build modules
const { buildWebBundle, loadSigningKey, signWebBundle } = await import('../build/iwa-bundle.ts');

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    mode: { type: 'string' },
    'app-dir': { type: 'string' },
    out: { type: 'string' },
    key: { type: 'string' },
  },
});
let dir = values.from;
if (!dir) {
  dir = resolve(values['app-dir'] ?? 'dist-iwa/app');
  await import('./vite-env.mjs');
  const { build } = await import('vite');
  await build({
    mode: values.mode ?? 'production',
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
}
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
let signing;
try {
  signing = loadSigningKey({
    path: values.key ?? process.env.IWA_SIGNING_KEY_FILE,
    pem: values.key ? undefined : process.env.IWA_SIGNING_KEY,
    devPath: resolve('.iwa-dev-key.pem'),
  });
} catch (e) {
  console.error(
    `[build-iwa] cannot read the signing key: ${e.message} (expected an Ed25519 private key in PEM)`,
  );
  process.exit(1);
}
const { key, origin } = signing;
const { signed, bundleId } = await signWebBundle(buildWebBundle(dir, version), key);
const out = resolve(values.out ?? 'dist-iwa/smartcard-self-service.swbn');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, signed);
console.info(`signed web bundle: ${out} (${signed.length} bytes, version ${version})`);
console.info(`signing key: ${origin}`);
console.info(`bundle id: ${bundleId}`);
console.info(`origin: isolated-app://${bundleId}/`);
