import { describe, expect, it } from 'vitest';
import { deriveDiversifiedKey } from '../../../emulator/crypto';
import { DEFAULT_OPTIONS } from '../../../emulator/options';
import { cardIdToGuid } from '../../../src/card';
import { REQUEST_STATUSES, SMARTCARD_STATUSES, isNoContent } from '../../../src/cm';
import {
  ENROLL_STEPS,
  certificatesPending,
  enrollCard,
  getEnrollPolicy,
  listEnrollTemplates,
  resumableFlows,
} from '../../../src/flows';
import { toHex } from '../../../src/iso7816/hex';
import { TPL_SERVER_PIN, TPL_USER_PIN, caught, expectCardCertificate, world } from './harness';

async function cardGuid(w: ReturnType<typeof world>): Promise<string> {
  return cardIdToGuid(await w.card.readCardId());
}

describe('enrollCard', () => {
  it('lists smart card templates and builds the form and PIN policy from the policies', async () => {
    const w = world();
    const templates = await listEnrollTemplates(w.cm);
    expect(templates.map((t) => t.uuid)).toContain(TPL_USER_PIN);
    expect(templates.every((t) => t.uuid !== '12bd5120-86a2-4ee1-8d05-131066871578')).toBe(true); // software template filtered
    const p = await getEnrollPolicy(w.cm, TPL_USER_PIN);
    expect(p.fields.map((f) => f.name)).toEqual(['Request Reason']);
    expect(p.pinPolicy).toMatchObject({ minLength: 8, maxLength: 16, charset: 'numeric', source: 'user' });
    expect(p.diversifyAdminKey).toBe(true);
    expect((await getEnrollPolicy(w.cm, TPL_SERVER_PIN)).pinPolicy.source).toBe('server');
  });

  it('user PIN: binds, diversifies, sets the PIN, puts key and certificate on the card and completes', async () => {
    const w = world();
    const cardId = await cardGuid(w);
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: { 'Request Reason': 'VPN' },
      userPin: '24681357',
    });
    expect(r).toMatchObject({ stage: 'completed', pinSource: 'user', adminKeyDiversified: true });
    const req = await w.cm.getRequest(r.requestId);
    expect(!isNoContent(req) && [req.Status, req.NewSmartcardUuid, req.DataCollection]).toEqual([
      REQUEST_STATUSES.Completed,
      r.cmCardUuid,
      [{ Name: 'Request Reason', Value: 'VPN' }],
    ]);
    const sc = await w.cm.getSmartcard(r.cmCardUuid);
    expect(!isNoContent(sc) && [sc.Status, sc.SerialNumber]).toEqual([
      SMARTCARD_STATUSES.Active,
      `{${cardId}}`,
    ]);
    expect(toHex(w.sim.security.adminKey)).toBe(
      deriveDiversifiedKey(DEFAULT_OPTIONS.adminKeySecret, cardId).toString('hex'),
    );
    await w.card.verifyPin('24681357');
    await expectCardCertificate(w.card, '81', { decrypt: true, sign: true }, { kind: 'rsa', bits: 2048 });
    expect(w.sim.keyFiles.generated).toBe(1);
    expect(await certificatesPending(w.store, cardId)).toEqual([]);
    expect(await resumableFlows(w.store, cardId)).toEqual([]);
    expect(w.progress.map((p) => p.step).filter((s, i, a) => a.indexOf(s) === i)).toEqual(ENROLL_STEPS);
    expect(w.httpCalls.filter((c) => c.startsWith('PUT') || c.includes('certificate'))).toEqual([
      `GET /requests/${r.requestId}/certificaterequestgenerationoptions`,
      `POST /requests/${r.requestId}/certificatedata`,
      `PUT /requests/${r.requestId}`,
    ]);
    const csr = w.emu.state.certs.filter((c) => c.request === r.requestId);
    expect(csr).toHaveLength(1);
  });

  it('server-proposed PIN: shows it through confirmProposedPin, then sets exactly that PIN', async () => {
    const w = world();
    let shown = '';
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_SERVER_PIN,
      dataCollection: {},
      confirmProposedPin: async (pin) => ((shown = pin), true),
    });
    expect(r.pinSource).toBe('server');
    expect(shown).toMatch(/^[0-9]{8}$/);
    await w.card.verifyPin(shown);
  });

  it('declined proposed PIN stops with confirmation-required and keeps the journal for a resume', async () => {
    const w = world();
    const e = await caught(() =>
      enrollCard(w.deps(), {
        profileTemplateUuid: TPL_SERVER_PIN,
        dataCollection: {},
        confirmProposedPin: async () => false,
      }),
    );
    expect([e.code, e.data?.nextStep]).toEqual(['flow/confirmation-required', 'confirm-action']);
    const [entry] = await resumableFlows(w.store, await cardGuid(w));
    let shown = '';
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_SERVER_PIN,
      dataCollection: {},
      resume: entry!,
      confirmProposedPin: async (p) => ((shown = p), true),
    });
    expect(r.requestId).toBe(entry!.requestId);
    await w.card.verifyPin(shown);
    expect(w.emu.state.requests.size).toBe(1);
  });

  it('refuses bad input before creating anything: PIN outside policy, missing required field', async () => {
    const w = world();
    const e1 = await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '12ab5678' }),
    );
    expect([e1.code, e1.data?.reason]).toEqual(['flow/pin-policy', 'not-numeric']);
    const e2 = await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '1234' }),
    );
    expect([e2.code, e2.data?.reason, e2.data?.minLength]).toEqual(['flow/pin-policy', 'too-short', 8]);
    const fields = [{ name: 'Request Reason', required: true }];
    const e3 = await caught(() =>
      enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        dataCollection: { 'Request Reason': ' ' },
        fields,
        userPin: '12345678',
      }),
    );
    expect([e3.code, e3.data?.fields]).toEqual(['flow/data-missing', 'Request Reason']);
    expect(w.emu.state.requests.size).toBe(0);
    expect(w.journalWrites).toEqual([]);
  });

  it('a card already registered in CM is refused (flow/card-already-registered)', async () => {
    const w = world();
    await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '12345678',
    });
    const e = await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '12345678' }),
    );
    expect([e.code, e.data?.nextStep]).toEqual(['flow/card-already-registered', 'use-other-card']);
    expect(w.emu.state.requests.size).toBe(1);
  });

  it('admin key already diversified but not journaled → authenticates with diversified=true, no second key write', async () => {
    const w = world();
    const put = w.store.journal.put;
    let failNext = false;
    w.store.journal.put = async (e) => {
      if (failNext) throw new Error('IndexedDB write failed');
      if (e.stage === 'card-bound') failNext = true; // the next write is the one after the key change
      return put(e);
    };
    await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '12345678' }),
    );
    const keyAfterFirstRun = toHex(w.sim.security.adminKey);
    expect(keyAfterFirstRun).not.toBe(toHex(new Uint8Array(24)));
    w.store.journal.put = put;
    const [entry] = await resumableFlows(w.store, await cardGuid(w));
    expect([entry!.stage, entry!.facts.adminKeyDiversified]).toEqual(['card-bound', undefined]);
    w.httpCalls.length = 0;
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '12345678',
      resume: entry!,
    });
    expect(r.adminKeyDiversified).toBe(true);
    expect(toHex(w.sim.security.adminKey)).toBe(keyAfterFirstRun);
    const auth = w.httpCalls.filter((c) => c.includes('authenticationresponse'));
    expect(auth).toHaveLength(2); // default key refused, diversified accepted; the PIN is set in that same authentication
    await w.card.verifyPin('12345678');
  });

  it('pending approval is polled (wait-approval progress) and times out with a resumable journal', async () => {
    const w = world({ emu: { requireApproval: true, approveAfterPolls: 0 } });
    const e = await caught(() =>
      enrollCard(w.deps({ approvalTimeoutMs: 20, pollIntervalMs: 2 }), {
        profileTemplateUuid: TPL_USER_PIN,
        dataCollection: {},
        userPin: '12345678',
      }),
    );
    expect([e.code, e.data?.nextStep]).toEqual(['flow/approval-timeout', 'wait-and-resume']);
    expect(w.progress.filter((p) => p.step === 'wait-approval').length).toBeGreaterThan(1);
    const [entry] = await resumableFlows(w.store, await cardGuid(w));
    w.emu.approveRequest(entry!.requestId!);
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      userPin: '12345678',
      resume: entry!,
    });
    expect(r.requestId).toBe(entry!.requestId);
  });
});
