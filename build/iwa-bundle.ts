/**
 * Signed web bundle for the Isolated Web App build (IWA "Signed Web Bundles": a Web Bundle,
 * draft-ietf-wpack-bundled-responses b2, preceded by an integrity block signed with Ed25519).
 * Bundling with `wbn`, signing with `wbn-sign`; the bundle id (the app's `isolated-app://` host)
 * is derived from the public key, so the key — not the code — is the app's identity: keep the
 * production key out of the repository (CI secret), and never ship the development key.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import * as wbn from 'wbn';
import * as wbnSign from 'wbn-sign';
import { iwaManifest } from './iwa-manifest';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Builds the (unsigned) web bundle of `dir`; `/` serves index.html, the IWA manifest is added. */
export function buildWebBundle(dir: string, version: string): Uint8Array {
  const builder = new wbn.BundleBuilder('b2');
  const manifest = JSON.stringify(iwaManifest(version), null, 2);
  const paths = new Set<string>();
  for (const file of files(dir)) {
    if (file.endsWith('.map')) continue; // developer files stay out of the shipped app
    const url = '/' + relative(dir, file).split(sep).join('/');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = url === '/manifest.webmanifest' ? manifest : readFileSync(file);
    builder.addExchange(url, 200, { 'Content-Type': type }, body);
    paths.add(url);
    if (url === '/index.html') builder.addExchange('/', 200, { 'Content-Type': type }, body);
  }
  if (!paths.has('/index.html')) throw new Error(`${dir} has no index.html — build the app first`);
  builder.addExchange(
    '/.well-known/manifest.webmanifest',
    200,
    { 'Content-Type': TYPES['.webmanifest']! },
    manifest,
  );
  return builder.createBundle();
}

/** Signs `bundle`; returns the signed bundle and its id (`isolated-app://<id>/`). */
export async function signWebBundle(
  bundle: Uint8Array,
  key: KeyObject,
): Promise<{ signed: Uint8Array; bundleId: string }> {
  const bundleId = new wbnSign.WebBundleId(key).serialize();
  const { signedWebBundle } = await new wbnSign.IntegrityBlockSigner(bundle, bundleId, [
    new wbnSign.NodeCryptoSigningStrategy(key),
  ]).sign();
  return { signed: signedWebBundle, bundleId };
}

export interface KeySource {
  /** Path of an Ed25519 private key in PEM (PKCS#8). */
  path?: string;
  /** The PEM text itself (e.g. a CI secret in IWA_SIGNING_KEY). */
  pem?: string;
  /** Where to create a development key when neither is given (never committed: .gitignore). */
  devPath: string;
}

/** Loads the signing key, or generates a development key at `devPath` on first use. */
export function loadSigningKey(src: KeySource): { key: KeyObject; origin: string } {
  if (src.pem) return { key: wbnSign.parsePemKey(Buffer.from(src.pem)), origin: 'IWA_SIGNING_KEY' };
  if (src.path) return { key: wbnSign.parsePemKey(readFileSync(src.path)), origin: src.path };
  if (!existsSync(src.devPath)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(src.devPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    return { key: privateKey, origin: `${src.devPath} (new development key)` };
  }
  return { key: wbnSign.parsePemKey(readFileSync(src.devPath)), origin: `${src.devPath} (development key)` };
}
