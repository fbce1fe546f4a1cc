import { describe, expect, it } from 'vitest';
import { assertNoSecrets, MemoryStore } from '../../../src/store';

const refused = (v: unknown) => {
  try {
    assertNoSecrets(v);
    return undefined;
  } catch (e) {
    return (e as { code: string; data: { path: string } }).data.path;
  }
};

describe('assertNoSecrets', () => {
  it.each([
    [{ pin: '1234' }, 'pin'],
    [{ newPin: '1234' }, 'newPin'],
    [{ puk: '12345678' }, 'puk'],
    [{ facts: { adminKey: '01' } }, 'facts.adminKey'],
    [{ facts: { diversifiedKey: 'aa' } }, 'facts.diversifiedKey'],
    [{ challenge: 'x' }, 'challenge'],
    [{ authenticationResponse: 'x' }, 'authenticationResponse'],
    [{ list: [{ serverProposedPin: '1' }] }, 'list.0.serverProposedPin'],
    [{ atr: new Uint8Array([0x3b]) }, 'atr'],
  ])('refuses %j at %s', (value, path) => {
    expect(refused(value)).toBe(path);
  });

  it.each([
    { cardId: 'c', cmUuid: 'u', stage: 'pin-set', atr: '3b', spinner: 1, pinPolicy: 'x' },
    { facts: { adminKeyDiversified: true, pinMinLength: 6 } },
    { certificates: [{ serialNumber: '01', subject: 'CN=x' }] },
  ])('accepts metadata %j', (value) => {
    expect(refused(value)).toBeUndefined();
  });
});

describe('MemoryStore (cache off)', () => {
  it('stores copies, not references, and refuses secrets like the real store', async () => {
    const s = new MemoryStore();
    const rec = { cardId: 'c1', atr: '3b', cardType: 'gids' as const, certificates: [], lastSeen: 1 };
    await s.cards.put(rec);
    rec.atr = 'changed';
    expect((await s.cards.get('c1'))?.atr).toBe('3b');
    await expect(s.cards.put({ ...rec, cardId: 'c2', pin: '1' } as never)).rejects.toMatchObject({
      code: 'store/secret-refused',
    });
    expect(s.status).toEqual({ persistent: false, reason: 'store/unavailable' });
  });
});
