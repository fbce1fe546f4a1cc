/**
 * Reading the CM server's certificate results (get-certificate-responses.md: `isPkcs7` → `Pkcs7`
 * is a base64 certs-only PKCS#7, RFC 5652 §5, "certificate plus chain"): find the certificate whose
 * public key is one of the on-card keys, and check that it was signed by the issuer certificate
 * the same bundle carries (RFC 5280 §6.1 signature step; the full path to a trusted root is the
 * relying party's job).
 */
import { AppError } from '../errors';
import { loadX509 } from './csr';

export class Pkcs7Error extends AppError {}

export interface MatchedCertificate {
  /** Index of the on-card key (generation option) the certificate belongs to. */
  index: number;
  der: Uint8Array;
  subject: string;
  /** DER of the certificates above the leaf in the bundle (issuer first). */
  chain: Uint8Array[];
}

const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Parses one PKCS#7 result and returns the certificate matching one of `spkis` (SubjectPublicKeyInfo
 * DER per on-card key), or undefined when none matches (e.g. an external certificate). Throws
 * `pkcs7/bad-data` for an unreadable bundle and `pkcs7/bad-signature` when the included issuer did
 * not sign the matching certificate.
 */
export async function matchCertificate(pkcs7: string, spkis: readonly Uint8Array[]): Promise<MatchedCertificate | undefined> {
  const x509 = await loadX509();
  const certs = new x509.X509Certificates();
  try {
    certs.import(pkcs7.replace(/[\r\n\s]/g, ''));
  } catch (e) {
    throw new Pkcs7Error('pkcs7/bad-data', 'The certificate response is not a readable PKCS#7', {}, { cause: e });
  }
  for (const cert of certs) {
    const index = spkis.findIndex((s) => eq(s, new Uint8Array(cert.publicKey.rawData)));
    if (index < 0) continue;
    const chain: Uint8Array[] = [];
    let cur = cert;
    for (let depth = 0; depth < 8 && cur.subject !== cur.issuer; depth++) {
      const issuer = certs.find((c) => c !== cur && c.subject === cur.issuer);
      if (!issuer) break;
      if (!(await cur.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) {
        throw new Pkcs7Error('pkcs7/bad-signature', `Certificate "${cur.subject}" is not signed by "${issuer.subject}"`, {});
      }
      chain.push(new Uint8Array(issuer.rawData));
      cur = issuer;
    }
    return { index, der: new Uint8Array(cert.rawData), subject: cert.subject, chain };
  }
  return undefined;
}
