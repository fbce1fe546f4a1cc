/** Test glue: a CmClient wired to an in-process emulator (no ports), plus raw-request helpers. */
import { CmClient } from '../../../src/cm';
import { API_PREFIX, createEmulator, type Emulator } from '../../../emulator/core';
import type { EmulatorOptions } from '../../../emulator/options';

export const ORIGIN = 'http://cm.emulator.test';

/** `fetch` that hands requests to the emulator in-process. */
export function emulatorFetch(emu: Emulator): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) =>
    emu.handle(new Request(input, init))) as typeof fetch;
}

export function setup(
  opts: Partial<EmulatorOptions> = {},
  clientOpts: Partial<ConstructorParameters<typeof CmClient>[0]> = {},
) {
  const emu = createEmulator(opts);
  const client = new CmClient({
    baseUrl: `${ORIGIN}${API_PREFIX}`,
    fetch: emulatorFetch(emu),
    getRetries: 0,
    ...clientOpts,
  });
  return { emu, client };
}

/** Sends one raw request (path as printed in the docs, host added). */
export function send(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return emu.handle(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );
}

/**
 * Same field names, same field order and same JSON types, recursively (arrays: every element
 * against the documented first element). Returns the first difference or null.
 */
export function shapeDiff(actual: unknown, expected: unknown, path = '$'): string | null {
  if (expected === null) return actual === null ? null : `${path}: expected null`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected array`;
    if (expected.length === 0) return null;
    for (const [i, a] of actual.entries()) {
      const d = shapeDiff(a, expected[0], `${path}[${i}]`);
      if (d) return d;
    }
    return actual.length === 0 ? `${path}: expected a non-empty array` : null;
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: expected object`;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    if (ek.join() !== ak.join()) return `${path}: keys ${ak.join()} ≠ documented ${ek.join()}`;
    for (const k of ek) {
      const d = shapeDiff(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
      if (d) return d;
    }
    return null;
  }
  return typeof actual === typeof expected
    ? null
    : `${path}: ${typeof actual} ≠ documented ${typeof expected}`;
}
