/**
 * Flows hold the card from the challenge to the privileged command: another application that
 * deauthenticates the card (GIDS `VERIFY P2=82`) while CM computes the admin-key response must wait
 * until the flow's card transaction ends, so the enrollment's key change and PIN set still succeed.
 */
import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '../../../src/cm';
import { enrollCard } from '../../../src/flows';
import { directConnection } from '../../../src/sim/gids-connection';
import { TPL_USER_PIN, world } from './harness';

describe('card transactions in the flows', () => {
  it('an application that deauthenticates the card during every CM admin-key answer cannot break enrollment', async () => {
    const w = world();
    const intruder = directConnection(w.sim);
    const done: Promise<Uint8Array>[] = [];
    const original = w.cm.getAuthenticationResponse.bind(w.cm);
    w.cm.getAuthenticationResponse = (...args: Parameters<typeof original>) => {
      done.push(intruder.transmit(Uint8Array.of(0x00, 0x20, 0x00, 0x82)));
      return original(...args);
    };
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '24682468',
    });
    expect(r.stage).toBe('completed');
    expect(done.length).toBeGreaterThanOrEqual(1); // key change and PIN set share one admin authentication (card-ops.ts)
    for (const d of await Promise.all(done)) expect(Array.from(d.slice(-2))).toEqual([0x90, 0x00]);
    expect(w.emu.state.requests.get(r.requestId)!.dto.Status).toBe(REQUEST_STATUSES.Completed);
    await w.card.verifyPin('24682468');
  });
});
