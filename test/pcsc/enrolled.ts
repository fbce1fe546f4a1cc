/**
 * Enrolls a virtual card to Completed with the project's own flow (enrollCard) against the
 * in-process CM emulator — the same world the flow unit tests use — and keeps what CM issued:
 * the leaf certificate of every PKCS#7 bundle `POST …/certificatedata` answered with, as DER bytes
 * straight from the server (not as the flow or the card layer understood them).
 *
 * Keys are generated for real (WebCrypto RSA-2048 inside the virtual card), not taken from the
 * unit tests' key pool, so the middleware signs and decrypts with a key no other test shares.
 */
import 'reflect-metadata';
import { X509Certificates } from '@peculiar/x509';
import { PivCard } from '../../src/card';
import { REQUEST_STATUSES, SMARTCARD_STATUSES, base64ToBytes, isNoContent } from '../../src/cm';
import { enrollCard } from '../../src/flows';
import { directConnection } from '../../src/sim/gids-connection';
import { VirtualPivCard } from '../../src/sim/piv-card';
import { webCryptoKeySource } from '../../src/sim/sim-keys';
import type { VirtualCard } from '../../src/sim/ccid-card';
import { TPL_USER_PIN, world } from '../unit/flows/harness';

export interface Enrolled {
  /** The virtual card, enrolled, ready to be served over vpcd (reset already done). */
  card: VirtualCard;
  pin: string;
  /** DER of each certificate CM issued (leaf of each PKCS#7), in answer order. */
  issued: Uint8Array[];
  requestStatus: number;
  cardStatus: number;
}

/** Enrolls a GIDS (user-chosen PIN set by the flow) or PIV (card keeps its PIN) card to Completed. */
export async function enrollVirtualCard(kind: 'gids' | 'piv'): Promise<Enrolled> {
  const w = world({ card: { keySource: webCryptoKeySource } });
  const pin = kind === 'gids' ? '24681357' : '135790';
  let card: VirtualCard = w.sim;
  if (kind === 'piv') {
    const piv = new VirtualPivCard({
      guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
      pin,
      keySource: webCryptoKeySource,
    });
    w.card = new PivCard(directConnection(piv)) as unknown as typeof w.card; // deps() hands w.card to the flow
    card = piv;
  }
  const bundles: string[] = [];
  const handle = w.emu.handle;
  w.emu.handle = async (req) => {
    const res = await handle(req);
    if (/\/certificatedata$/i.test(new URL(req.url).pathname) && res.ok) {
      for (const r of (await res.clone().json()) as Array<{ Pkcs7: string | null }>)
        if (r.Pkcs7) bundles.push(r.Pkcs7);
    }
    return res;
  };
  const r = await enrollCard(w.deps(), {
    profileTemplateUuid: TPL_USER_PIN,
    dataCollection: { 'Request Reason': 'pcsc tier' },
    ...(kind === 'gids' ? { userPin: pin } : { cardPin: pin }),
    confirmProposedPin: async () => true,
  });
  const req = await w.cm.getRequest(r.requestId);
  const sc = await w.cm.getSmartcard(r.cmCardUuid);
  const issued = bundles.map((b64) => {
    const certs = new X509Certificates(new Uint8Array(base64ToBytes(b64)));
    // The leaf is the certificate that issued no other one in the bundle.
    const leaf = [...certs].find((c) => ![...certs].some((o) => o !== c && o.issuer === c.subject));
    if (!leaf) throw new Error('PKCS#7 without a leaf certificate');
    return new Uint8Array(leaf.rawData);
  });
  card.reset?.(); // taken out of the flow's reader; pcscd powers it up again
  return {
    card,
    pin,
    issued,
    requestStatus: isNoContent(req) ? -1 : req.Status,
    cardStatus: isNoContent(sc) ? -1 : sc.Status,
  };
}

export { REQUEST_STATUSES, SMARTCARD_STATUSES };
