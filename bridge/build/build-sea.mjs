// `npm run build:bridge`: one executable for the build platform — a Node single executable
// application (nodejs.org/api/single-executable-applications.html) carrying the bundled bridge
// and pcsc-mini's prebuilt native addon as an SEA asset, loaded with process.dlopen from a
// per-version temp copy (an addon cannot be dlopen'ed from memory).
//
// Steps: esbuild bundle (CJS, Node 20) → sea-config.json → `node --experimental-sea-config` blob →
// copy of the running node binary → postject injects the blob (NODE_SEA_BLOB, sentinel fuse).
// Output: bridge/dist/smartcard-bridge[.exe]. Signing: docs/bridge-packaging.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const out = resolve('bridge/dist');
mkdirSync(out, { recursive: true });

// pcsc-mini picks its platform package at run time; resolve it now, for this platform only.
const addonLoader = require.resolve('pcsc-mini/build/addon.node.js');
const platformPkg = (() => {
  const src = readFileSync(addonLoader, 'utf8');
  const mod = { exports: {} };
  // Run only the platform switch: replace the final require with a capture of the package name.
  const fn = new Function(
    'require',
    'module',
    'process',
    src.replace(/module\.exports = require\(pkg\);/, 'module.exports = pkg;'),
  );
  fn(require, mod, process);
  return mod.exports;
})();
const addonPath = require.resolve(`${platformPkg}/addon.node`, { paths: [dirname(addonLoader)] });
const version = /BRIDGE_VERSION = '([^']+)'/.exec(readFileSync('bridge/src/version.ts', 'utf8'))[1];

const seaAddon = {
  name: 'sea-addon',
  setup(b) {
    // pcsc-mini's loader requires its platform package by a computed name; replace the loader.
    b.onLoad({ filter: /pcsc-mini[\\/]build[\\/]addon\.node\.js$/ }, () => ({
      loader: 'js',
      contents: `
        const sea = require('node:sea');
        if (sea.isSea()) {
          const fs = require('node:fs'), os = require('node:os'), path = require('node:path');
          const file = path.join(os.tmpdir(), 'smartcard-bridge-${version}-${process.platform}-${process.arch}.node');
          const bytes = Buffer.from(sea.getRawAsset('pcsc.node'));
          let same = false;
          try { same = fs.readFileSync(file).equals(bytes); } catch {}
          if (!same) fs.writeFileSync(file, bytes, { mode: 0o500 });
          const m = { exports: {} };
          process.dlopen(m, file);
          module.exports = m.exports;
        } else {
          // Not inside the SEA (the bundle run directly): the addon from node_modules.
          module.exports = require('node:module').createRequire(__filename)(${JSON.stringify(addonPath)});
        }`,
    }));
  },
};

await build({
  entryPoints: ['bridge/src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: join(out, 'bridge.cjs'),
  plugins: [seaAddon],
  // ws's optional native speedups are not used by the bridge (and an SEA cannot require them).
  external: ['bufferutil', 'utf-8-validate'],
  banner: { js: "process.env.WS_NO_BUFFER_UTIL = '1'; process.env.WS_NO_UTF_8_VALIDATE = '1';" },
  logLevel: 'warning',
});

const exe = join(out, process.platform === 'win32' ? 'smartcard-bridge.exe' : 'smartcard-bridge');
writeFileSync(
  join(out, 'sea-config.json'),
  JSON.stringify({
    main: join(out, 'bridge.cjs'),
    output: join(out, 'sea-prep.blob'),
    disableExperimentalSEAWarning: true,
    assets: { 'pcsc.node': addonPath },
  }),
);
execFileSync(process.execPath, ['--experimental-sea-config', join(out, 'sea-config.json')], {
  stdio: 'inherit',
});
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
const postject = [
  require.resolve('postject/dist/cli.js'),
  exe,
  'NODE_SEA_BLOB',
  join(out, 'sea-prep.blob'),
  '--sentinel-fuse',
  'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
];
if (process.platform === 'darwin') postject.push('--macho-segment-name', 'NODE_SEA');
execFileSync(process.execPath, postject, { stdio: 'inherit' });
console.info(
  `built ${exe} (${(statSync(exe).size / 1e6).toFixed(1)} MB, bridge ${version}, addon ${platformPkg})`,
);
