/**
 * The Diagnostics facts and the support bundle (src/flows/support-bundle.ts): which session facts
 * appear as which lines, and that the bundle carries exactly the documented fields — a field added
 * without review (a token, a PIN) fails the key list.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { diagnosticsFacts, supportBundle, type SupportBundleInput } from '../../../src/flows';

const ready = {
  kind: 'ready' as const,
  info: {
    readerName: 'Reader 0',
    atrHex: '3b8f80',
    atrLines: ['TS 3B'],
    type: 'gids' as const,
    cardId: 'c1',
  },
};

describe('diagnosticsFacts', () => {
  it('shows provider, reader, ATR and card of a ready card', () => {
    expect(diagnosticsFacts(ready, 'webusb')).toEqual({
      reader: ['webusb', 'Reader 0'],
      atr: ['3b8f80', 'TS 3B'],
      card: ['type: gids', 'cardid: c1'],
    });
  });

  it('shows the reader and the error code when reading failed, dashes without a reader', () => {
    const error = new AppError('transport/device-gone', 'gone');
    expect(diagnosticsFacts({ kind: 'error', readerName: 'R', error }, undefined)).toEqual({
      reader: ['–', 'R'],
      atr: [],
      card: ['error: transport/device-gone'],
    });
    expect(diagnosticsFacts({ kind: 'no-reader' }, undefined)).toEqual({
      reader: ['–', '–'],
      atr: [],
      card: [],
    });
  });
});

describe('supportBundle', () => {
  const input: SupportBundleInput = {
    appVersion: '1.2.3',
    supportContact: 'Desk',
    lastError: { code: 'flow/server-error', correlationId: 'x', at: '2026-01-01T00:00:00.000Z' },
    userAgent: 'UA',
    cmBaseUrl: 'https://cm.example/',
    configSource: 'default',
    storeStatus: { persistent: true },
    connectivity: 'online',
    session: ready,
    providerKind: 'webusb',
    apduLog: [],
    now: () => new Date('2026-02-03T04:05:06.000Z'),
  };

  it('carries the documented fields and nothing else', () => {
    const b = supportBundle(input);
    expect(Object.keys(b).sort()).toEqual(
      [
        'app',
        'appVersion',
        'createdAt',
        'supportContact',
        'lastError',
        'userAgent',
        'cmBaseUrl',
        'configSource',
        'storeStatus',
        'connectivity',
        'reader',
        'atr',
        'card',
        'apduLog',
      ].sort(),
    );
    expect(b).toMatchObject({
      appVersion: '1.2.3',
      createdAt: '2026-02-03T04:05:06.000Z',
      card: ['type: gids', 'cardid: c1'],
    });
  });

  it('says null, not undefined, when no error was shown, and an empty log without one', () => {
    const b = supportBundle({ ...input, lastError: undefined, apduLog: undefined });
    expect(b.lastError).toBeNull();
    expect(b.apduLog).toEqual([]);
  });
});
