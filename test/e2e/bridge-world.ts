/**
 * The world of the card bridge e2e: the production build served over https at
 * https://selfservice.test:PORT (Chromium maps the name with --host-resolver-rules, accepts the
 * throw-away certificate by its SPKI pin, and treats the page as `public` with
 * --ip-address-space-overrides so Local Network Access applies), the CM emulator on the same
 * origin, and the bridge from source over a private pcscd + vpcd with a virtual card.
 *
 * Policy: Chromium on Linux reads enterprise policy only from /etc/chromium/policies/managed/*.json
 * (no per-profile or command-line alternative exists for LoopbackNetworkAllowedForUrls), so
 * `withPolicy` writes one uniquely named file there and removes it in teardown.
 */
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
import { freePortPair } from '../../bridge/test/pcsc/restartable-pcscd';

import '../../scripts/vite-env.mjs'; // Vite's warning switch, set in one place

export const HOST = 'selfservice.test';
export const OTHER_HOST = 'other.test';
export const OUT_DIR = 'dist-bridge-e2e';
export const POLICY_DIR = '/etc/chromium/policies/managed';

/** A self-signed certificate for the two test host names and the base64 SHA-256 of its SPKI. */
export async function testCertificate(): Promise<{ key: string; cert: string; spki: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '02',
    name: `CN=${HOST}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 24 * 3600_000),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: HOST },
        { type: 'dns', value: OTHER_HOST },
      ]),
    ],
  });
  const spkiDer = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  return { key, cert: cert.toString('pem'), spki: createHash('sha256').update(spkiDer).digest('base64') };
}

export interface AppServer {
  port: number;
  origin: string;
  otherOrigin: string;
  spki: string;
  close(): Promise<void>;
}

/** Builds the production app (no simulator) and serves it with the CM emulator over https. */
export async function serveProductionApp(bridgePort: number): Promise<AppServer> {
  await build({ mode: 'production', logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true } });
  writeFileSync(`${OUT_DIR}/config.json`, JSON.stringify({ bridgePort }));
  const { key, cert, spki } = await testCertificate();
  const port = await freePortPair();
  const server: PreviewServer = await preview({
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: OUT_DIR },
    preview: {
      port,
      host: '127.0.0.1',
      strictPort: true,
      https: { key, cert },
      allowedHosts: [HOST, OTHER_HOST],
    },
  });
  return {
    port,
    origin: `https://${HOST}:${port}`,
    otherOrigin: `https://${OTHER_HOST}:${port}`,
    spki,
    close: async () => {
      await server.close();
      rmSync(OUT_DIR, { recursive: true, force: true });
    },
  };
}

/** Chromium with LNA enforced for the test page (public) and the name mapped to 127.0.0.1. */
export function launchBrowser(app: AppServer): Promise<Browser> {
  return chromium.launch({
    executablePath: findChrome(),
    args: [
      ...CHROME_ARGS.filter((a) => !a.startsWith('--headless')),
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP ${OTHER_HOST} 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${app.spki}`,
      `--ip-address-space-overrides=127.0.0.1:${app.port}=public`,
    ],
    headless: true,
    // Why 60 s: a cold Chromium on a busy 2-core CI machine may take several seconds.
    timeout: 60_000,
  });
}

/** Writes a managed policy allowing loopback access for `origins`; returns the remover. */
export function writePolicy(origins: string[]): () => void {
  mkdirSync(POLICY_DIR, { recursive: true });
  const file = `${POLICY_DIR}/smartcard-bridge-e2e-${process.pid}-${Date.now()}.json`;
  writeFileSync(
    file,
    JSON.stringify({ LoopbackNetworkAllowedForUrls: origins, LocalNetworkAccessAllowedForUrls: origins }),
  );
  return () => rmSync(file, { force: true });
}
