#!/usr/bin/env node
// `npm run size`: gzip size of every emitted JS/CSS chunk in dist/, split into the initial load
// (what index.html pulls in, plus its static imports) and lazy chunks (dynamic imports, the SW).
// Builds first when dist/ is missing. Goal for the whole shell at project end: initial ≤ 60 KB gzip.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

if (!existsSync('dist/index.html') || process.argv.includes('--build')) {
  const r = spawnSync(process.execPath, ['scripts/vite.mjs', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const html = readFileSync('dist/index.html', 'utf8');
const entryFiles = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);

// Follow static imports (`import … from "./x.js"` and `import "./x.js"`) from the entries.
const initial = new Set();
const queue = [...entryFiles];
while (queue.length) {
  const f = queue.shift();
  if (initial.has(f)) continue;
  initial.add(f);
  if (!f.endsWith('.js')) continue;
  const code = readFileSync(join('dist', f), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push(`assets/${m[1]}`);
  }
}

const rows = [];
for (const dir of ['dist/assets', 'dist']) {
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const rel = dir === 'dist' ? name : `assets/${name}`;
    const buf = readFileSync(join('dist', rel));
    rows.push({
      file: rel,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      initial: initial.has(rel),
    });
  }
}
rows.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
const kb = (n) => (n / 1024).toFixed(2).padStart(8);
console.log('kind     raw KB  gzip KB  file');
for (const r of rows)
  console.log(`${r.initial ? 'initial' : 'lazy   '} ${kb(r.raw)} ${kb(r.gzip)}  ${r.file}`);
const sum = (pred) => rows.filter(pred).reduce((a, r) => a + r.gzip, 0);
console.log(`\ninitial JS+CSS gzip: ${kb(sum((r) => r.initial)).trim()} KB (goal ≤ 60 KB)`);
console.log(`lazy JS+CSS gzip:    ${kb(sum((r) => !r.initial)).trim()} KB (incl. service worker)`);
