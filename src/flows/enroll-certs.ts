/**
 * The certificate stage of enrollment (sample-enrollment-walkthrough.md steps 24–28; docs/mim-cm-api.md
 * "Enrollment" steps 13–15): generation options → per option an on-card key (container / slot, GENERATE) →
 * one PKCS#10 per key signed by the card → `POST …/certificatedata` → each PKCS#7 certificate
 * written to the card next to its key → `PUT requests/{id}` Completed (the card turns Active).
 *
 * Journal facts (non-secret, store/secrets-guard.ts allows them): `slotN` (key reference reserved for
 * option N, written before GENERATE), `spkiN` (base64 public key, after GENERATE), `certN` (base64
 * DER of the issued certificate, after the POST), `installedN` (written to the card). A resume
 * reads the key back instead of generating a second one, and never posts the requests twice once
 * the certificates are journaled. Keys need the PIN (GIDS) or the admin key plus the PIN (PIV).
 */
import { bytesToBase64 } from '../common/base64';
import { base64ToBytes, isNoContent } from '../cm';
import type { CertificateRequestGenerationOptions, CertificateResult } from '../cm';
import { TRANSACTION_MAX_MS } from '../transport/transaction';
import { adminGate } from './card-ops';
import { planFromOptions } from './csr';
import { KEY_GENERATION_TIMEOUT_MS, keyFor, signedRequest, type KeyState } from './enroll-keys';
import { checkInstalled, matchCertificate, type InstalledCertificate } from './pkcs7';
import type { FlowRun } from './run';
import type { Target } from './types';

export { KEY_GENERATION_TIMEOUT_MS };

export const COMPLETING = 'completing';

/**
 * Runs the certificate stage; `keyPin` is the PIN now on the card (kept in memory only). Returns
 * the certificates as read back from the card, each checked against its key and issuer.
 */
export async function certificateStage(
  run: FlowRun,
  t: Target,
  keyPin: string,
  opts: {
    inServiceCard?: boolean;
    options?: () => Promise<CertificateRequestGenerationOptions[]>;
    /** The card holds the admin-key authentication from a step just before (key change). */
    adminHeld?: boolean;
  } = {},
): Promise<InstalledCertificate[]> {
  const { card, cm, signal } = run.deps;
  const options = await run.step('get-cert-options', async () => {
    // Asked already, while the card was bound (enroll.ts), or now.
    const o = await (
      opts.options ?? (() => cm.getCertificateRequestGenerationOptions(t.requestId, signal))
    )();
    return isNoContent(o) ? [] : o;
  });
  const plans = options.map((o) => {
    try {
      return planFromOptions(o);
    } catch (e) {
      return run.fail('get-cert-options', 'flow/not-supported', (e as Error).message, {
        reason: 'key-algorithm',
      });
    }
  });
  // Before any key is generated: a template needing ECC on an RSA-only card (GidsApplet) stops here.
  for (const p of plans) {
    if (card.keys.supports(p.spec)) continue;
    const algorithm = p.spec.kind === 'rsa' ? `RSA-${p.spec.bits}` : `ECC ${p.spec.curve}`;
    run.fail(
      'get-cert-options',
      'flow/not-supported',
      `The profile template needs ${algorithm} keys, which this ${card.type.toUpperCase()} card cannot generate`,
      { reason: 'key-algorithm', algorithm, cardType: card.type },
    );
  }
  const f = () => run.facts;
  const allIssued = () => plans.every((_, i) => typeof f()[`cert${i}`] === 'string');
  // PIV: GENERATE and PUT DATA need the 9B authentication; held already when the enrollment has
  // just changed the management key (the card keeps it, docs/piv.md "Management key authentication").
  const admin = adminGate(run, t, opts.adminHeld === true);

  const keys: KeyState[] = [];
  const csrs: string[] = [];
  if (!allIssued()) {
    // One card transaction: the admin-key authentication (PIV) and the PIN must hold until the last
    // key is generated and its request signed — one VERIFY for all (the card keeps the PIN
    // verified for the session, ISO/IEC 7816-4 §5.4; docs/flow-timing.md "VERIFY").
    await run.step('generate-keys', () =>
      card.transaction(
        async () => {
          await card.verifyPin(keyPin, { signal });
          for (const [i, plan] of plans.entries())
            keys.push(await keyFor(run, i, plan, keys, opts.inServiceCard === true, admin));
          for (const k of keys) csrs.push(await signedRequest(run, k, keyPin));
        },
        { signal, maxMs: plans.length * KEY_GENERATION_TIMEOUT_MS + TRANSACTION_MAX_MS },
      ),
    );
  }

  const certs = await run.step('request-certificates', async () => {
    if (!allIssued()) await requestCertificates(run, t, keys, csrs);
    return plans.map((_, i) => base64ToBytes(String(f()[`cert${i}`]), 'journaled certificate'));
  });

  const installed = await run.step('install-certificates', async () => {
    const pending = plans.map((p, i) => ({ p, i })).filter(({ i }) => f()[`installed${i}`] !== true);
    await card.transaction(
      async () => {
        if (pending.length > 0) await card.verifyPin(keyPin, { signal });
        for (const { p, i } of pending) {
          await admin.privileged('install-certificates', () =>
            card.keys.writeCertificate(String(f()[`slot${i}`]), p.usage, certs[i]!, { signal }),
          );
          await run.save({ facts: { [`installed${i}`]: true } });
        }
      },
      { signal },
    );
    const out: InstalledCertificate[] = [];
    for (const [i, p] of plans.entries()) {
      const slot = String(f()[`slot${i}`]);
      const back = await card.keys.readCertificate(slot, p.usage, { signal });
      if (!back)
        run.fail(
          'install-certificates',
          'flow/card-error',
          'The certificate written to the card cannot be read back',
          { reason: 'certificate-readback' },
        );
      const issuer =
        typeof f()[`issuer${i}`] === 'string'
          ? base64ToBytes(String(f()[`issuer${i}`]), 'journaled issuer')
          : undefined;
      out.push(
        await checkInstalled(
          slot,
          back,
          base64ToBytes(String(f()[`spki${i}`]), 'journaled public key'),
          issuer,
        ),
      );
    }
    return out;
  });

  await run.step('complete-request', async () => {
    await run.save({ stage: COMPLETING });
    await cm.updateRequestStatus(t.requestId, 'Completed', signal);
  });
  await run.finish();
  return installed;
}

/** One POST of all CSRs, each PKCS#7 matched to its key by public key and journaled. */
async function requestCertificates(
  run: FlowRun,
  t: Target,
  keys: readonly KeyState[],
  csrs: readonly string[],
): Promise<void> {
  const { cm, signal } = run.deps;
  const results = await cm.submitCertificateRequests(t.requestId, { certificateRequests: [...csrs] }, signal);
  const list: CertificateResult[] = isNoContent(results) ? [] : results;
  const refused = list.find((r) => r.Error);
  if (refused)
    run.fail(
      'request-certificates',
      'flow/server-unexpected',
      `The CA refused a certificate: ${refused.Error}`,
      { reason: 'certificate-refused', template: refused.TemplateCommonName, serverMessage: refused.Error },
    );
  const pfx = list.find((r) => r.isPfx || (r.Pfx && !r.isPkcs7));
  // Why refuse rather than skip: a PFX means a server-generated key (e.g. archived encryption key);
  // importing it needs PKCS#12 decryption and an import path this client does not have.
  if (pfx)
    run.fail(
      'request-certificates',
      'flow/not-supported',
      'The server returned a PFX (server-generated key); this client cannot import it onto the card',
      { reason: 'pfx-result', template: pfx.TemplateCommonName },
    );
  const issued: Record<string, string> = {};
  for (const r of list) {
    if (!r.isPkcs7 || !r.Pkcs7) continue;
    const m = await matchCertificate(
      r.Pkcs7,
      keys.map((k) => k.spki),
    );
    if (!m) continue;
    issued[`cert${m.index}`] = bytesToBase64(m.der);
    if (m.chain[0]) issued[`issuer${m.index}`] = bytesToBase64(m.chain[0]);
  }
  const missing = keys.findIndex((_, i) => !(`cert${i}` in issued));
  if (missing >= 0)
    run.fail(
      'request-certificates',
      'flow/server-unexpected',
      `No certificate came back for request ${missing + 1}`,
      { reason: 'certificate-missing' },
    );
  await run.save({ stage: 'certificates-issued', facts: issued });
}
