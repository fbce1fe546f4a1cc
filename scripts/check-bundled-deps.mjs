#!/usr/bin/env node
// `npm run check:deps [dir…]`: every npm package whose code ends up in a built bundle must be a
// runtime dependency. A bundled package is one that a source map in the build lists
// (`…/node_modules/<name>/…`); it fails the check when package.json lists it under
// devDependencies, or when package-lock.json marks it `dev` (reachable only through
// devDependencies, so `npm ci --omit=dev` — and any audit of shipped code — would not see it).
// Default directory: dist/. The e2e tier runs this on the demo and the production build
// (test/e2e/production-build.e2e.ts); test/unit/build/bundled-deps.test.ts shows it failing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lock-file keys (`node_modules/a`, `node_modules/a/node_modules/@s/b`) of one source path. */
const KEY = /node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*/;

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Lock-file keys of every package a build directory's source maps list, sorted. */
export function bundledPackages(dir) {
  const keys = new Set();
  for (const f of files(dir).filter((f) => f.endsWith('.map'))) {
    const { sources = [] } = JSON.parse(readFileSync(f, 'utf8'));
    for (const s of sources) {
      const m = KEY.exec(s.replace(/\\/g, '/'));
      if (m) keys.add(m[0]);
    }
  }
  return [...keys].sort();
}

/** Package name of a lock key: the part after the last `node_modules/`. */
export const nameOf = (key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * Problems (one line each) for the bundled `keys` given package.json and package-lock.json
 * contents; empty when every bundled package is a runtime dependency.
 */
export function problems(keys, pkg, lock) {
  const out = [];
  const dev = pkg.devDependencies ?? {};
  for (const key of keys) {
    const name = nameOf(key);
    const entry = lock.packages?.[key];
    if (name in dev) out.push(`${name} is bundled but listed in devDependencies: move it to dependencies`);
    else if (!entry) out.push(`${name} is bundled but ${key} is not in package-lock.json`);
    else if (entry.dev || entry.devOptional)
      out.push(
        `${name} is bundled but only a devDependency pulls it in: add it (or its parent) to dependencies`,
      );
  }
  return out;
}

/** Bare package specifiers of value imports (`import … from`, `import '…'`, `import('…')`) in one source text. */
export function importedPackages(text) {
  const names = new Set();
  const re =
    /(?:^|[\s;])import\s*(?:(type\s)?[^'"();]*?from\s*)?['"]([^'"./][^'"]*)['"]|import\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    if (m[1]) continue; // `import type` is erased at build time
    const spec = m[2] ?? m[3];
    if (spec.startsWith('node:') || spec.startsWith('virtual:')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return names;
}

/** Problems for the packages that the TypeScript under `srcDir` imports (no build needed: the unit tier runs this). */
export function checkSourceImports(srcDir, root = process.cwd()) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const names = new Set();
  for (const f of files(srcDir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))) {
    for (const n of importedPackages(readFileSync(f, 'utf8'))) names.add(n);
  }
  return [...names].sort().flatMap((n) => {
    if (!(n in (pkg.dependencies ?? {}))) return [`${srcDir} imports ${n}, which is not in dependencies`];
    return problems([`node_modules/${n}`], pkg, lock).map((p) => `${srcDir}: ${p}`);
  });
}

/** Runs the check on `dirs` against the repository's package.json and lock; returns the problems. */
export function checkDirs(dirs, root = process.cwd()) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return dirs.flatMap((d) => problems(bundledPackages(d), pkg, lock).map((p) => `${d}: ${p}`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  const targets = dirs.length ? dirs : ['dist'];
  const found = checkDirs(targets);
  for (const p of found) console.error(p);
  if (found.length) process.exit(1);
  console.log(
    `bundled packages are all runtime dependencies (${targets.map((d) => `${d}: ${bundledPackages(d).length}`).join(', ')})`,
  );
}
