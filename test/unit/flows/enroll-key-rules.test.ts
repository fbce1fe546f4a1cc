/**
 * Key rules of the card that enrollment must follow:
 * - PIV 9C is "PIN Always" (SP 800-73-4 Part 1 §3.5 table 4b): a template with a logon certificate
 *   (9A) and a signature certificate (9C) needs a VERIFY right before the 9C signature;
 * - GIDS offers no ECC unless the card has it (GidsApplet is RSA-only): a template that needs ECC
 *   stops before any key container is created, with a clear `flow/not-supported`.
 */
import { describe, expect, it } from 'vitest';
import { PivCard } from '../../../src/card';
import type { CertificateRequestGenerationOptions } from '../../../src/cm';
import { REQUEST_STATUSES } from '../../../src/cm';
import { enrollCard } from '../../../src/flows';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { TPL_USER_PIN, caught, expectCardCertificate, world, type World } from './harness';

function withOptions(w: World, options: Partial<CertificateRequestGenerationOptions>[]): void {
  const t = w.emu.state.templates.get(TPL_USER_PIN)!;
  const base = t.genOptions[0]!;
  w.emu.state.templates.set(TPL_USER_PIN, { ...t, genOptions: options.map((o) => ({ ...base, ...o })) });
}

describe('enrollment and the key rules of the card', () => {
  it('PIV: logon key in 9A and signature key in 9C (PIN Always) both get their certificate', async () => {
    const w = world();
    withOptions(w, [{ KeyUsages: 3 }, { KeyUsages: 2 }]);
    const sim = new VirtualPivCard({
      guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
      pin: '654321',
    });
    const card = new PivCard(directConnection(sim));
    w.card = card as unknown as typeof w.card;
    const r = await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: {},
      cardPin: '654321',
    });
    expect(r.certificates.map((c) => c.slot)).toEqual(['9a', '9c']);
    await expectCardCertificate(card, '9a', { decrypt: true, sign: true }, { kind: 'rsa', bits: 2048 });
    await expectCardCertificate(card, '9c', { decrypt: false, sign: true }, { kind: 'rsa', bits: 2048 });
    expect(w.emu.state.requests.get(r.requestId)!.dto.Status).toBe(REQUEST_STATUSES.Completed);
  });

  it('GIDS (RSA-only): an ECC template fails before any key container, naming the algorithm', async () => {
    const w = world();
    withOptions(w, [{ KeyAlgorithmName: 'ECDSA_P256', KeySize: 256, KeyUsages: 2 }]);
    const e = await caught(() =>
      enrollCard(w.deps(), { profileTemplateUuid: TPL_USER_PIN, dataCollection: {}, userPin: '24682468' }),
    );
    expect([e.code, e.data?.reason, e.data?.algorithm]).toEqual([
      'flow/not-supported',
      'key-algorithm',
      'ECC P-256',
    ]);
    expect(e.message).toMatch(/ECC P-256/);
    expect(w.conn.sent.some((c) => c[1] === 0xe0 || c[1] === 0x47)).toBe(false); // no CREATE FILE, no GENERATE
    expect(w.sim.keyFiles.generated).toBe(0);
  });
});
