/**
 * PKCS#10 certificate requests (RFC 2986) signed by an on-card key, built on @peculiar/asn1-* from
 * one `CertificateRequestGenerationOptions` entry (get-certificate-request-generation-options.md:
 * Subject, KeyAlgorithmName, KeySize, HashAlgorithmName, KeyUsages) and encoded as the CM server
 * expects them in `POST …/certificatedata`: base64 with `\r\n` every 64 characters
 * (get-certificate-responses.md example; docs/mim-cm-api.md "JSON conventions").
 *
 * The to-be-signed CertificationRequestInfo is hashed on the host and the digest handed to the card
 * (GIDS PSO CDS / PIV GENERAL AUTHENTICATE). The ASN.1 code (x509-codec.ts) is loaded lazily so it
 * stays out of the initial bundle.
 */
import { bytesToBase64Lines, bytesToBase64Url } from '../common/base64';
import type { CardKeyStore, CardPublicKey, HashName, KeySlot, KeySpec, KeyUsage } from '../card';
import { keyUsageFromFlags } from '../card';
import type { CertificateRequestGenerationOptions } from '../cm';
import { AppError } from '../errors';
import type { CsrErrorCode } from '../error-codes';

export type X509Codec = typeof import('./x509-codec');
let lib: Promise<X509Codec> | undefined;

/** The lazily loaded DER codec (x509-codec.ts) with its @peculiar/asn1-* schemas. */
export function loadX509(): Promise<X509Codec> {
  lib ??= import('./x509-codec').catch((e: unknown) => {
    lib = undefined; // why: a chunk that failed to load (offline, deploy switch) must be retried on resume
    throw e;
  });
  return lib;
}

/** What one generation-options entry asks for, in card terms. */
export interface CsrPlan {
  spec: KeySpec;
  hash: HashName;
  usage: KeyUsage;
  subject: string;
}

export class CsrError extends AppError<CsrErrorCode> {}

/** Maps an options entry to a plan; throws `csr/unsupported-option` for what no card here can do. */
export function planFromOptions(o: CertificateRequestGenerationOptions): CsrPlan {
  const alg = o.KeyAlgorithmName.toUpperCase().replace(/[^A-Z0-9]/g, '');
  let spec: KeySpec | undefined;
  if (alg === 'RSA' && [1024, 2048, 3072, 4096].includes(o.KeySize))
    spec = { kind: 'rsa', bits: o.KeySize as 2048 };
  else if (/^(ECDSA|ECDH|EC)(P?256)?$/.test(alg) && (o.KeySize === 256 || /256/.test(alg)))
    spec = { kind: 'ec', curve: 'P-256' };
  else if (/^(ECDSA|ECDH|EC)(P?384)?$/.test(alg) && (o.KeySize === 384 || /384/.test(alg)))
    spec = { kind: 'ec', curve: 'P-384' };
  const h = o.HashAlgorithmName.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const hash = (
    { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512' } as Record<string, HashName>
  )[h || 'SHA256'];
  if (!spec || !hash) {
    throw new CsrError(
      'csr/unsupported-option',
      `Cannot build a ${o.KeyAlgorithmName}-${o.KeySize} / ${o.HashAlgorithmName} request on a card`,
      {
        keyAlgorithm: o.KeyAlgorithmName,
        keySize: o.KeySize,
        hashAlgorithm: o.HashAlgorithmName,
      },
    );
  }
  return { spec, hash, usage: keyUsageFromFlags(o.KeyUsages), subject: o.Subject.trim() };
}

const subtle = () => globalThis.crypto.subtle;

function importParams(spec: KeySpec, hash: HashName): RsaHashedImportParams | EcKeyImportParams {
  return spec.kind === 'rsa'
    ? { name: 'RSASSA-PKCS1-v1_5', hash }
    : { name: 'ECDSA', namedCurve: spec.curve };
}

/** The card's public key as a WebCrypto key (RSA via JWK n/e, EC via the raw point). */
export async function publicCryptoKey(pub: CardPublicKey, spec: KeySpec, hash: HashName): Promise<CryptoKey> {
  const p = importParams(spec, hash);
  if (pub.kind === 'rsa')
    return subtle().importKey(
      'jwk',
      { kty: 'RSA', n: bytesToBase64Url(pub.modulus), e: bytesToBase64Url(pub.exponent) },
      p,
      true,
      ['verify'],
    );
  return subtle().importKey('raw', new Uint8Array(pub.point), p, true, ['verify']);
}

/** SubjectPublicKeyInfo DER of the card's public key (RFC 5280 §4.1.2.7). */
export async function spkiOf(pub: CardPublicKey, spec: KeySpec): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey('spki', await publicCryptoKey(pub, spec, 'SHA-256')));
}

/**
 * Builds and card-signs one PKCS#10 request for the key in `slot` (the card must already have the
 * PIN verified). The key usage extension request follows `KeyUsages` (RFC 5280 §4.2.1.3).
 */
export async function buildCsr(
  keys: CardKeyStore,
  slot: KeySlot,
  plan: CsrPlan,
  spki: Uint8Array,
  signal?: AbortSignal,
): Promise<string> {
  const x509 = await loadX509();
  // RFC 5280 §4.2.1.3 bits: digitalSignature (0), keyEncipherment (2) for RSA, keyAgreement (4) for EC.
  let keyUsage = 0;
  if (plan.usage.sign) keyUsage |= 1;
  if (plan.usage.decrypt) keyUsage |= plan.spec.kind === 'rsa' ? 4 : 16;
  let der: Uint8Array;
  try {
    der = await x509.encodeCsr({
      subject: plan.subject,
      spki,
      kind: plan.spec.kind,
      hash: plan.hash,
      keyUsage,
      sign: async (tbs) => {
        const digest = new Uint8Array(await subtle().digest(plan.hash, tbs.slice()));
        return keys.signDigest(slot, plan.spec, plan.hash, digest, { signal });
      },
    });
  } catch (e) {
    if (!(e instanceof x509.DnSyntaxError)) throw e;
    throw new CsrError(
      'csr/unsupported-option',
      `Cannot encode the subject "${plan.subject}": ${e.message}`,
      { subject: plan.subject },
      { cause: e },
    );
  }
  return bytesToBase64Lines(der);
}
