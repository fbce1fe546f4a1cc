/**
 * A wrong PIN is reported as a wrong PIN by every flow that verifies one (ISO/IEC 7816-4 §5.1.3:
 * 63Cx = x tries left, 63C0 / 6983 = blocked), never as a generic card error: here the GIDS path —
 * an enrollment stopped after its PIN was set resumes with the card's PIN, and a wrong one is
 * refused with the tries left, then as blocked (which the unblock flow can fix on GIDS).
 */
import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { enrollCard, resumableFlows } from '../../../src/flows';
import { PIN_SET_STAGES } from '../../../src/flows/journal';
import { errorText } from '../../../src/ui/i18n/error-text';
import { TPL_USER_PIN, caught, world } from './harness';

describe('wrong PIN on a GIDS card, in a resumed enrollment', () => {
  it('63C2, 63C1 → flow/pin-wrong with the tries in words; 63C0 → flow/pin-blocked pointing to unblock', async () => {
    const w = world();
    const ctrl = new AbortController();
    // Stop the run right after the PIN is on the card (journal stage: certificates pending).
    const deps = w.deps({
      signal: ctrl.signal,
      onProgress: (p) => p.step === 'get-cert-options' && ctrl.abort(),
    });
    expect(
      (
        await caught(() =>
          enrollCard(deps, { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '24682468' }),
        )
      ).code,
    ).toBe('aborted');
    const id = cardIdToGuid(await w.card.readCardId());
    const attempt = async () => {
      const [entry] = await resumableFlows(w.store, id);
      expect(PIN_SET_STAGES.has(entry!.stage)).toBe(true); // a failed resume never moves the stage back
      return caught(() =>
        enrollCard(w.deps(), {
          profileTemplateUuid: TPL_USER_PIN,
          dataCollection: {},
          cardPin: '00000000',
          resume: entry!,
        }),
      );
    };
    const e2 = await attempt();
    expect([e2.code, e2.data?.retries, e2.data?.nextStep, e2.data?.unblockable]).toEqual([
      'flow/pin-wrong',
      2,
      'retry-pin',
      true,
    ]);
    expect(errorText(e2).what).toBe('Die PIN ist falsch – noch zwei Versuche.');
    const e1 = await attempt();
    expect(errorText(e1).what).toBe('Die PIN ist falsch – noch ein Versuch.');
    expect(errorText(e1).next).toContain('gesperrt');
    const e0 = await attempt();
    expect([e0.code, e0.data?.nextStep]).toEqual(['flow/pin-blocked', 'unblock-pin']);
    expect(errorText(e0)).toEqual({
      what: 'Die PIN ist gesperrt.',
      next: 'Wählen Sie „PIN entsperren“, um eine neue PIN zu setzen.',
    });
  });
});
