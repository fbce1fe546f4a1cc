import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templates } from '../../../src/ui/i18n/en';

/** Every `msg(…, { id: 'x' })` in src/ui, found by reading the sources. */
function usedIds(dir: string): Set<string> {
  const ids = new Set<string>();
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) for (const id of usedIds(p)) ids.add(id);
    else if (p.endsWith('.ts'))
      for (const m of readFileSync(p, 'utf8').matchAll(/\{\s*id:\s*'([^']+)',?\s*\}/g)) ids.add(m[1]!);
  }
  return ids;
}

describe('English translations', () => {
  const used = usedIds('src/ui');

  it('finds the message ids in the sources (the scan itself works)', () => {
    expect(used.size).toBeGreaterThan(10);
    expect(used.has('home.title')).toBe(true);
  });

  it('translate every id used in the UI', () => {
    expect([...used].filter((id) => !(id in templates))).toEqual([]);
  });

  it('contain no ids that the UI no longer uses', () => {
    expect(Object.keys(templates).filter((id) => !used.has(id))).toEqual([]);
  });

  it('are non-empty', () => {
    expect(
      Object.entries(templates).filter(
        ([, t]) => (typeof t === 'string' ? t : t.strings.join('')).trim() === '',
      ),
    ).toEqual([]);
  });
});
