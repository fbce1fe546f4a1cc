/**
 * The card-layer status-word lookup (src/card/sw-table.ts): the card's own table answers first,
 * every status word it does not list falls back to ISO/IEC 7816-4 §5.1.3, and a status word neither
 * knows is `other` — never silently "ok".
 */
import { describe, expect, it } from 'vitest';
import { GIDS_SW } from '../../../src/card/gids/sw';
import { PIV_SW } from '../../../src/card/piv/sw';
import { ISO_TABLE_NAME, lookupSw, swIs, type CardSwTable } from '../../../src/card/sw-table';
import { checkPinSw, okData } from '../../../src/card/exchange';

const resp = (sw: number) => ({ sw, sw1: sw >> 8, sw2: sw & 0xff, data: new Uint8Array(0) });

describe('card status-word tables', () => {
  it('card table hit: PIV 63C2 / 6983 / 6A82 answered by SP 800-73-4, not by ISO', () => {
    expect(lookupSw(PIV_SW, 0x63c2)).toMatchObject({ condition: 'tries-left', source: PIV_SW.name });
    expect(lookupSw(PIV_SW, 0x6983)).toMatchObject({ condition: 'blocked', source: PIV_SW.name });
    expect(lookupSw(PIV_SW, 0x6a82)).toMatchObject({ condition: 'not-found', source: PIV_SW.name });
    expect(lookupSw(PIV_SW, 0x6a82).meaning).toMatch(/§3\.1\.1/);
    expect(lookupSw(GIDS_SW, 0x6a88)).toMatchObject({ condition: 'not-found', source: GIDS_SW.name });
  });

  it('ISO fallback: status words the card table does not list', () => {
    // 6D00 (no Yubico extension) is not a PIV status word; 6A82 is not in the GIDS table.
    expect(lookupSw(PIV_SW, 0x6d00)).toMatchObject({ condition: 'not-supported', source: ISO_TABLE_NAME });
    expect(lookupSw(GIDS_SW, 0x6a82)).toMatchObject({ condition: 'not-found', source: ISO_TABLE_NAME });
    expect(lookupSw(PIV_SW, 0x9000)).toMatchObject({ condition: 'ok', source: ISO_TABLE_NAME });
    const empty: CardSwTable = { name: 'empty', rules: [] };
    expect(lookupSw(empty, 0x63c1).condition).toBe('tries-left');
    expect(swIs(empty, 0x6a88, 'not-found')).toBe(true);
  });

  it('a card rule overrides the ISO condition of the same status word', () => {
    const quirky: CardSwTable = {
      name: 'quirky',
      rules: [{ sw: 0x6a80, condition: 'not-found', meaning: 'x' }],
    };
    expect(lookupSw(quirky, 0x6a80)).toMatchObject({ condition: 'not-found', source: 'quirky' });
    expect(lookupSw({ name: 'iso', rules: [] }, 0x6a80).condition).toBe('wrong-data');
  });

  it('unknown status word: condition other, ISO says unknown, the SwError code is sw/unknown', () => {
    expect(lookupSw(PIV_SW, 0x9999)).toMatchObject({ condition: 'other', source: ISO_TABLE_NAME });
    expect(lookupSw(PIV_SW, 0x9999).meaning).toMatch(/Unknown status word 9999/);
    expect(() => okData(resp(0x9999), 'TEST', PIV_SW)).toThrow(
      expect.objectContaining({ code: 'sw/unknown' }),
    );
  });

  it('codes stay stable: a PIV table hit keeps the ISO sw/ code and adds the PIV wording', () => {
    expect(() => okData(resp(0x6a82), 'GET DATA', PIV_SW)).toThrow(
      expect.objectContaining({ code: 'sw/file-not-found', message: expect.stringMatching(/SP 800-73-4/) }),
    );
    expect(() => checkPinSw(PIV_SW, resp(0x63c1), 'PIN', 'VERIFY')).toThrow(
      expect.objectContaining({ code: 'card/pin-wrong', data: expect.objectContaining({ retries: 1 }) }),
    );
    expect(() => checkPinSw(GIDS_SW, resp(0x6983), 'PIN', 'VERIFY')).toThrow(
      expect.objectContaining({ code: 'card/pin-blocked' }),
    );
    expect(() => checkPinSw(GIDS_SW, resp(0x6700), 'PIN', 'VERIFY')).toThrow(
      expect.objectContaining({ code: 'sw/wrong-length' }),
    );
  });
});
