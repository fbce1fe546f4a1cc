/**
 * What the renew view offers, against the emulator: Renew only for a card whose template lists
 * `renew`; Renew and OnlineUpdate where both are listed (the demo's server-PIN template); nothing
 * for a card CM does not know; a type whose workflow policy is disabled is left out. And a renewed
 * certificate's predecessor (same template, earlier NotAfter) is no longer due.
 */
import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import {
  certificatesNeedingRenewal,
  getRenewOffer,
  renewCertificates,
  supersededSerials,
} from '../../../src/flows';
import { TPL_SERVER_PIN, TPL_USER_PIN, registerCard, world } from './harness';

describe('renew offer', () => {
  it('offers what the operations list names, with each type policy', async () => {
    const w = world();
    const id = cardIdToGuid(await w.card.readCardId());
    expect(await getRenewOffer(w.cm, id)).toEqual({ kind: 'not-registered' });
    const { cmCardUuid } = await registerCard(w, TPL_USER_PIN);
    const offer = await getRenewOffer(w.cm, id);
    expect(offer).toEqual({
      kind: 'offered',
      cmCardUuid,
      choices: [{ type: 'Renew', fields: [], collectComments: false, approvalsNeeded: 0 }],
    });
  });

  it('offers both types where CM lists renew and onlineupdate; a disabled policy drops its type', async () => {
    const w = world();
    await registerCard(w, TPL_SERVER_PIN);
    const id = cardIdToGuid(await w.card.readCardId());
    const offer = await getRenewOffer(w.cm, id);
    expect(offer.kind === 'offered' && offer.choices.map((c) => c.type)).toEqual(['Renew', 'OnlineUpdate']);
    w.emu.state.templates.get(TPL_SERVER_PIN)!.policies.onlineupdate!.Enabled = false;
    w.emu.state.templates.get(TPL_SERVER_PIN)!.policies.renew!.Enabled = false;
    expect(await getRenewOffer(w.cm, id)).toEqual({ kind: 'not-offered' });
  });

  it('after a renewal the old certificate is superseded by the new one and no longer due', async () => {
    const w = world({ emu: { clockOffsetDays: -350 } });
    await registerCard(w, TPL_USER_PIN, '11223344');
    const id = cardIdToGuid(await w.card.readCardId());
    const before = (await w.cm.getUserCertificates()).map((d) => d.SerialNumber);
    (w.emu.options as { clockOffsetDays: number }).clockOffsetDays = 0; // a year later, renewal day
    await renewCertificates(w.deps(), { type: 'Renew', cardPin: '11223344' });
    const [sc] = await w.cm.findSmartcards({ cardId: id });
    const onCard = (await w.cm.getSmartcardCertificates(sc!.Uuid)).map((c) => c.SerialNumber);
    expect(onCard).toHaveLength(2); // CM keeps listing the old certificate for the card
    const certs = (await w.cm.getUserCertificates())
      .filter((d) => onCard.includes(d.SerialNumber))
      .map((d) => ({
        serialNumber: d.SerialNumber,
        template: d.TemplateCommonName,
        notAfter: d.NotAfter ?? '',
        subject: '',
        issuer: '',
        notBefore: '',
      }));
    const old = certs.find((c) => before.includes(c.serialNumber))!;
    expect([...supersededSerials(certs)]).toEqual([old.serialNumber]);
    const card = { cardId: id, atr: '', cardType: 'gids' as const, certificates: certs, lastSeen: 0 };
    // Without the superseded rule the old certificate (15 days left) would still be due.
    expect(certificatesNeedingRenewal([card], Date.now())).toEqual([]);
  });
});
