/**
 * PKCS#10 certificate requests (RFC 2986) signed by an on-card key, built with @peculiar/x509 from
 * one `CertificateRequestGenerationOptions` entry (get-certificate-request-generation-options.md:
 * Subject, KeyAlgorithmName, KeySize, HashAlgorithmName, KeyUsages) and encoded as the CM server
 * expects them in `POST …/certificatedata`: base64 with `\r\n` every 64 characters
 * (get-certificate-responses.md example; cm-rest-api.md §1.9).
 *
 * The library signs through a WebCrypto-shaped `crypto` object whose `subtle.sign` hashes the
 * to-be-signed bytes on the host and hands the digest to the card (GIDS PSO CDS / PIV GENERAL
 * AUTHENTICATE). @peculiar/x509 is loaded lazily (with reflect-metadata, which it needs at import
 * time) so it stays out of the initial bundle.
 */
import type { CardKeyStore, CardPublicKey, HashName, KeySlot, KeySpec, KeyUsage } from '../card';
import { keyUsageFromFlags } from '../card';
import type { CertificateRequestGenerationOptions } from '../cm';
import { AppError } from '../errors';
import type { CsrErrorCode } from '../error-codes';

export type X509Lib = typeof import('@peculiar/x509');
let lib: Promise<X509Lib> | undefined;

/** @peculiar/x509 after `reflect-metadata` (its DI container needs the Reflect metadata API first). */
export function loadX509(): Promise<X509Lib> {
  lib ??= import('reflect-metadata')
    .then(() => import('@peculiar/x509'))
    .catch((e: unknown) => {
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
  if (alg === 'RSA' && [1024, 2048, 3072, 4096].includes(o.KeySize)) spec = { kind: 'rsa', bits: o.KeySize as 2048 };
  else if (/^(ECDSA|ECDH|EC)(P?256)?$/.test(alg) && (o.KeySize === 256 || /256/.test(alg))) spec = { kind: 'ec', curve: 'P-256' };
  else if (/^(ECDSA|ECDH|EC)(P?384)?$/.test(alg) && (o.KeySize === 384 || /384/.test(alg))) spec = { kind: 'ec', curve: 'P-384' };
  const h = o.HashAlgorithmName.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const hash = ({ SHA1: 'SHA-1', SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512' } as Record<string, HashName>)[h || 'SHA256'];
  if (!spec || !hash) {
    throw new CsrError('csr/unsupported-option', `Cannot build a ${o.KeyAlgorithmName}-${o.KeySize} / ${o.HashAlgorithmName} request on a card`, {
      keyAlgorithm: o.KeyAlgorithmName,
      keySize: o.KeySize,
      hashAlgorithm: o.HashAlgorithmName,
    });
  }
  return { spec, hash, usage: keyUsageFromFlags(o.KeyUsages), subject: o.Subject.trim() };
}

const subtle = () => globalThis.crypto.subtle;

function b64url(b: Uint8Array): string {
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function importParams(spec: KeySpec, hash: HashName): RsaHashedImportParams | EcKeyImportParams {
  return spec.kind === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash } : { name: 'ECDSA', namedCurve: spec.curve };
}

/** The card's public key as a WebCrypto key (RSA via JWK n/e, EC via the raw point). */
export async function publicCryptoKey(pub: CardPublicKey, spec: KeySpec, hash: HashName): Promise<CryptoKey> {
  const p = importParams(spec, hash);
  if (pub.kind === 'rsa') return subtle().importKey('jwk', { kty: 'RSA', n: b64url(pub.modulus), e: b64url(pub.exponent) }, p, true, ['verify']);
  return subtle().importKey('raw', new Uint8Array(pub.point), p, true, ['verify']);
}

/** SubjectPublicKeyInfo DER of the card's public key (RFC 5280 §4.1.2.7). */
export async function spkiOf(pub: CardPublicKey, spec: KeySpec): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey('spki', await publicCryptoKey(pub, spec, 'SHA-256')));
}

/** Base64 with CRLF after every 64 characters (certutil style, as CM sends and expects blobs). */
export function wrap64(der: Uint8Array): string {
  let s = '';
  for (let i = 0; i < der.length; i += 0x6000) s += String.fromCharCode(...der.subarray(i, i + 0x6000));
  return (btoa(s).match(/.{1,64}/g) ?? []).join('\r\n');
}

/**
 * Builds and card-signs one PKCS#10 request for the key in `slot` (the card must already have the
 * PIN verified). The key usage extension request follows `KeyUsages` (RFC 5280 §4.2.1.3).
 */
export async function buildCsr(keys: CardKeyStore, slot: KeySlot, plan: CsrPlan, spki: Uint8Array, signal?: AbortSignal): Promise<string> {
  const x509 = await loadX509();
  const publicKey = await subtle().importKey('spki', new Uint8Array(spki), importParams(plan.spec, plan.hash), true, ['verify']);
  const cardSubtle = {
    exportKey: (format: 'spki', key: CryptoKey) => subtle().exportKey(format, key),
    sign: async (_alg: unknown, _key: unknown, data: BufferSource) => {
      const digest = new Uint8Array(await subtle().digest(plan.hash, data));
      return (await keys.signDigest(slot, plan.spec, plan.hash, digest, { signal })).slice().buffer;
    },
  };
  const cardCrypto = { subtle: cardSubtle, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
  let flags = 0;
  if (plan.usage.sign) flags |= x509.KeyUsageFlags.digitalSignature;
  if (plan.usage.decrypt) flags |= plan.spec.kind === 'rsa' ? x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.keyAgreement;
  const signingAlgorithm = plan.spec.kind === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: plan.hash } : { name: 'ECDSA', hash: plan.hash, namedCurve: plan.spec.curve };
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      ...(plan.subject && { name: plan.subject }),
      keys: { publicKey, privateKey: { algorithm: signingAlgorithm, type: 'private' } as unknown as CryptoKey },
      signingAlgorithm,
      extensions: [new x509.KeyUsagesExtension(flags, true)],
    },
    cardCrypto,
  );
  return wrap64(new Uint8Array(csr.rawData));
}
