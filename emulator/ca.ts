/**
 * The emulated issuing CA: signs submitted PKCS#10 requests into real X.509 certificates and
 * returns them as a certs-only PKCS#7 (certificate plus chain, base64 with CRLF every 64 characters,
 * as get-certificate-responses.md shows). Uses @peculiar/x509 over WebCrypto.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';
// @peculiar/x509's DI container (tsyringe) needs the Reflect metadata API (x509 README, "Reflect Polyfill Required").
import 'reflect-metadata';
import { wrap64 } from './wire';

let lib: Promise<typeof X509> | undefined;
/**
 * @peculiar/x509, loaded lazily: bundlers (Vite's config loader) hoist static external imports above
 * the reflect-metadata import, and x509 throws at import time without it.
 */
function loadX509(): Promise<typeof X509> {
  lib ??= import('@peculiar/x509').then((m) => {
    m.cryptoProvider.set(webcrypto as unknown as Crypto);
    return m;
  });
  return lib;
}

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const SMARTCARD_LOGON = '1.3.6.1.4.1.311.20.2.2';

interface IssuedCertificate {
  cert: X509.X509Certificate;
  /** Certs-only SignedData of [leaf, CA], certutil-wrapped base64. */
  pkcs7: string;
  /** Upper-case hex, as CM lists them. */
  serialNumber: string;
  thumbprint: string;
}

export class EmulatedCa {
  private constructor(
    private readonly keys: CryptoKeyPair,
    private readonly x509: typeof X509,
    readonly certificate: X509.X509Certificate,
    /** CA config string as CM prints `Issuer`: `host\CA-Name`. */
    readonly configString: string,
  ) {}

  /** Creates the CA key and self-signed certificate (RSA-2048, like an AD CS default). */
  static async create(name = 'Contoso Emulated Issuing CA'): Promise<EmulatedCa> {
    const x509 = await loadX509();
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: `CN=${name}, DC=contoso, DC=com`,
      notBefore: new Date(Date.UTC(2020, 0, 1)),
      notAfter: new Date(Date.UTC(2045, 0, 1)),
      keys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new EmulatedCa(keys, x509, certificate, `cmemu.contoso.com\\${name.replace(/\s+/g, '-')}`);
  }

  /**
   * Verifies the CSR's self-signature and issues a certificate for its public key.
   * `keyUsages` is the generation-options flag set (1 = decryption, 2 = signing, docs/mim-cm-api.md "Generation options").
   * Throws `Error` with a CM-like message on a bad CSR; the caller reports it in the result's `Error`.
   */
  async issue(
    csrBase64: string,
    subjectFallback: string,
    keyUsages: number,
    now: Date,
  ): Promise<IssuedCertificate> {
    const x509 = this.x509;
    let csr: X509.Pkcs10CertificateRequest;
    try {
      csr = new x509.Pkcs10CertificateRequest(csrBase64.replace(/[\r\n\s]/g, ''));
    } catch {
      throw new Error(
        'CertEnroll::CX509Enrollment: the certificate request is not a valid PKCS#10 request (ASN1 bad tag value met).',
      );
    }
    if (!(await csr.verify()))
      throw new Error('The signature of the certificate request is not valid (NTE_BAD_SIGNATURE).');
    const serial = randomBytes(19);
    serial[0] = serial[0]! & 0x7f || 0x1b; // positive and full length, like AD CS serials
    let usage = 0;
    if (keyUsages & 1) usage |= x509.KeyUsageFlags.keyEncipherment;
    if (keyUsages & 2 || usage === 0) usage |= x509.KeyUsageFlags.digitalSignature;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: Buffer.from(serial).toString('hex'),
      subject: csr.subject && csr.subject.length > 0 ? csr.subject : subjectFallback,
      issuer: this.certificate.subject,
      notBefore: new Date(now.getTime() - 10 * 60_000),
      notAfter: new Date(now.getTime() + 365 * 24 * 3600_000),
      publicKey: csr.publicKey,
      signingKey: this.keys.privateKey,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, SMARTCARD_LOGON]),
        await x509.AuthorityKeyIdentifierExtension.create(this.certificate),
        await x509.SubjectKeyIdentifierExtension.create(csr.publicKey),
      ],
    });
    const pkcs7 = wrap64(new x509.X509Certificates([cert, this.certificate]).export('base64'));
    const thumbprint = Buffer.from(await cert.getThumbprint())
      .toString('hex')
      .toUpperCase();
    return { cert, pkcs7, serialNumber: cert.serialNumber.toUpperCase(), thumbprint };
  }
}

let shared: Promise<EmulatedCa> | undefined;

/** One CA per process, created on first use (RSA key generation costs ~100 ms; tests share it). */
export function sharedCa(): Promise<EmulatedCa> {
  shared ??= EmulatedCa.create();
  return shared;
}
