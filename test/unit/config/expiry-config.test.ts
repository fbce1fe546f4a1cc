import { describe, expect, it } from 'vitest';
import { resolveAppConfig } from '../../../src/config/app-config';

const ORIGIN = 'https://app.example';
const cfg = (expiryWarningDays: unknown) =>
  resolveAppConfig({
    pageOrigin: ORIGIN,
    configJson: async () => ({
      cmBaseUrl: 'https://cm.example/CertificateManagement/api/v1.0',
      expiryWarningDays,
    }),
  });

describe('expiryWarningDays from managed configuration / config.json', () => {
  it('takes whole days from 1 to 365 (number or numeric string)', async () => {
    expect((await cfg(45)).expiryWarningDays).toBe(45);
    expect((await cfg('14')).expiryWarningDays).toBe(14);
  });
  it('ignores anything else, so the default (30) applies', async () => {
    for (const bad of [0, -3, 366, 2.5, 'soon', null, undefined])
      expect((await cfg(bad)).expiryWarningDays, String(bad)).toBeUndefined();
  });
});
