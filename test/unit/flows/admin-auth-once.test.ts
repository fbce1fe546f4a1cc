/**
 * Enrollment sets the admin key and the PIN in one admin authentication where the card keeps it
 * (GidsApplet keeps it across PUT DATA of the admin key), and authenticates once more with the new
 * key where a card drops it (6982 on RESET RETRY COUNTER). One VERIFY serves key generation and
 * the signatures of the certificate requests, and the masterfile is read once (docs/flow-timing.md).
 */
import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '../../../src/cm';
import { enrollCard } from '../../../src/flows';
import { TPL_USER_PIN, world } from './harness';

const isPutAdminKey = (c: Uint8Array) => c[1] === 0xdb && c[2] === 0x3f && c[3] === 0xff;
/** GET DATA of the masterfile (EF A000, DO DF1F): `00 CB A0 00 04 5C 02 DF 1F`. */
const isMasterfileRead = (c: Uint8Array) =>
  c[1] === 0xcb && c[2] === 0xa0 && c[3] === 0x00 && c[7] === 0xdf && c[8] === 0x1f;
const isVerify = (c: Uint8Array) => c[1] === 0x20 && c[3] === 0x80 && c.length > 5;

describe('enrollment: one admin authentication, one VERIFY per card transaction', () => {
  it('a card that keeps the admin authentication: key and PIN after one authenticationresponse; VERIFY twice', async () => {
    const w = world();
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '24682468',
    });
    expect(r.adminKeyDiversified).toBe(true);
    expect(w.httpCalls.filter((c) => c.includes('authenticationresponse'))).toHaveLength(1);
    // generation + signature share one; the certificate write after the CA call needs its own
    expect(w.sentApdus().filter(isVerify)).toHaveLength(2);
    // key container, certificate write and read-back share one read of the masterfile
    expect(w.sentApdus().filter(isMasterfileRead)).toHaveLength(1);
    await w.card.verifyPin('24682468');
  });

  it('a card that drops it after PUT DATA of the admin key: one more authentication with the new key', async () => {
    const w = world();
    const process = w.sim.process.bind(w.sim);
    w.sim.process = async (apdu: Uint8Array) => {
      const out = await process(apdu);
      if (isPutAdminKey(apdu) && out[out.length - 2] === 0x90) w.sim.security.deauthenticateAll();
      return out;
    };
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '24682468',
    });
    expect(w.emu.state.requests.get(r.requestId)!.dto.Status).toBe(REQUEST_STATUSES.Completed);
    const auth = w.httpCalls.filter((c) => c.includes('authenticationresponse'));
    expect(auth).toHaveLength(2);
    await w.card.verifyPin('24682468');
  });
});
