/**
 * Loads pcsc-mini. From source it is an ordinary import; inside the single executable (SEA) the
 * bundler has no node_modules to resolve the native addon from, so build-sea.mjs embeds the
 * platform's `addon.node` as an asset and sets SMARTCARD_BRIDGE_SEA, and we `process.dlopen` it
 * from a temp copy (Node SEA docs, "Using native addons in the single-executable application").
 */
type Mini = typeof import('pcsc-mini');

export async function loadPcscMini(): Promise<Mini> {
  const sea = (globalThis as { __SMARTCARD_BRIDGE_SEA_ADDON__?: () => unknown })
    .__SMARTCARD_BRIDGE_SEA_ADDON__;
  if (sea) sea();
  const mod = (await import('pcsc-mini')) as Mini & { default?: Mini };
  return mod.default ?? mod;
}
