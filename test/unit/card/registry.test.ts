/**
 * The card-type registry (src/card/registry.ts) agrees with the card classes it opens: the type,
 * the status-word table, the "keeps its PIN" fact against `capabilities.setPinWithAdminKey`, and the
 * PIN limits against the PIN encodings in pin-format.ts.
 */
import { describe, expect, it } from 'vitest';
import { CARD_DRIVERS, cardProfile, encodeGidsPin, encodePivPin } from '../../../src/card';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const SIM = { gids: () => new VirtualGidsCard(), piv: () => new VirtualPivCard() };
const ENCODE = { gids: encodeGidsPin, piv: encodePivPin };

describe('card registry', () => {
  it('detection order: PIV before GIDS (Windows minidriver discovery order)', () => {
    expect(CARD_DRIVERS.map((d) => d.type)).toEqual(['piv', 'gids']);
  });

  for (const driver of CARD_DRIVERS) {
    it(`${driver.type}: the card it opens has its type, and keepsPinOnEnroll = !setPinWithAdminKey`, async () => {
      const card = driver.open(directConnection(SIM[driver.type]()));
      expect(card.type).toBe(driver.type);
      expect(card.capabilities.setPinWithAdminKey).toBe(!driver.keepsPinOnEnroll);
      expect(cardProfile(driver.type)).toEqual({
        label: driver.label,
        keepsPinOnEnroll: driver.keepsPinOnEnroll,
        pinLimits: driver.pinLimits,
      });
      await card.select();
      expect(card.selectInfo?.aid).toBeDefined();
    });

    it(`${driver.type}: pinLimits are the limits its PIN encoding enforces`, () => {
      const { minLength, maxLength } = driver.pinLimits;
      const encode = ENCODE[driver.type];
      expect(() => encode('1'.repeat(minLength))).not.toThrow();
      expect(() => encode('1'.repeat(maxLength))).not.toThrow();
      expect(() => encode('1'.repeat(minLength - 1))).toThrow(
        expect.objectContaining({ code: 'card/invalid-pin' }),
      );
      expect(() => encode('1'.repeat(maxLength + 1))).toThrow(
        expect.objectContaining({ code: 'card/invalid-pin' }),
      );
      if (driver.pinLimits.charset === 'numeric')
        expect(() => encode('a'.repeat(minLength))).toThrow(
          expect.objectContaining({ code: 'card/invalid-pin' }),
        );
      else expect(() => encode('a'.repeat(minLength))).not.toThrow();
    });
  }
});
