/**
 * The client sends each documented example request (method, path, query, body) and parses each
 * documented example response (docs/mim-cm-api.md "Documented examples").
 */
import { describe, expect, it } from 'vitest';
import { CmClient, hexToBytes, isNoContent } from '../../../src/cm';
import { docExample } from './doc-examples';
import { BASE, json, recordingFetch } from './fake-fetch';

const DOC_PREFIX = /^\/certificatemanagement\/api\/v1\.0/i;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The documented path with its GUIDs in canonical lower case and nothing else changed: RFC 4122 §3
 * makes GUID hex digits case-insensitive on input (the docs write the same id both ways), while
 * route words, query names and other values are compared exactly as the docs write them.
 */
const docPath = (p: string): string => p.replace(DOC_PREFIX, '').replace(GUID, (g) => g.toLowerCase());

/** Runs `call` against a fetch that answers with the named example and checks the request matched it. */
async function viaExample<T>(
  name: string,
  call: (c: CmClient) => Promise<T>,
  response?: unknown,
): Promise<T> {
  const ex = docExample(name);
  const { fetch, calls } = recordingFetch(() => json(ex.status, response ?? ex.response));
  const result = await call(new CmClient({ baseUrl: BASE, fetch }));
  expect(calls).toHaveLength(1);
  const [c] = calls;
  expect(c!.method).toBe(ex.method);
  expect(c!.rel).toBe(docPath(ex.path));
  expect(c!.credentials).toBe('include');
  if (ex.body !== undefined) expect(c!.body).toEqual(ex.body);
  else expect(c!.body).toBeUndefined();
  return result;
}

const REQ = 'a9b4b42c-cc50-4c9b-89d1-bbc0bcd5a099';
const CARD = '17cf063d-e337-4aa9-a822-346554ddd3c9';
const CARDID = 'bc88f13f-83ba-4037-8262-46eba1291c6e';

describe('CmClient against the documented examples', () => {
  it('(1) lists profile templates', async () => {
    const r = await viaExample('(1) get profile templates', (c) => c.getProfileTemplates());
    expect(r.map((t) => t.Uuid)).toEqual([
      '12bd5120-86a2-4ee1-8d05-131066871578',
      '2b7044cf-aa96-4911-b886-177947e9271b',
    ]);
    expect(r[1]!.IsSmartcardProfileTemplate).toBe(true);
  });

  it('(2) workflow policy on the /policies/ route by default', async () => {
    const policy = {
      ApprovalsNeeded: 0,
      AuthorizedApprover: '',
      AuthorizedEnrollmentAgent: '',
      AuthorizedInitiator: '',
      CollectComments: true,
      CollectRequestPriority: false,
      DefaultRequestPriority: 0,
      Documents: [],
      Enabled: true,
      EnrollAgentRequired: false,
      OneTimePasswordPolicy: {},
      Personalization: {},
      PolicyDataCollection: [{ Name: 'Request Reason' }],
      SelfServiceEnabled: true,
    };
    const r = await viaExample(
      '(2) workflow policy enroll',
      (c) => c.getWorkflowPolicy('97CD65FA-AF4B-4587-9309-0DD6BFD8B4E1', 'Enroll'),
      policy,
    );
    expect(isNoContent(r) ? null : r.PolicyDataCollection[0]!.Name).toBe('Request Reason');
    await viaExample(
      '(2) workflow policy renew',
      (c) => c.getWorkflowPolicy('97cd65fa-af4b-4587-9309-0dd6bfd8b4e1', 'Renew'),
      policy,
    );
  });

  it('(3) smart card configuration', async () => {
    const r = await viaExample('(3) smart card configuration', (c) =>
      c.getSmartcardConfig('a039b4d0-5ce8-4eff-8651-181c6576fda3'),
    );
    if (isNoContent(r)) throw new Error('expected config');
    expect([r.UserPinOption, r.DiversifyAdminKey, r.DefaultAdminKeyHex, r.UserPinPolicy.MaxLength]).toEqual([
      3,
      true,
      '',
      10,
    ]);
  });

  it('(4) creates Enroll, Unblock and example-3 requests and extracts ids from the bare URI', async () => {
    expect(
      await viaExample('(4) create Enroll request', (c) =>
        c.createRequest({ type: 'Enroll', profileTemplateId: 'a039b4d0-5ce8-4eff-8651-181c6576fda3' }),
      ),
    ).toBe(REQ);
    expect(
      await viaExample('(4) create Unblock request', (c) =>
        c.createRequest({ type: 'Unblock', smartcardId: CARD }),
      ),
    ).toBe('0c96d73f-967b-420e-854a-43ad2a1504bc');
    // Example 3 shows no response; the client's default encoding is the string form, so compare the decoded array.
    const { fetch, calls } = recordingFetch(() =>
      json(201, 'api/v1.0/requests/c6bad97c-f97f-4920-8947-be980c98c6b5'),
    );
    const id = await new CmClient({ baseUrl: BASE, fetch }).createRequest({
      type: 'Enroll',
      profileTemplateId: '97CD65FA-AF4B-4587-9309-0DD6BFD8B4E1',
      targetUserId: '97CC3493-F556-4C9B-9D8B-982434201527',
      dataCollection: [
        { name: 'name', value: 'pavle' },
        { name: 'city', value: 'seattle' },
      ],
      comment: 'LALALALA',
      priority: 4,
    });
    expect(id).toBe('c6bad97c-f97f-4920-8947-be980c98c6b5');
    const body = calls[0]!.body as Record<string, unknown>;
    expect(JSON.parse(body.datacollection as string)).toEqual([{ name: 'pavle' }, { city: 'seattle' }]);
    expect(body).toMatchObject({
      profiletemplateuuid: '97cd65fa-af4b-4587-9309-0dd6bfd8b4e1',
      target: '97cc3493-f556-4c9b-9d8b-982434201527',
      type: 'Enroll',
      comment: 'LALALALA',
      priority: '4',
    });
  });

  it('(5)(7) gets and completes requests', async () => {
    const r = await viaExample('(5) get request', (c) => c.getRequest(REQ.toUpperCase()));
    expect(isNoContent(r) ? null : [r.Status, r.NewSmartcardUuid]).toEqual([
      3,
      '00000000-0000-0000-0000-000000000000',
    ]);
    const u = await viaExample('(5) get Unblock request', (c) =>
      c.getRequest('0c96d73f-967b-420e-854a-43ad2a1504bc'),
    );
    expect(isNoContent(u) ? null : u.DataCollection).toEqual([{ Name: 'Sample Data Item', Value: null }]);
    const done = await viaExample('(7) complete request', (c) => c.updateRequestStatus(REQ, 'Completed'));
    expect(isNoContent(done) ? null : [done.Status, done.Completed]).toEqual([8, '2015-07-07T23:37:37.767Z']);
  });

  it('(8)(9) generation options and certificate data', async () => {
    const o = await viaExample('(8) certificate request generation options', (c) =>
      c.getCertificateRequestGenerationOptions(REQ),
    );
    expect(o[0]!.KeyStorageProviderNames).toEqual(['Contoso Smart Card Key Storage Provider']);
    const csr = '<PKCS#10 base64, generated by the test>';
    const certs = await viaExample('(9) certificate data', (c) =>
      c.submitCertificateRequests('C6BAD97C-F97F-4920-8947-BE980C98C6B5', {
        pfxPassword: '6b75162c-b3b4-4fc1-a653-f12dae98f0c3',
        certificateRequests: [csr],
      }),
    );
    expect([certs[0]!.isPkcs7, certs[0]!.Error, certs[0]!.Pkcs7!.startsWith('MIIU')]).toEqual([
      true,
      null,
      true,
    ]);
  });

  it('(10)(11)(12)(16) smart cards', async () => {
    const sc = await viaExample('(10) assign smart card', (c) =>
      c.assignSmartcard({
        requestId: REQ,
        cardId: `{${CARDID.toUpperCase()}}`,
        atr: hexToBytes('3B8D0180FBA000000397425446590301C8'),
      }),
    );
    expect(sc).toBe(CARD);
    const found = await viaExample('(11) find smart card by cardid', (c) =>
      c.findSmartcards({ cardId: 'd1ef6869-5517-42a0-8f05-16ca1a0b834d' }),
    );
    expect(found.map((s) => s.Uuid)).toEqual(['438d1b30-f3b4-4bed-85fa-285e08605ba7']);
    const one = await viaExample('(12) get smart card', (c) => c.getSmartcard(CARD));
    expect(isNoContent(one) ? null : one.SerialNumber).toBe(`{${CARDID}}`);
    const retired = await viaExample('(16) update smart card status', (c) =>
      c.updateSmartcardStatus('b105403d-d021-41ea-9f11-be3d677d229e', CARD, 'Retired'),
    );
    expect(isNoContent(retired) ? null : retired.Status).toBe(6);
  });

  it('(13)(14) authentication response and diversified key come back as bytes', async () => {
    const challenge = hexToBytes('d61143f9ccffd2ca');
    const resp = await viaExample('(13) authentication response', (c) =>
      c.getAuthenticationResponse(REQ, CARD, { cardId: CARDID, challenge, diversified: false }),
    );
    expect(resp).toEqual(hexToBytes('17466e766e303cb6'));
    const key = await viaExample('(14) diversified key', (c) =>
      c.getDiversifiedKey(REQ, CARD, { cardId: CARDID }),
    );
    expect(key).toEqual(hexToBytes('981540f87a2907f81cfba16e2ac42ac7e397d3584ad56408'));
  });

  it('(15) server proposed PIN on the page route (no request id) parses a JSON string', async () => {
    const pin = await viaExample(
      '(15) server proposed PIN',
      (c) => c.getServerProposedPin(undefined, 'C6BAD97C-F97F-4920-8947-BE980C98C6B5'),
      '4711471147',
    );
    expect(pin).toBe('4711471147');
  });

  it('(17)(19)(22)(24) operations, profiles and certificates', async () => {
    expect(
      await viaExample('(17) smart card operations', (c) =>
        c.getSmartcardOperations('438d1b30-f3b4-4bed-85fa-285e08605ba7'),
      ),
    ).toEqual(['renew', 'unblock', 'retire']);
    const p = await viaExample('(19) profiles by status', (c) => c.listProfiles({ status: 'Active' }));
    expect(p.map((x) => x.ProfileOperations.length)).toEqual([3, 3, 2]);
    const sc = await viaExample('(22) smart card certificates', (c) =>
      c.getSmartcardCertificates('5badfea3-de31-4837-99f9-8249515a5473'),
    );
    expect(sc[0]!.Thumbprint).toBe('C52B0C5FB8AAD31A5B239FF2712ED14122D67D30');
    const uc = await viaExample('(24) user certificates', (c) => c.getUserCertificates());
    expect([uc[0]!.NotAfter, uc[0]!.Status]).toEqual(['2016-07-13T09:10:31', 0]);
  });
});
