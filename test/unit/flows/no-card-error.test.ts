/**
 * The error a flow view shows when a step is asked to run with no card ready (src/flows/errors.ts
 * `noCardError`): a FlowError like every other flow failure, so the UI's error text, the support
 * bundle's last error and the "insert the card again" advice all come from its stable code.
 */
import { describe, expect, it } from 'vitest';
import { FlowError, noCardError } from '../../../src/flows';
import { errorText } from '../../../src/ui/i18n/error-text';

describe('noCardError', () => {
  it('is flow/card-removed with the flow, the read-card step and the re-insert next step', () => {
    const e = noCardError('unblock');
    expect(e).toBeInstanceOf(FlowError);
    expect(e.code).toBe('flow/card-removed');
    expect(e.data).toEqual({ flow: 'unblock', step: 'read-card', nextStep: 'reinsert-card-and-resume' });
  });

  it('has the card-removed text, not the generic one', () => {
    expect(errorText(noCardError('enroll')).what).toBe('Die Karte wurde während des Vorgangs entfernt.');
  });
});
