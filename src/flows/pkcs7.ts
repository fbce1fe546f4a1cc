/**
 * Reading the CM server's certificate results (get-certificate-responses.md: `isPkcs7` → `Pkcs7`
 * is a base64 certs-only PKCS#7, RFC 5652 §5, "certificate plus chain"): find the certificate whose
 * public key is one of the on-card keys, and check that it was signed by the issuer certificate
 * the same bundle carries (RFC 5280 §6.1 signature step; the full path to a trusted root is the
 * relying party's job).
 */
import { AppError } from '../errors';
import type { Pkcs7ErrorCode } from '../error-codes';
import { loadX509 } from './csr';

export class Pkcs7Error extends AppError<Pkcs7ErrorCode> {}

/** A certificate as read back from the card, checked against its key and issuer. */
export interface InstalledCertificate {
  slot: string;
  subject: string;
  issuer: string;
  /** Upper-case hex, as CM lists serial numbers. */
  serialNumber: string;
  notAfter: string;
}

/**
 * Checks a certificate read back from the card: its public key is the on-card key (`spki`) and
 * `issuerDer` (from the PKCS#7 chain) signed it. Throws `pkcs7/readback-mismatch` otherwise.
 */
export async function checkInstalled(slot: string, der: Uint8Array, spki: Uint8Array, issuerDer: Uint8Array | undefined): Promise<InstalledCertificate> {
  const x509 = await loadX509();
  const cert = new x509.X509Certificate(new Uint8Array(der));
  if (!eq(new Uint8Array(cert.publicKey.rawData), spki)) throw new Pkcs7Error('pkcs7/readback-mismatch', 'The certificate on the card does not belong to the key on the card', { slot });
  if (issuerDer) {
    const issuer = new x509.X509Certificate(new Uint8Array(issuerDer));
    if (!(await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) {
      throw new Pkcs7Error('pkcs7/readback-mismatch', 'The certificate on the card is not signed by its issuer', { slot });
    }
  }
  return { slot, subject: cert.subject, issuer: cert.issuer, serialNumber: cert.serialNumber.toUpperCase(), notAfter: cert.notAfter.toISOString() };
}

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
