/**
 * Reading the CM server's certificate results (get-certificate-responses.md: `isPkcs7` → `Pkcs7`
 * is a base64 certs-only PKCS#7, RFC 5652 §5, "certificate plus chain"): find the certificate whose
 * public key is one of the on-card keys, and check that it was signed by the issuer certificate
 * the same bundle carries (RFC 5280 §6.1 signature step; the full path to a trusted root is the
 * relying party's job).
 */
import { equalBytes } from '@noble/ciphers/utils.js';
import { decodeBase64 } from '../common/base64';
import { AppError } from '../errors';
import type { Pkcs7ErrorCode } from '../error-codes';
import { loadX509, type X509Codec } from './csr';
import type { ParsedCertificate } from './x509-codec';

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
export async function checkInstalled(
  slot: string,
  der: Uint8Array,
  spki: Uint8Array,
  issuerDer: Uint8Array | undefined,
): Promise<InstalledCertificate> {
  const x509 = await loadX509();
  let cert: ParsedCertificate;
  let issuer: ParsedCertificate | undefined;
  try {
    cert = x509.parseCertificate(der);
    issuer = issuerDer && x509.parseCertificate(issuerDer);
  } catch (e) {
    throw new Pkcs7Error(
      'pkcs7/readback-mismatch',
      'The certificate on the card is not a readable X.509 certificate',
      { slot },
      { cause: e },
    );
  }
  if (!equalBytes(cert.spki, spki))
    throw new Pkcs7Error(
      'pkcs7/readback-mismatch',
      'The certificate on the card does not belong to the key on the card',
      { slot },
    );
  if (issuer) {
    if (!(await verified(x509, cert, issuer))) {
      throw new Pkcs7Error(
        'pkcs7/readback-mismatch',
        'The certificate on the card is not signed by its issuer',
        { slot },
      );
    }
  }
  return {
    slot,
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber.toUpperCase(),
    notAfter: cert.notAfter.toISOString(),
  };
}

export interface MatchedCertificate {
  /** Index of the on-card key (generation option) the certificate belongs to. */
  index: number;
  der: Uint8Array;
  subject: string;
  /** DER of the certificates above the leaf in the bundle (issuer first). */
  chain: Uint8Array[];
}

/** Base64 (any line breaks or spaces) → bytes; throws on anything but canonical base64. */
function base64Der(b64: string): Uint8Array {
  const der = decodeBase64(b64.replace(/\s/g, ''));
  if (!der) throw new TypeError('not base64');
  return der;
}

/** Signature check; an algorithm we cannot check counts as not verified (a typed error, not a pass). */
async function verified(
  x509: X509Codec,
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
): Promise<boolean> {
  try {
    return await x509.signedBy(cert, issuer.spki);
  } catch (e) {
    if (e instanceof TypeError)
      throw new Pkcs7Error(
        'pkcs7/bad-signature',
        `Cannot check the signature of "${cert.subject}": ${e.message}`,
        {},
        { cause: e },
      );
    throw e;
  }
}

/**
 * Parses one PKCS#7 result and returns the certificate matching one of `spkis` (SubjectPublicKeyInfo
 * DER per on-card key), or undefined when none matches (e.g. an external certificate). Throws
 * `pkcs7/bad-data` for an unreadable bundle and `pkcs7/bad-signature` when the included issuer did
 * not sign the matching certificate.
 */
export async function matchCertificate(
  pkcs7: string,
  spkis: readonly Uint8Array[],
): Promise<MatchedCertificate | undefined> {
  const x509 = await loadX509();
  let certs: ParsedCertificate[];
  try {
    certs = x509.pkcs7Certificates(base64Der(pkcs7));
  } catch (e) {
    throw new Pkcs7Error(
      'pkcs7/bad-data',
      'The certificate response is not a readable PKCS#7',
      {},
      { cause: e },
    );
  }
  for (const cert of certs) {
    const index = spkis.findIndex((s) => equalBytes(s, cert.spki));
    if (index < 0) continue;
    const chain: Uint8Array[] = [];
    let cur = cert;
    // why 8: a bound on a chain loop in a hostile bundle; real CM chains are leaf, issuing CA, root.
    for (let depth = 0; depth < 8 && !equalBytes(cur.subjectDer, cur.issuerDer); depth++) {
      const issuer = certs.find((c) => c !== cur && equalBytes(c.subjectDer, cur.issuerDer));
      if (!issuer) break;
      if (!(await verified(x509, cur, issuer))) {
        throw new Pkcs7Error(
          'pkcs7/bad-signature',
          `Certificate "${cur.subject}" is not signed by "${issuer.subject}"`,
          {},
        );
      }
      chain.push(issuer.der);
      cur = issuer;
    }
    return { index, der: cert.der, subject: cert.subject, chain };
  }
  return undefined;
}
