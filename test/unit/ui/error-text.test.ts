import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/ui/i18n/error-text';

/** Every `'flow/…'` code the flows layer can throw, read from its sources. */
function flowCodes(dir = 'src/flows'): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) continue;
    for (const m of readFileSync(p, 'utf8').matchAll(/'(flow\/[a-z-]+)'/g)) out.add(m[1]!);
  }
  return out;
}

describe('errorText', () => {
  it('has a specific text with a next step for every flow error code', () => {
    const codes = flowCodes();
    expect(codes.size).toBeGreaterThan(15);
    const generic = [...codes].filter((code) => errorText({ code }).what.startsWith('Unerwarteter Fehler'));
    expect(generic).toEqual([]);
  });

  it('names retries and correlation ids from the error data', () => {
    expect(errorText({ code: 'card/pin-wrong', data: { retries: 2 } }).what).toBe('Die PIN ist falsch – noch 2 Versuche.');
    expect(errorText({ code: 'cm/http-500', data: { correlationId: 'abc-123' } }).next).toContain('abc-123');
  });

  it('falls back to a generic text that names the code', () => {
    expect(errorText({ code: 'x/unknown-thing' }).what).toBe('Unerwarteter Fehler (x/unknown-thing).');
    expect(errorText(new Error('plain')).what).toBe('Unerwarteter Fehler (unknown).');
  });
});
