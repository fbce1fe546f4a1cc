/**
 * The signed web bundle: built from the DEMO app (simulator included) that `npm run test:e2e` has
 * just built — the signing is what is tested here; production-build.e2e.ts builds the production
 * bundle and proves it has no simulator — with a throw-away Ed25519 key; then checked
 * independently of the signer — the integrity block is parsed with cborg, the signature verified
 * with node:crypto over the documented signed data (SHA-512 of the bundle, the unsigned integrity
 * block, the signature attributes; each preceded by its 64-bit big-endian length), the bundle id
 * recomputed from the public key, and the manifest read back out of the bundle with wbn.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Bundle } from 'wbn';
import { IWA_PERMISSIONS_POLICY } from '../../build/iwa-manifest';

// cborg (wbn-sign's CBOR library) ships no resolvable type declarations; its API as used here:
const { decode, encode } = createRequire(import.meta.url)('cborg') as {
  decode(bytes: Uint8Array, opts?: { useMaps?: boolean }): unknown;
  encode(value: unknown): Uint8Array;
};

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
function base32(bytes: Uint8Array): string {
  let bits = 0,
    value = 0,
    out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) out += BASE32[(value >>> (bits -= 5)) & 31];
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}
const lengthPrefixed = (...parts: Uint8Array[]) =>
  Buffer.concat(
    parts.flatMap((p) => {
      const n = Buffer.alloc(8);
      n.writeBigInt64BE(BigInt(p.length));
      return [n, Buffer.from(p)];
    }),
  );

describe('npm run build:iwa --from dist (demo build) — signed web bundle', () => {
  it('builds, verifies against the public key, and carries the IWA manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iwa-bundle-'));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const out = join(dir, 'app.swbn');
    const run = spawnSync(
      process.execPath,
      ['scripts/build-iwa.mjs', '--from', 'dist', '--key', join(dir, 'key.pem'), '--out', out],
      {
        encoding: 'utf8',
        timeout: 60_000, // why: a bound, not a speed claim — bundling the demo takes well under a second
      },
    );
    assert.equal(run.status, 0, run.stderr);
    const printedId = /bundle id: ([a-z2-7]{56})/.exec(run.stdout)?.[1];
    const swbn = new Uint8Array(readFileSync(out));
    console.info(`signed bundle: ${swbn.length} bytes, id ${printedId}`);

    // The web bundle (b2) starts with a 5-array and its 🌐📦 magic as an 8-byte string: 85 48 F0 9F 8C 90 F0 9F 93 A6.
    const start = Buffer.from(swbn).indexOf(Buffer.from('8548f09f8c90f09f93a6', 'hex'));
    assert.ok(start > 0, 'web bundle magic found after the integrity block');
    const ib = decode(swbn.subarray(0, start), { useMaps: true }) as unknown[];
    const webBundle = swbn.subarray(start);
    const [magic, version, attributes, signatures] = ib as [
      Uint8Array,
      Uint8Array,
      Map<string, string>,
      [Map<string, Uint8Array>, Uint8Array][],
    ];
    assert.equal(Buffer.from(magic).toString('utf8'), '🖋📦');
    assert.equal(Buffer.from(version).toString('latin1'), '2b\0\0');
    const bundleId = attributes.get('webBundleId');
    assert.equal(signatures.length, 1);
    const [sigAttrs, signature] = signatures[0]!;
    const rawPub = sigAttrs.get('ed25519PublicKey')!;
    const ourRaw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    assert.deepEqual(Buffer.from(rawPub), ourRaw);
    // Bundle id = base32(raw Ed25519 public key || 00 01 02), the IWA key-type suffix.
    assert.equal(bundleId, base32(Uint8Array.from([...rawPub, 0x00, 0x01, 0x02])));
    assert.equal(printedId, bundleId);

    const unsignedIb = encode([magic, version, attributes, []]);
    const data = lengthPrefixed(
      createHash('sha512').update(webBundle).digest(),
      unsignedIb,
      encode(sigAttrs),
    );
    assert.equal(
      verify(
        null,
        data,
        createPublicKey({
          key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(rawPub)]),
          format: 'der',
          type: 'spki',
        }),
        signature,
      ),
      true,
    );
    // A flipped byte in the bundle must break the signature (the check can fail).
    const tampered = Buffer.from(webBundle);
    tampered[tampered.length - 1] ^= 1;
    assert.equal(
      verify(
        null,
        lengthPrefixed(createHash('sha512').update(tampered).digest(), unsignedIb, encode(sigAttrs)),
        publicKey,
        signature,
      ),
      false,
    );

    const bundle = new Bundle(webBundle);
    const manifest = JSON.parse(
      new TextDecoder().decode(bundle.getResponse('/.well-known/manifest.webmanifest').body),
    );
    assert.deepEqual(manifest.permissions_policy, IWA_PERMISSIONS_POLICY);
    assert.equal(manifest.id, '/');
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
    assert.match(new TextDecoder().decode(bundle.getResponse('/').body), /<script type="module"/);
    assert.ok(!bundle.urls.some((u) => u.endsWith('.map')), 'no source maps in the shipped bundle');
  });
});
