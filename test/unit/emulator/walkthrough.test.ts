/**
 * The sample enrollment walkthrough (sample-enrollment-walkthrough.md; docs/mim-cm-api.md "Enrollment"), step
 * by step, through CmClient against the in-process emulator. The card side is a minimal admin-key
 * holder doing what a GIDS card does (docs/gids.md "Admin authentication"): issue a random 8-byte challenge and
 * accept only 3DES-EDE3(current key, challenge).
 */
import { createCipheriv, randomBytes, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {
  hexToBytes,
  isNoContent,
  REQUEST_STATUSES,
  SMARTCARD_STATUSES,
  type CmClient,
  type CmNoContent,
} from '../../../src/cm';
import { setup } from './helpers';

class AdminKeyCard {
  private challenge?: Buffer;
  constructor(public key: Buffer) {}
  getChallenge(): Uint8Array {
    this.challenge = randomBytes(8);
    return new Uint8Array(this.challenge);
  }
  externalAuthenticate(response: Uint8Array): boolean {
    const c = createCipheriv('des-ede3', this.key, null).setAutoPadding(false);
    const expected = Buffer.concat([c.update(this.challenge!), c.final()]);
    this.challenge = undefined; // one response per challenge, like the card
    return expected.equals(Buffer.from(response));
  }
}

function must<T>(v: T): Exclude<T, CmNoContent> {
  if (isNoContent(v)) throw new Error('unexpected 204');
  return v as Exclude<T, CmNoContent>;
}

async function makeCsr(): Promise<{ b64: string; spki: ArrayBuffer }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=Walkthrough User',
    keys,
    signingAlgorithm: alg,
  });
  return {
    b64: csr.toString('base64').replace(/(.{64})/g, '$1\r\n'),
    spki: await webcrypto.subtle.exportKey('spki', keys.publicKey),
  };
}

const TEMPLATE = '97CD65FA-AF4B-4587-9309-0DD6BFD8B4E1';
const CARD_ID = '23CADD5F-020D-4C3B-A5CA-307B7A06F9C9';
const ATR = hexToBytes('3b8d0180fba000000397425446590301c8');

async function authenticate(
  c: CmClient,
  card: AdminKeyCard,
  req: string,
  sc: string,
  diversified: boolean,
): Promise<boolean> {
  const response = must(
    await c.getAuthenticationResponse(req, sc, {
      cardId: CARD_ID,
      atr: ATR,
      challenge: card.getChallenge(),
      diversified,
    }),
  );
  return card.externalAuthenticate(response);
}

describe('sample enrollment walkthrough through the client', () => {
  it('enrolls a virtual smart card end to end with the walkthrough ids', async () => {
    const { client: c, emu } = setup({
      idQueues: {
        requests: ['C6BAD97C-F97F-4920-8947-BE980C98C6B5'],
        smartcards: ['D700D97C-F91F-4930-8947-BE980C98A644'],
      },
    });
    // 1-3: templates, then the enroll policy's data collection
    const t = (await c.getProfileTemplates()).find((x) => x.Name === 'Virtual Smartcard VPN')!;
    expect(t.Uuid).toBe(TEMPLATE.toLowerCase());
    const policy = must(await c.getWorkflowPolicy(TEMPLATE, 'Enroll'));
    expect(policy.PolicyDataCollection.map((i) => i.Name)).toEqual(['Request Reason']);
    // 4-5: create and check the request
    const req = await c.createRequest({
      type: 'Enroll',
      profileTemplateId: TEMPLATE,
      dataCollection: [{ name: 'Request Reason', value: 'Need VPN Certs' }],
    });
    expect(req).toBe('c6bad97c-f97f-4920-8947-be980c98c6b5');
    const r = must(await c.getRequest(req));
    expect([r.Status, r.NewSmartcardUuid, r.DataCollection]).toEqual([
      REQUEST_STATUSES.Approved,
      '00000000-0000-0000-0000-000000000000',
      [{ Name: 'Request Reason', Value: 'Need VPN Certs' }],
    ]);
    // 6-7: smart card policy; the card starts with the template's default admin key
    const cfg = must(await c.getSmartcardConfig(TEMPLATE));
    expect([cfg.DiversifyAdminKey, cfg.UserPinOption]).toEqual([true, 1]);
    const card = new AdminKeyCard(Buffer.from(hexToBytes(cfg.DefaultAdminKeyHex)));
    // 8-10: bind the card and look at it
    const sc = await c.assignSmartcard({ requestId: req, cardId: CARD_ID, atr: ATR });
    expect(sc).toBe('d700d97c-f91f-4930-8947-be980c98a644');
    const bound = must(await c.getSmartcard(sc));
    expect([bound.Status, bound.SerialNumber, bound.Atr]).toEqual([
      SMARTCARD_STATUSES.Assigned,
      `{${CARD_ID.toLowerCase()}}`,
      '3b8d0180fba000000397425446590301c8',
    ]);
    // 11: diversify — the response computed with diversified=true is wrong while the card still has the default key
    const newKey = must(await c.getDiversifiedKey(req, sc, { cardId: CARD_ID, atr: ATR }));
    expect(newKey).toHaveLength(24);
    expect(await authenticate(c, card, req, sc, true)).toBe(false);
    expect(await authenticate(c, card, req, sc, false)).toBe(true);
    card.key = Buffer.from(newKey); // PUT DATA of the new admin key
    // 12: user-provided PIN: a fresh challenge, answered with the diversified key
    expect(await authenticate(c, card, req, sc, false)).toBe(false);
    expect(await authenticate(c, card, req, sc, true)).toBe(true);
    expect(isNoContent(await c.getServerProposedPin(req, sc, { cardId: CARD_ID }))).toBe(true);
    // 13-14: CSRs per generation options, certificates back as PKCS#7
    const options = await c.getCertificateRequestGenerationOptions(req);
    const csrs = await Promise.all(options.map(() => makeCsr()));
    const results = await c.submitCertificateRequests(req, {
      pfxPassword: '6b75162c-b3b4-4fc1-a653-f12dae98f0c3',
      certificateRequests: csrs.map((x) => x.b64),
    });
    expect(results).toHaveLength(options.length);
    const issued = new x509.X509Certificates(results[0]!.Pkcs7!.replace(/\r\n/g, ''));
    expect(Buffer.from(issued[0]!.publicKey.rawData)).toEqual(Buffer.from(csrs[0]!.spki));
    expect(issued[0]!.subject).toBe('CN=Walkthrough User');
    const thumb = Buffer.from(await issued[0]!.getThumbprint())
      .toString('hex')
      .toUpperCase();
    // 15: complete
    const done = must(await c.updateRequestStatus(req, 'Completed'));
    expect([done.Status, done.NewSmartcardUuid, done.Completed.endsWith('Z')]).toEqual([
      REQUEST_STATUSES.Completed,
      sc,
      true,
    ]);
    expect(must(await c.getSmartcard(sc)).Status).toBe(SMARTCARD_STATUSES.Active);
    expect((await c.getSmartcardCertificates(sc)).map((x) => x.Thumbprint)).toEqual([thumb]);
    expect(
      (await c.getUserCertificates()).some(
        (x) => x.Thumbprint === thumb && x.Issuer === 'cmemu.contoso.com\\Contoso-Emulated-Issuing-CA',
      ),
    ).toBe(true);
    expect(await c.getSmartcardOperations(sc)).toEqual(['renew', 'unblock', 'retire']);
    expect((await c.getRequestProfiles(req)).map((p) => p.Uuid)).toEqual([done.NewProfileUuid]);

    // Afterwards: unblock on the same card authenticates with the diversified key; then retire it.
    const unblock = await c.createRequest({ type: 'Unblock', smartcardId: sc });
    expect(await authenticate(c, card, unblock, sc, true)).toBe(true);
    must(await c.updateRequestStatus(unblock, 'Completed'));
    const retire = await c.createRequest({ type: 'Retire', smartcardId: sc });
    expect(must(await c.updateSmartcardStatus(retire, sc, 'Retired')).Status).toBe(
      SMARTCARD_STATUSES.Retired,
    );
    must(await c.updateRequestStatus(retire, 'Completed'));
    expect((await c.getUserCertificates()).some((x) => x.Thumbprint === thumb)).toBe(false); // retired ones filtered
    expect(emu.state.requests.size).toBe(3);
  });

  it('server-proposed PIN: follows the template policy, stays stable until the request ends', async () => {
    const { client: c } = setup();
    const tpl = '2b7044cf-aa96-4911-b886-177947e9271b';
    const cfg = must(await c.getSmartcardConfig(tpl));
    const req = await c.createRequest({ type: 'Enroll', profileTemplateId: tpl });
    const sc = await c.assignSmartcard({ requestId: req, cardId: CARD_ID, atr: ATR });
    const card = new AdminKeyCard(Buffer.from(hexToBytes(cfg.DefaultAdminKeyHex)));
    const pin1 = must(
      await c.getServerProposedPin(req, sc, { cardId: CARD_ID, atr: ATR, challenge: card.getChallenge() }),
    );
    const pin2 = must(await c.getServerProposedPin(undefined, sc, { cardId: CARD_ID }));
    expect(pin1).toMatch(
      new RegExp(`^[0-9]{${cfg.UserPinPolicy.MinLength},${cfg.UserPinPolicy.MaxLength}}$`),
    );
    expect(pin2).toBe(pin1);
    must(await c.updateRequestStatus(req, 'Canceled'));
    const next = await c.createRequest({ type: 'Unblock', smartcardId: sc });
    expect(must(await c.getServerProposedPin(next, sc, { cardId: CARD_ID }))).toMatch(/^[0-9]{8}$/);
  });

  it('pending approval: the client polls until the approver (or the poll switch) approves', async () => {
    const { client: c, emu } = setup({ requireApproval: true, approveAfterPolls: 0 });
    const req = await c.createRequest({ type: 'Enroll', profileTemplateId: TEMPLATE });
    expect(must(await c.getRequest(req)).Status).toBe(REQUEST_STATUSES.Pending);
    expect(await c.listRequests({ targetUser: 'current', status: 'Pending' })).toHaveLength(1);
    await expect(c.assignSmartcard({ requestId: req, cardId: CARD_ID })).rejects.toMatchObject({
      code: 'cm/http-500',
    });
    emu.approveRequest(req);
    expect(must(await c.getRequest(req)).Status).toBe(REQUEST_STATUSES.Approved);
    const auto = setup({ requireApproval: true, approveAfterPolls: 2 }).client;
    const id = await auto.createRequest({ type: 'Enroll', profileTemplateId: TEMPLATE });
    expect([must(await auto.getRequest(id)).Status, must(await auto.getRequest(id)).Status]).toEqual([
      REQUEST_STATUSES.Pending,
      REQUEST_STATUSES.Approved,
    ]);
  });
});
