import { describe, expect, it } from 'vitest';
import { SimulatorProvider } from '../../../src/sim/simulator-provider';
import { detectCard, cardIdToGuid } from '../../../src/card';

describe('SimulatorProvider', () => {
  it('offers one granted reader whose GIDS card answers through the real CCID stack', async () => {
    const p = await SimulatorProvider.create();
    expect(p.isSupported()).toEqual({ supported: true });
    const [reader, ...rest] = await p.knownReaders();
    expect(rest).toHaveLength(0);
    expect(await reader!.cardPresent()).toBe(true);
    const conn = await reader!.connect();
    expect(conn.protocol).toBe('T1');
    const detected = await detectCard(conn);
    if (detected.type !== 'gids') throw new Error(`expected GIDS, got ${detected.type}`);
    expect(cardIdToGuid(await detected.card.readCardId())).toBe(cardIdToGuid(p.gidsCardId));
    await conn.disconnect();
  });

  it('reports removal and insertion of a card, and swaps to the PIV card', async () => {
    const p = await SimulatorProvider.create('short-apdu');
    const [reader] = await p.knownReaders();
    const events: string[] = [];
    reader!.addEventListener('cardremoved', () => events.push('removed'));
    reader!.addEventListener('cardinserted', () => events.push('inserted'));
    await reader!.connect().then((c) => c.disconnect());
    p.remove();
    await expect.poll(() => events).toContain('removed');
    expect(await reader!.cardPresent()).toBe(false);
    p.insert('piv');
    await expect.poll(() => events).toContain('inserted');
    const conn = await reader!.connect();
    expect((await detectCard(conn)).type).toBe('piv');
    await conn.disconnect();
  });
});
