import { describe, expect, it } from 'vitest';
import { normaliseBasePath } from '../../../build/base-path';
import { contentSecurityPolicy } from '../../../build/csp';
import { webConfig } from '../../../build/web-config';
import { parseWebConfig } from '../../e2e/iis-like-server';

describe('BASE_PATH', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['selfservice', '/selfservice/'],
    ['/selfservice', '/selfservice/'],
    ['/it/selfservice/', '/it/selfservice/'],
  ])('%s → %s', (raw, base) => expect(normaliseBasePath(raw)).toBe(base));

  it.each(['/../x/', 'https://host/x/', '/a b/', '//x/'])('refuses %s', (raw) =>
    expect(() => normaliseBasePath(raw)).toThrow(/BASE_PATH/),
  );
});

describe('web.config', () => {
  const cfg = parseWebConfig(webConfig('/selfservice/'));

  it('rewrites what is not a file or folder to the base index.html, except the CM API', () => {
    expect(cfg.rewrite).toMatchObject({ url: '/selfservice/index.html', notFile: true, notDir: true });
    expect(cfg.rewrite!.excluded.some((r) => r.test('/CertificateManagement/api/v1.0/smartcards'))).toBe(
      true,
    );
  });

  it('maps .webmanifest and .json, sends the production CSP, and never caches sw.js or index.html', () => {
    expect(cfg.mime['.webmanifest']).toBe('application/manifest+json');
    expect(cfg.mime['.json']).toBe('application/json');
    expect(Object.fromEntries(cfg.headers)['Content-Security-Policy']).toBe(contentSecurityPolicy('preview'));
    expect(cfg.byPath.get('sw.js')).toEqual([['Cache-Control', 'no-cache']]);
    expect(cfg.byPath.get('index.html')).toEqual([['Cache-Control', 'no-cache']]);
  });
});
