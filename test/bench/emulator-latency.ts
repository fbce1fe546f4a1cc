/**
 * In-process latency of the CM emulator (no sockets): `npx tsx test/bench/emulator-latency.ts`.
 * Prints p50/p95 per call type; a figure, never an assertion.
 */
import { createEmulator } from '../../emulator/core';

const P = 'http://bench/CertificateManagement/api/v1.0';
const emu = createEmulator();

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await emu.handle(
    new Request(`${P}${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      }),
    }),
  );
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

async function main(): Promise<void> {
  const req = String(
    await call('POST', '/requests', {
      datacollection: '[]',
      type: 'Enroll',
      profiletemplateuuid: 'a039b4d0-5ce8-4eff-8651-181c6576fda3',
      comment: '',
    }),
  )
    .split('/')
    .pop()!;
  const sc = String(
    await call('POST', '/smartcards', { requestid: req, cardid: 'bc88f13f-83ba-4037-8262-46eba1291c6e' }),
  )
    .split('/')
    .pop()!;
  const cases: [string, () => Promise<unknown>][] = [
    ['GET profiletemplates', () => call('GET', '/profiletemplates')],
    ['GET requests/{id}', () => call('GET', `/requests/${req}`)],
    [
      'GET authenticationresponse',
      () =>
        call(
          'GET',
          `/requests/${req}/smartcards/${sc}/authenticationresponse?cardid=bc88f13f-83ba-4037-8262-46eba1291c6e&challenge=1hFD%2Bcz%2F0so%3D&diversified=true`,
        ),
    ],
    [
      'POST requests',
      () =>
        call('POST', '/requests', {
          datacollection: '[]',
          type: 'Enroll',
          profiletemplateuuid: '97cd65fa-af4b-4587-9309-0dd6bfd8b4e1',
          comment: '',
        }),
    ],
  ];
  const all: number[] = [];
  for (const [name, fn] of cases) {
    for (let i = 0; i < 200; i++) await fn(); // warm-up
    const t: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      await fn();
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    all.push(...t);
    console.info(
      `${name.padEnd(28)} p50 ${(t[1000]! * 1000).toFixed(0)} µs  p95 ${(t[1900]! * 1000).toFixed(0)} µs`,
    );
  }
  all.sort((a, b) => a - b);
  console.info(
    `${'all calls'.padEnd(28)} p50 ${(all[all.length >> 1]! * 1000).toFixed(0)} µs  (n=${all.length})`,
  );
}

void main();
