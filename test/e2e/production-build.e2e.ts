/**
 * Production builds ship no simulator: `vite build` (mode production) into a scratch directory and
 * `npm run build:iwa` (the signed web bundle, read back with wbn) must contain no module of
 * `src/sim/` (source maps list every bundled module) and no text that offers or names the
 * simulator. The same markers are first found in the demo build that `npm run test:e2e` has just
 * built into `dist/`, so the check is known to see simulator code when it is there.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bundle } from 'wbn';
import { build } from 'vite';
import { checkDirs } from '../../scripts/check-bundled-deps.mjs';

import '../../scripts/vite-env.mjs'; // Vite's warning switch, set in one place

/** Strings only simulator code or simulator UI text contains (reader serial, reader name, the word itself). */
const MARKERS = [/DEMO-0001/, /simul/i, /demo-kit/, /GIDS-Karte einstecken/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Every finding in a built directory: sim modules in source maps, markers in shipped text files. */
function simTraces(dir: string): string[] {
  const found: string[] = [];
  for (const f of files(dir)) {
    if (f.endsWith('.map')) {
      const sources = (JSON.parse(readFileSync(f, 'utf8')) as { sources: string[] }).sources;
      for (const s of sources.filter((s) => /(^|\/)src\/sim\//.test(s))) found.push(`${f}: bundles ${s}`);
    } else if (/\.(js|mjs|html|css|json|webmanifest|txt)$/.test(f)) {
      const text = readFileSync(f, 'utf8');
      for (const m of MARKERS) if (m.test(text)) found.push(`${f}: ${m}`);
    }
  }
  return found;
}

describe('production builds contain no simulator', () => {
  it('the demo build (dist/) does contain it — the markers detect simulator code', () => {
    assert.ok(existsSync('dist/index.html'), 'npm run test:e2e builds dist/ in demo mode first');
    const traces = simTraces('dist');
    for (const m of ['src/sim/', 'DEMO-0001', 'simul', 'GIDS-Karte einstecken'])
      assert.ok(
        traces.some((t) => t.includes(m)),
        `demo build shows ${m}`,
      );
    // The demo build ships too (npm start): what it bundles (des.js, @noble/*) is a dependency.
    assert.deepEqual(checkDirs(['dist']), []);
  });

  it('vite build (production) bundles no src/sim module and names no simulator', async () => {
    const out = mkdtempSync(join(tmpdir(), 'prod-build-'));
    try {
      await build({ mode: 'production', logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
      assert.ok(
        files(out).some((f) => /assets\/index-.*\.js$/.test(f)),
        'the build produced the app',
      );
      assert.deepEqual(simTraces(out), []);
      assert.deepEqual(
        checkDirs([out]),
        [],
        'every bundled package is a runtime dependency (scripts/check-bundled-deps.mjs)',
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('npm run build:iwa (production) ships no simulator in its app dir or its signed bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iwa-prod-'));
    try {
      writeFileSync(
        join(dir, 'key.pem'),
        generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
      );
      const out = join(dir, 'app.swbn');
      const run = spawnSync(
        process.execPath,
        ['scripts/build-iwa.mjs', '--app-dir', join(dir, 'app'), '--key', join(dir, 'key.pem'), '--out', out],
        {
          encoding: 'utf8',
          // build-iwa.mjs sets Vite's warning switch itself (scripts/vite-env.mjs).
          timeout: 120_000, // why: a bound, not a speed claim — one production build on a loaded 2-core machine
        },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(simTraces(join(dir, 'app')), []);
      const swbn = readFileSync(out);
      // The signed file is the integrity block, then the web bundle (b2: 85 48 F0 9F 8C 90 F0 9F 93 A6).
      const start = swbn.indexOf(Buffer.from('8548f09f8c90f09f93a6', 'hex'));
      assert.ok(start > 0, 'web bundle found after the integrity block');
      const bundle = new Bundle(swbn.subarray(start));
      assert.ok(bundle.urls.length > 5, 'the bundle holds the app');
      const found = bundle.urls.flatMap((u) => {
        const text = new TextDecoder().decode(bundle.getResponse(u).body);
        return MARKERS.filter((m) => m.test(text)).map((m) => `${u}: ${m}`);
      });
      assert.deepEqual(found, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
