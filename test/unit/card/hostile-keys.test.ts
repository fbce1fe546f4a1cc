/**
 * Hostile cards against the key stores (GIDS containers and key files, PIV slots): reading
 * certificates and public keys, allocating, generating, signing and writing — every call returns
 * or fails with a coded AppError within a deadline, whatever the card answers.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { GidsCard, PivCard, type KeySpec, type KeyUsage, type ManagedCard } from '../../../src/card';
import { atr, expectTypedOrValue, hostileConnection, runs, script } from './hostile-connection';

const usage = fc.constantFrom<KeyUsage>(
  { sign: true, decrypt: true },
  { sign: true, decrypt: false },
  { sign: false, decrypt: true },
);
const spec = fc.constantFrom<KeySpec>({ kind: 'rsa', bits: 2048 }, { kind: 'rsa', bits: 1024 }, {
  kind: 'ec',
  curve: 'P-256',
} as KeySpec);

type KeyOp = (
  card: ManagedCard,
  slot: string,
  u: KeyUsage,
  s: KeySpec,
  signal: AbortSignal,
) => Promise<unknown>;
const KEY_OPS: Array<[string, KeyOp]> = [
  ['readCertificate', (c, slot, u, _s, signal) => c.keys.readCertificate(slot, u, { signal })],
  ['readPublicKey', (c, slot, _u, s, signal) => c.keys.readPublicKey(slot, s, { signal })],
  ['allocateKeySlot', (c, _slot, u, s, signal) => c.keys.allocateKeySlot(u, s, [], { signal })],
  ['generateKey', (c, slot, _u, s, signal) => c.keys.generateKey(slot, s, { signal })],
  [
    'signDigest',
    (c, slot, _u, s, signal) =>
      c.keys.signDigest(slot, s, 'SHA-256', new Uint8Array(32).fill(0xab), { signal }),
  ],
  [
    'writeCertificate',
    (c, slot, u, _s, signal) => c.keys.writeCertificate(slot, u, new Uint8Array(600).fill(0x30), { signal }),
  ],
];

describe('hostile cards against the key stores', () => {
  for (const [kind, make, slots] of [
    ['GIDS', (h: ReturnType<typeof hostileConnection>) => new GidsCard(h.conn), ['81', '82', '8f']],
    ['PIV', (h: ReturnType<typeof hostileConnection>) => new PivCard(h.conn), ['9a', '9c', '9d', '9e']],
  ] as const) {
    it(`${kind} key store: every call returns or fails with a coded AppError, bounded`, async () => {
      await fc.assert(
        fc.asyncProperty(
          script,
          atr,
          fc.constantFrom(...KEY_OPS),
          fc.constantFrom(...slots),
          usage,
          spec,
          async (replies, atrBytes, [name, run], slot, u, s) => {
            const h = hostileConnection(replies, atrBytes);
            await expectTypedOrValue(
              (signal) => run(make(h), slot, u, s, signal),
              h,
              `${kind}.keys.${name}(${slot})`,
            );
          },
        ),
        runs(300),
      );
    });
  }
});
