/**
 * Hostile cards against detection and the two card applications: whatever a card answers
 * (hostile-connection.ts), detectCard, GidsCard and PivCard return or fail with a coded AppError
 * within a deadline. Seen failing once on a broken parser (see the commit message).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { GidsCard, PivCard, detectCard, type ManagedCard } from '../../../src/card';
import { atr, expectTypedOrValue, hostileConnection, runs, script } from './hostile-connection';

type CardOp = [name: string, run: (card: ManagedCard, signal: AbortSignal) => Promise<unknown>];

/** Every ManagedCard operation, with plausible arguments. */
const CARD_OPS: CardOp[] = [
  ['select', (c, signal) => c.select({ signal })],
  ['readCardId', (c, signal) => c.readCardId({ signal })],
  ['pinStatus', (c, signal) => c.pinStatus({ signal })],
  ['verifyPin', (c, signal) => c.verifyPin('12345678', { signal })],
  ['changePin', (c, signal) => c.changePin('12345678', '87654321', { signal })],
  ['getAdminChallenge', (c, signal) => c.getAdminChallenge({ signal })],
  ['adminKeyAlgorithm', (c, signal) => c.adminKeyAlgorithm({ signal })],
  ['authenticateAdmin', (c, signal) => c.authenticateAdmin(new Uint8Array(8).fill(7), { signal })],
  ['setPin', (c, signal) => c.setPin('24682468', { signal })],
  ['changeAdminKey', (c, signal) => c.changeAdminKey(new Uint8Array(24).fill(1), { signal })],
  ['deauthenticate', (c, signal) => c.deauthenticate({ signal })],
];

const op = fc.constantFrom(...CARD_OPS);

describe('hostile cards', () => {
  it('detectCard returns a result or a coded AppError, bounded', async () => {
    await fc.assert(
      fc.asyncProperty(script, atr, async (replies, atrBytes) => {
        const h = hostileConnection(replies, atrBytes);
        await expectTypedOrValue((signal) => detectCard(h.conn, { signal }), h, 'detectCard');
      }),
      runs(150),
    );
  });

  for (const [kind, make] of [
    ['GidsCard', (h: ReturnType<typeof hostileConnection>) => new GidsCard(h.conn)],
    ['PivCard', (h: ReturnType<typeof hostileConnection>) => new PivCard(h.conn)],
  ] as const) {
    it(`${kind}: every operation returns or fails with a coded AppError, bounded`, async () => {
      await fc.assert(
        fc.asyncProperty(script, atr, op, async (replies, atrBytes, [name, run]) => {
          const h = hostileConnection(replies, atrBytes);
          await expectTypedOrValue((signal) => run(make(h), signal), h, `${kind}.${name}`);
        }),
        runs(300),
      );
    });
  }
});
