/**
 * What ships in a bundle is a runtime dependency (scripts/check-bundled-deps.mjs): the app's own
 * imports are checked here against package.json and package-lock.json without a build; the e2e
 * tier runs the same rules on the source maps of the demo and the production build.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundledPackages,
  checkSourceImports,
  importedPackages,
  problems,
} from '../../../scripts/check-bundled-deps.mjs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function buildDir(sources: string[]): string {
  const d = mkdtempSync(join(tmpdir(), 'bundled-deps-'));
  dirs.push(d);
  writeFileSync(join(d, 'index-x.js.map'), JSON.stringify({ version: 3, sources }));
  return d;
}

describe('bundled packages are dependencies', () => {
  it('every package src/ imports is in dependencies and not dev-only in the lock', () => {
    expect(checkSourceImports('src')).toEqual([]);
  });

  it('reads package names, scoped and nested, from source maps', () => {
    const d = buildDir([
      '../node_modules/lit-html/lit-html.js',
      '../node_modules/@noble/curves/nist.js',
      '../node_modules/a/node_modules/@s/b/x.js',
      '../src/main.ts',
    ]);
    expect(bundledPackages(d)).toEqual([
      'node_modules/@noble/curves',
      'node_modules/a/node_modules/@s/b',
      'node_modules/lit-html',
    ]);
  });

  it('fails a bundled devDependency and a package only a devDependency pulls in', () => {
    const pkg = { dependencies: { lit: '3' }, devDependencies: { 'des.js': '1' } };
    const lock = {
      packages: { 'node_modules/des.js': {}, 'node_modules/tslib': { dev: true }, 'node_modules/lit': {} },
    };
    expect(
      problems(
        ['node_modules/des.js', 'node_modules/tslib', 'node_modules/lit', 'node_modules/gone'],
        pkg,
        lock,
      ),
    ).toEqual([
      'des.js is bundled but listed in devDependencies: move it to dependencies',
      'tslib is bundled but only a devDependency pulls it in: add it (or its parent) to dependencies',
      'gone is bundled but node_modules/gone is not in package-lock.json',
    ]);
  });

  it('sees value imports and skips type-only ones and relative paths', () => {
    const text =
      "import type { X } from 'type-only';\nimport { a } from 'pkg-a/sub';\nimport '@s/side';\nconst m = import('lazy');\nimport { b } from './local';\nimport x from 'node:fs';";
    expect([...importedPackages(text)].sort()).toEqual(['@s/side', 'lazy', 'pkg-a']);
  });
});
