/**
 * A CM server on a second origin without CORS: Chromium blocks the response, fetch rejects with a
 * bare TypeError, and CmClient must turn that into the CORS-explaining `cm/cors` error. The same
 * call against the emulator with CORS on succeeds, so the failure is CORS and not a dead server.
 * Needs the WTR plugin from emulator/wtr-plugin.ts (the `corsOff` and `corsFull` emulators).
 */
import { expect } from '@open-wc/testing';
import { CmApiError, CmClient } from '../../src/cm';
import { cmOrigin } from './cm-ports';

const API = '/CertificateManagement/api/v1.0';
// 127.0.0.1 while the test page is on localhost: a different origin even on the same machine.
const corsOff = new CmClient({
  baseUrl: `${cmOrigin('corsOff', '127.0.0.1')}${API}`,
  getRetries: 0,
  timeoutMs: 5_000,
});
const corsFull = new CmClient({
  baseUrl: `${cmOrigin('corsFull', '127.0.0.1')}${API}`,
  getRetries: 0,
  timeoutMs: 5_000,
});

describe('CmClient across origins', () => {
  it('reports a CORS block as cm/cors with the hosting/CORS next step', async () => {
    let error: unknown;
    try {
      await corsOff.getProfileTemplates();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CmApiError);
    const e = error as CmApiError;
    expect(e.code).to.equal('cm/cors');
    expect(e.status).to.equal(0);
    expect(e.data.pageOrigin).to.equal(location.origin);
    expect(e.data.serverOrigin).to.equal(cmOrigin('corsOff', '127.0.0.1'));
    expect(e.data.nextStep)
      .to.match(/CORS/)
      .and.match(/origin/i);
  });

  it('the same call succeeds when the emulator sends CORS headers (control)', async () => {
    const templates = await corsFull.getProfileTemplates();
    expect(templates.map((t) => t.Uuid)).to.include('a039b4d0-5ce8-4eff-8651-181c6576fda3');
  });

  it('a JSON POST needs the preflight, which the CORS-off server fails → cm/cors as well', async () => {
    let code: string | undefined;
    await corsOff
      .createRequest({ type: 'Enroll', profileTemplateId: 'a039b4d0-5ce8-4eff-8651-181c6576fda3' })
      .catch((e: CmApiError) => (code = e.code));
    expect(code).to.equal('cm/cors');
  });
});
