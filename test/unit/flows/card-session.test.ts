import { describe, expect, it } from 'vitest';
import { CardSession } from '../../../src/flows/card-session';
import { SimulatorProvider } from '../../../src/sim/simulator-provider';
import { ApduLog } from '../../../src/transport/apdu-log';
import { cardIdToGuid } from '../../../src/card';
import { DEMO_PIV_GUID } from '../../../src/sim/demo-kit';

async function setup() {
  const sim = await SimulatorProvider.create();
  const [reader] = await sim.knownReaders();
  const log = new ApduLog();
  const session = new CardSession({ log });
  const states: string[] = [];
  session.addEventListener('change', () => states.push(session.state.kind));
  return { sim, reader: reader!, log, session, states };
}

describe('CardSession', () => {
  it('identifies the inserted GIDS card: ATR in MIM format, decoded lines, card id; every APDU logged', async () => {
    const { sim, reader, session, log, states } = await setup();
    await session.useReader(reader);
    const s = session.state;
    if (s.kind !== 'ready') throw new Error(`state ${s.kind}`);
    expect(s.info).toMatchObject({
      type: 'gids',
      atrHex: '3b8d0180fba000000397425446590301c8',
      cardId: cardIdToGuid(sim.gidsCardId),
      // the card registry's profile, which views read instead of the type
      profile: { label: 'GIDS', keepsPinOnEnroll: false, pinLimits: { minLength: 4, maxLength: 16 } },
    });
    expect(s.info.atrLines.length).toBeGreaterThan(3);
    expect(session.card?.type).toBe('gids');
    expect(states).toEqual(['reading', 'ready']);
    expect(log.entries.length).toBeGreaterThanOrEqual(2);
  });

  it('follows removal and insertion, identifying the PIV card after a swap', async () => {
    const { sim, reader, session } = await setup();
    await session.useReader(reader);
    sim.remove();
    await expect.poll(() => session.state.kind).toBe('no-card');
    expect(session.card).toBeUndefined();
    sim.insert('piv');
    await expect.poll(() => session.state.kind).toBe('ready');
    const s = session.state;
    expect(s.kind === 'ready' && s.info.type).toBe('piv');
    expect(s.kind === 'ready' && s.info.cardId).toBe(cardIdToGuid(DEMO_PIV_GUID));
    // the enroll view asks a PIV card for its own PIN: the PIN is set by the card owner, not by the admin key
    expect(s.kind === 'ready' && s.info.profile?.keepsPinOnEnroll).toBe(true);
  });

  it('uses the configured card-id byte order', async () => {
    const { sim, reader } = await setup();
    const session = new CardSession({ log: new ApduLog(), byteOrder: () => 'rfc4122' });
    await session.useReader(reader);
    const s = session.state;
    expect(s.kind === 'ready' && s.info.cardId).toBe(cardIdToGuid(sim.gidsCardId, 'rfc4122'));
  });

  it('says no-card for an empty reader and no-reader after release', async () => {
    const { sim, reader, session } = await setup();
    sim.remove();
    await session.useReader(reader);
    expect(session.state.kind).toBe('no-card');
    session.release();
    expect(session.state.kind).toBe('no-reader');
  });
});
