/** The sign-in configuration schema: Windows by default, OIDC only with a complete, safe setup. */
import { describe, expect, it } from 'vitest';
import { AuthConfigError, parseAuthConfig } from '../../../src/auth/config';

const OIDC = {
  authority: 'https://adfs.contoso.com/adfs/',
  clientId: 'c6b1d0e4-1f0b-4a50-9a1e-2f3c4d5e6f70',
  scope: 'openid https://cm.contoso.com/certificatemanagement/user_impersonation',
};

function issues(data: Record<string, unknown>): string[] {
  try {
    parseAuthConfig(data);
  } catch (e) {
    expect(e).toBeInstanceOf(AuthConfigError);
    expect((e as AuthConfigError).code).toBe('config/auth-invalid');
    return (e as AuthConfigError).data.issues as string[];
  }
  throw new Error('expected an AuthConfigError');
}

describe('auth configuration', () => {
  it('defaults to Windows integrated authentication', () => {
    expect(parseAuthConfig(undefined)).toEqual({ mode: 'windows' });
    expect(parseAuthConfig({ cmBaseUrl: 'https://cm' })).toEqual({ mode: 'windows' });
    expect(parseAuthConfig({ auth: 'windows' })).toEqual({ mode: 'windows' });
  });

  it('accepts an AD FS or Entra ID setup, normalising the authority and defaulting the redirect path', () => {
    expect(
      parseAuthConfig({
        auth: 'oidc',
        oidc: { ...OIDC, resource: 'https://cm.contoso.com/certificatemanagement' },
      }),
    ).toEqual({
      mode: 'oidc',
      authority: 'https://adfs.contoso.com/adfs',
      clientId: OIDC.clientId,
      scope: OIDC.scope,
      resource: 'https://cm.contoso.com/certificatemanagement',
      redirectPath: '/auth/callback',
    });
    const entra = parseAuthConfig({
      auth: 'oidc',
      oidc: {
        ...OIDC,
        authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
        redirectPath: '/signin',
      },
    });
    expect(entra).toMatchObject({
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
      redirectPath: '/signin',
    });
  });

  it('names each bad field', () => {
    expect(issues({ auth: 'kerberos' })).toEqual(['auth: auth must be "windows" or "oidc"']);
    expect(issues({ auth: 'oidc' })).toEqual(['oidc: must be an object with authority, clientId and scope']);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, authority: 'http://adfs.contoso.com/adfs' } })).toEqual([
      'oidc.authority: must use https',
    ]);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, authority: 'adfs' } })).toEqual([
      'oidc.authority: must be an absolute URL such as https://adfs.contoso.com/adfs',
    ]);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, authority: 'https://a/adfs?x=1' } })).toEqual([
      'oidc.authority: must not carry a query, fragment or credentials',
    ]);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, clientId: ' ', scope: 'profile' } })).toEqual([
      'oidc.clientId: must not be empty',
      'oidc.scope: must contain "openid" plus the CM scope',
    ]);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, redirectPath: '//evil.test/cb' } })).toEqual([
      'oidc.redirectPath: must be a path starting with one "/" (e.g. /auth/callback)',
    ]);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, redirectPath: '/a/../b' } })).toEqual([
      'oidc.redirectPath: must not contain ".."',
    ]);
  });

  it('allows plain http for localhost only (development, tests)', () => {
    expect(
      parseAuthConfig({ auth: 'oidc', oidc: { ...OIDC, authority: 'http://127.0.0.1:3000' } }),
    ).toMatchObject({ authority: 'http://127.0.0.1:3000' });
  });

  it('takes an IWA loopback port of 1024–65535 and names a bad one', () => {
    expect(parseAuthConfig({ auth: 'oidc', oidc: { ...OIDC, loopbackPort: 47318 } })).toMatchObject({
      loopbackPort: 47318,
    });
    expect(parseAuthConfig({ auth: 'oidc', oidc: OIDC })).not.toHaveProperty('loopbackPort');
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, loopbackPort: 80 } })).toEqual([
      'oidc.loopbackPort: must be 1024 or higher',
    ]);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, loopbackPort: '47318' } })).toEqual([
      'oidc.loopbackPort: must be a number',
    ]);
    expect(issues({ auth: 'oidc', oidc: { ...OIDC, loopbackPort: 70000.5 } })).toEqual([
      'oidc.loopbackPort: must be a whole number',
      'oidc.loopbackPort: must be 65535 or lower',
    ]);
  });
});
