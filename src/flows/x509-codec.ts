/**
 * The DER the enrollment needs, on the @peculiar/asn1-* schemas directly: a PKCS#10 request
 * (RFC 2986 §4) with a keyUsage extension request (RFC 2985 §5.4.2, RFC 5280 §4.2.1.3), the
 * certificates of a certs-only SignedData (RFC 5652 §5.1), and the signature check of one
 * certificate by its issuer (RFC 5280 §6.1.3 (a)(1)) over WebCrypto. Loaded lazily by csr.ts and
 * pkcs7.ts so ASN.1 code stays out of the initial bundle.
 */
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  Extension,
  Extensions,
  KeyUsage,
  Name,
  SubjectPublicKeyInfo,
  id_ce_keyUsage,
} from '@peculiar/asn1-x509';
import { CertificationRequest, CertificationRequestInfo, Attributes } from '@peculiar/asn1-csr';
import { ContentInfo, SignedData, id_signedData } from '@peculiar/asn1-cms';
import { ECDSASigValue, ECParameters } from '@peculiar/asn1-ecc';
import type { HashName } from '../card';
import { nameToString, parseName } from './x509-name';

/** PKCS#9 extensionRequest (RFC 2985 §5.4.2). */
const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
/** Signature algorithm OIDs: RFC 8017 Appendix A.2.4 (RSA PKCS#1 v1.5), RFC 5758 §3.2 and RFC 3279 §2.2.3 (ECDSA). */
const RSA_OIDS: Record<HashName, string> = {
  'SHA-1': '1.2.840.113549.1.1.5',
  'SHA-256': '1.2.840.113549.1.1.11',
  'SHA-384': '1.2.840.113549.1.1.12',
  'SHA-512': '1.2.840.113549.1.1.13',
};
const EC_OIDS: Record<HashName, string> = {
  'SHA-1': '1.2.840.10045.4.1',
  'SHA-256': '1.2.840.10045.4.3.2',
  'SHA-384': '1.2.840.10045.4.3.3',
  'SHA-512': '1.2.840.10045.4.3.4',
};
/** Named curves (RFC 5480 §2.1.1.1). */
const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

export { DnSyntaxError, nameToString, parseName } from './x509-name';

const u8 = (b: ArrayBuffer | Uint8Array): Uint8Array<ArrayBuffer> =>
  new Uint8Array(b instanceof Uint8Array ? b : new Uint8Array(b));
const der = (o: unknown) => new Uint8Array(AsnConvert.serialize(o));

/** A positive DER INTEGER body: leading zeros dropped, one 00 added when the top bit is set (X.690 §8.3.2). */
function positive(b: Uint8Array): ArrayBuffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const t = b.subarray(i);
  return (t[0]! & 0x80 ? Uint8Array.of(0, ...t) : t.slice()).buffer;
}

/** ECDSA r‖s (the WebCrypto and card form) → ECDSA-Sig-Value DER (RFC 3279 §2.2.3). */
export function ecdsaToDer(rs: Uint8Array): Uint8Array {
  const n = rs.length / 2;
  return der(new ECDSASigValue({ r: positive(rs.subarray(0, n)), s: positive(rs.subarray(n)) }));
}

/** ECDSA-Sig-Value DER → r‖s of `size` bytes each. */
export function ecdsaFromDer(sig: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const v = AsnConvert.parse(sig, ECDSASigValue);
  const out = new Uint8Array(size * 2);
  for (const [k, int] of [u8(v.r), u8(v.s)].entries()) {
    const t = int.subarray(Math.max(0, int.length - size));
    out.set(t, size * (k + 1) - t.length);
  }
  return out;
}

export interface CsrInput {
  subject: string;
  spki: Uint8Array;
  kind: 'rsa' | 'ec';
  hash: HashName;
  /** RFC 5280 §4.2.1.3 bits as `KeyUsageFlags` (digitalSignature = 1, keyEncipherment = 4, keyAgreement = 16). */
  keyUsage: number;
  /** Signs the DER CertificationRequestInfo: RSA → PKCS#1 v1.5 signature, EC → r‖s. */
  sign(tbs: Uint8Array): Promise<Uint8Array>;
}

/** Builds and signs a PKCS#10 CertificationRequest (RFC 2986 §4.1–4.2); returns its DER. */
export async function encodeCsr(i: CsrInput): Promise<Uint8Array> {
  const ku = new Extension({
    extnID: id_ce_keyUsage,
    critical: true,
    extnValue: new OctetString(AsnConvert.serialize(new KeyUsage(i.keyUsage))),
  });
  const info = new CertificationRequestInfo({
    version: 0,
    subject: i.subject ? parseName(i.subject) : new Name(),
    subjectPKInfo: AsnConvert.parse(i.spki, SubjectPublicKeyInfo),
    attributes: new Attributes([
      new Attribute({ type: EXTENSION_REQUEST, values: [AsnConvert.serialize(new Extensions([ku]))] }),
    ]),
  });
  const tbs = der(info);
  const raw = await i.sign(tbs);
  const ec = i.kind === 'ec';
  return der(
    new CertificationRequest({
      certificationRequestInfo: info,
      // RSA PKCS#1 v1.5 carries NULL parameters (RFC 8017 A.2.4); ECDSA none (RFC 5758 §3.2).
      signatureAlgorithm: new AlgorithmIdentifier({
        algorithm: (ec ? EC_OIDS : RSA_OIDS)[i.hash],
        ...(ec ? {} : { parameters: null }),
      }),
      signature: (ec ? ecdsaToDer(raw) : raw).slice().buffer,
    }),
  );
}

/** One certificate as the flows read it. */
export interface ParsedCertificate {
  der: Uint8Array;
  subject: string;
  issuer: string;
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  /** Lower-case hex of the serial number's magnitude (the sign octet dropped). */
  serialNumber: string;
  notAfter: Date;
  spki: Uint8Array;
  asn: Certificate;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Parses one DER certificate (RFC 5280 §4.1); throws what the ASN.1 parser throws on bad input. */
export function parseCertificate(bytes: Uint8Array): ParsedCertificate {
  // The bytes as issued, not a re-encoding: the signature covers them (and re-encoding costs a
  // second pass over the whole certificate).
  return describe(AsnConvert.parse(bytes, Certificate), bytes.slice());
}

function describe(asn: Certificate, bytes: Uint8Array): ParsedCertificate {
  const tbs = asn.tbsCertificate;
  let serial = u8(tbs.serialNumber);
  if (serial.length > 1 && serial[0] === 0 && serial[1]! > 0x7f) serial = serial.subarray(1);
  return {
    der: bytes,
    subject: nameToString(tbs.subject),
    issuer: nameToString(tbs.issuer),
    subjectDer: der(tbs.subject),
    issuerDer: der(tbs.issuer),
    serialNumber: hex(serial),
    notAfter: tbs.validity.notAfter.getTime(),
    spki: der(tbs.subjectPublicKeyInfo),
    asn,
  };
}

/** The certificates of a certs-only SignedData ContentInfo (RFC 5652 §3, §5.1). */
export function pkcs7Certificates(bytes: Uint8Array): ParsedCertificate[] {
  const ci = AsnConvert.parse(bytes, ContentInfo);
  if (ci.contentType !== id_signedData)
    throw new TypeError(`ContentInfo is ${ci.contentType}, not signedData`);
  const sd = AsnConvert.parse(ci.content, SignedData);
  // Each certificate is parsed once, with the SignedData; only its DER is encoded from it.
  return (sd.certificates ?? []).flatMap((c) =>
    c.certificate ? [describe(c.certificate, der(c.certificate))] : [],
  );
}

/** WebCrypto parameters for a signature algorithm OID; undefined when not RSA PKCS#1 v1.5 or ECDSA. */
function verifyParams(oid: string): { rsa: boolean; hash: HashName } | undefined {
  for (const [rsa, table] of [
    [true, RSA_OIDS],
    [false, EC_OIDS],
  ] as const) {
    const hash = (Object.keys(table) as HashName[]).find((h) => table[h] === oid);
    if (hash) return { rsa, hash };
  }
  return undefined;
}

/**
 * True when `issuerSpki` verifies the signature of `cert` (signatureOnly: validity and path are
 * the relying party's). Throws `TypeError` for a signature algorithm other than RSA PKCS#1 v1.5
 * or ECDSA on P-256/384/521.
 */
export async function signedBy(cert: ParsedCertificate, issuerSpki: Uint8Array): Promise<boolean> {
  const p = verifyParams(cert.asn.signatureAlgorithm.algorithm);
  if (!p) throw new TypeError(`Unsupported signature algorithm ${cert.asn.signatureAlgorithm.algorithm}`);
  const subtle = globalThis.crypto.subtle;
  const tbs = cert.asn.tbsCertificateRaw ? u8(cert.asn.tbsCertificateRaw) : der(cert.asn.tbsCertificate);
  let sig: Uint8Array<ArrayBuffer> = u8(cert.asn.signatureValue);
  if (p.rsa) {
    const key = await subtle.importKey(
      'spki',
      issuerSpki.slice(),
      { name: 'RSASSA-PKCS1-v1_5', hash: p.hash },
      false,
      ['verify'],
    );
    return subtle.verify('RSASSA-PKCS1-v1_5', key, sig, tbs);
  }
  const spki = AsnConvert.parse(issuerSpki, SubjectPublicKeyInfo);
  const curve = CURVES[AsnConvert.parse(spki.algorithm.parameters!, ECParameters).namedCurve ?? ''];
  if (!curve) throw new TypeError('Unsupported EC issuer curve');
  sig = ecdsaFromDer(sig, { 'P-256': 32, 'P-384': 48, 'P-521': 66 }[curve]!);
  const key = await subtle.importKey(
    'spki',
    issuerSpki.slice(),
    { name: 'ECDSA', namedCurve: curve },
    false,
    ['verify'],
  );
  return subtle.verify({ name: 'ECDSA', hash: p.hash }, key, sig, tbs);
}
