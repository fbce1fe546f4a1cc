/**
 * Windows mode across origins, in Chromium: the client sends credentials (`credentials:
 * 'include'`), the CM answers 401 `WWW-Authenticate: Negotiate` (headless Chromium never
 * negotiates, just as a browser without the host in AuthServerAllowlist). With CORS for the
 * explicit origin plus Allow-Credentials and Expose-Headers, the app can read that answer and the
 * sign-in bar tells the user what IT must set, naming the support contact. With `Allow-Origin: *`
 * the browser refuses a credentialed response, which surfaces as cm/cors.
 * Needs the WTR plugin (emulator/wtr-plugin.ts, the `negotiate` and `negotiateStar` emulators).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { CmApiError, CmClient } from '../../src/cm';
import { WindowsAuth } from '../../src/auth/windows';
import '../../src/ui/shell/sign-in-status';
import type { SignInStatus } from '../../src/ui/shell/sign-in-status';
import { CM_PORTS, cmOrigin } from './cm-ports';

const API = '/CertificateManagement/api/v1.0';

async function failure(p: Promise<unknown>): Promise<CmApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(CmApiError);
    return e as CmApiError;
  }
  throw new Error('expected a CmApiError');
}

describe('Windows mode across origins', () => {
  it('reads the credentialed 401 Negotiate and the bar explains AuthServerAllowlist with the support contact', async () => {
    const auth = new WindowsAuth();
    const client = new CmClient({
      baseUrl: `${cmOrigin('negotiate', '127.0.0.1')}${API}`,
      auth,
      getRetries: 0,
      timeoutMs: 5_000,
    });
    const seen: RequestInit[] = [];
    const spy = new CmClient({
      baseUrl: `${cmOrigin('negotiate', '127.0.0.1')}${API}`,
      getRetries: 0,
      fetch: (input, init) => (seen.push(init ?? {}), fetch(input, init)),
    });
    await failure(spy.getProfileTemplates());
    expect(seen[0]!.credentials).to.equal('include');
    const el = await fixture<SignInStatus>(
      html`<scss-sign-in-status
        .session=${auth}
        .supportContact=${'IT-Service 0800 123'}
        .cmHost=${`127.0.0.1:${CM_PORTS.negotiate}`}
      ></scss-sign-in-status>`,
    );
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
    const e = await failure(client.getProfileTemplates());
    expect([e.code, e.status, e.data.authScheme]).to.deep.equal(['cm/http-401', 401, 'negotiate']);
    expect(auth.status).to.equal('refused');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent)
      .to.match(/AuthServerAllowlist/)
      .and.match(new RegExp(`127\\.0\\.0\\.1:${CM_PORTS.negotiate}`))
      .and.match(/IT-Service 0800 123/);
  });

  it('a credentialed call to a CM answering Access-Control-Allow-Origin: * is blocked by the browser → cm/cors', async () => {
    const client = new CmClient({
      baseUrl: `${cmOrigin('negotiateStar', '127.0.0.1')}${API}`,
      auth: new WindowsAuth(),
      getRetries: 0,
      timeoutMs: 5_000,
    });
    expect((await failure(client.getProfileTemplates())).code).to.equal('cm/cors');
  });
});
