import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseCmBaseUrl, resolveAppConfig } from '../../../src/config/app-config';

const ORIGIN = 'https://selfservice.corp.example';

describe('normaliseCmBaseUrl', () => {
  it('accepts https and localhost http, strips trailing slashes, resolves relative paths', () => {
    expect(normaliseCmBaseUrl('https://cm.corp.example/CertificateManagement/api/v1.0/', ORIGIN)).toBe(
      'https://cm.corp.example/CertificateManagement/api/v1.0',
    );
    expect(normaliseCmBaseUrl('http://localhost:4173/CertificateManagement/api/v1.0', ORIGIN)).toBe(
      'http://localhost:4173/CertificateManagement/api/v1.0',
    );
    expect(normaliseCmBaseUrl('/CertificateManagement/api/v1.0', ORIGIN)).toBe(
      `${ORIGIN}/CertificateManagement/api/v1.0`,
    );
  });

  it.each([
    ['http://cm.corp.example/api', 'config/insecure-url'],
    ['ftp://cm.corp.example/api', 'config/insecure-url'],
    ['https://user:pw@cm.corp.example/api', 'config/credentials-in-url'],
  ])('rejects %s with %s', (url, code) => {
    expect(() => normaliseCmBaseUrl(url, ORIGIN)).toThrow(expect.objectContaining({ code }));
  });

  it('on any string either returns an https/localhost URL or throws a ConfigError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl()), (s) => {
        try {
          const u = new URL(normaliseCmBaseUrl(s, ORIGIN));
          expect(
            u.protocol === 'https:' ||
              u.hostname === 'localhost' ||
              u.hostname === '127.0.0.1' ||
              u.hostname === '[::1]',
          ).toBe(true);
        } catch (e) {
          expect((e as { code?: string }).code).toMatch(/^config\//);
        }
      }),
    );
  });
});

describe('resolveAppConfig', () => {
  const managed = async () => ({
    cmBaseUrl: 'https://managed.example/CertificateManagement/api/v1.0',
    supportContact: 'x@y',
  });
  const json = async () => ({ cmBaseUrl: 'https://json.example/CertificateManagement/api/v1.0' });
  const stored = async () => 'https://stored.example/CertificateManagement/api/v1.0';

  it('prefers managed configuration, then config.json, then settings, then same origin', async () => {
    expect(
      await resolveAppConfig({ pageOrigin: ORIGIN, managed, configJson: json, storedSetting: stored }),
    ).toEqual({
      cmBaseUrl: 'https://managed.example/CertificateManagement/api/v1.0',
      source: 'managed',
      supportContact: 'x@y',
    });
    expect(
      (await resolveAppConfig({ pageOrigin: ORIGIN, configJson: json, storedSetting: stored })).source,
    ).toBe('config-json');
    expect((await resolveAppConfig({ pageOrigin: ORIGIN, storedSetting: stored })).source).toBe('settings');
    expect(await resolveAppConfig({ pageOrigin: ORIGIN })).toEqual({
      cmBaseUrl: `${ORIGIN}/CertificateManagement/api/v1.0`,
      source: 'default',
    });
  });

  it('takes the card bridge port and download link from managed configuration before config.json, dropping bad values', async () => {
    const m = async () => ({ bridgePort: 47999 });
    const j = async () => ({
      cmBaseUrl: 'https://json.example/api',
      bridgePort: 1,
      bridgeDownloadUrl: 'https://it.example/bridge',
    });
    expect((await resolveAppConfig({ pageOrigin: ORIGIN, managed: m, configJson: j })).bridge).toEqual({
      port: 47999,
      downloadUrl: 'https://it.example/bridge',
    });
    const bad = async () => ({
      cmBaseUrl: 'https://json.example/api',
      bridgePort: 80,
      bridgeDownloadUrl: 'http://it.example/bridge',
    });
    expect((await resolveAppConfig({ pageOrigin: ORIGIN, configJson: bad })).bridge).toBeUndefined();
    expect(
      (await resolveAppConfig({ pageOrigin: ORIGIN, configJson: async () => ({ bridgePort: '48000' }) }))
        .bridge,
    ).toEqual({ port: 48000 });
  });

  it('skips sources that fail or say nothing', async () => {
    const failing = async () => {
      throw new Error('no managed config');
    };
    const empty = async () => ({ other: 1 });
    expect(
      (
        await resolveAppConfig({
          pageOrigin: ORIGIN,
          managed: failing,
          configJson: empty,
          storedSetting: stored,
        })
      ).source,
    ).toBe('settings');
  });

  it('throws when an admin-configured URL is insecure (that is a deployment error to fix)', async () => {
    await expect(
      resolveAppConfig({
        pageOrigin: ORIGIN,
        configJson: async () => ({ cmBaseUrl: 'http://cm.corp.example/api' }),
      }),
    ).rejects.toMatchObject({ code: 'config/insecure-url' });
  });

  it('keeps a support contact from config.json that names no address (same-origin API stays)', async () => {
    const onlyContact = async () => ({ supportContact: ' IT Service Desk, Tel. 1234 ' });
    expect(await resolveAppConfig({ pageOrigin: ORIGIN, configJson: onlyContact })).toEqual({
      cmBaseUrl: `${ORIGIN}/CertificateManagement/api/v1.0`,
      source: 'default',
      supportContact: 'IT Service Desk, Tel. 1234',
    });
  });
});
