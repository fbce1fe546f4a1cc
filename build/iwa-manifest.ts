/**
 * The Isolated Web App manifest, served at `/.well-known/manifest.webmanifest` inside the signed
 * bundle (and by the dev proxy in the e2e test). IWA requirements (WICG isolated-web-apps,
 * "Manifest"): `version` (the bundle's version, dotted numbers), `id: "/"`, `start_url`, icons,
 * and `permissions_policy` — the IWA only gets the powerful features listed there:
 * `usb` + `usb-unrestricted` (WebUSB may claim class-0x0B readers, WICG/webusb
 * unrestricted-usb-explainer), `smart-card` (Web Smart Card API), `cross-origin-isolated`, and
 * `direct-sockets` (WICG direct-sockets `TCPServerSocket`: the loopback redirect of the OIDC
 * sign-in, RFC 8252 §7.3 — src/auth/loopback.ts).
 */
import { manifest } from './manifest';

export const IWA_PERMISSIONS_POLICY: Readonly<Record<string, string[]>> = Object.freeze({
  usb: ['self'],
  'usb-unrestricted': ['self'],
  'smart-card': ['self'],
  'cross-origin-isolated': ['self'],
  'direct-sockets': ['self'],
});

/** The IWA manifest for app version `version` (must be dotted digits, e.g. "0.1.0"). */
export function iwaManifest(version: string): Record<string, unknown> {
  if (!/^\d+(\.\d+){0,3}$/.test(version))
    throw new Error(`IWA version must be dotted digits, got "${version}"`);
  return {
    ...manifest,
    id: '/',
    start_url: '/',
    scope: '/',
    version,
    // Icons with absolute paths: the manifest lives under /.well-known/, relative ones would break.
    icons: (manifest.icons ?? []).map((i) => ({ ...i, src: `/${i.src.replace(/^\//, '')}` })),
    permissions_policy: IWA_PERMISSIONS_POLICY,
  };
}
