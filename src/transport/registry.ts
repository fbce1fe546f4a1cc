/**
 * The provider registry: which ways to a reader exist here, in the order the app prefers them, and
 * loading one on demand. The simulator (and with it all of `sim/`) exists only in builds where the
 * build-time constant `__SIMULATOR__` is true (demo, dev, tests; vite.config.ts): elsewhere it is
 * neither listed nor loadable, and the bundler drops its dynamic import, so a production or IWA
 * build contains no simulator code at all (docs/architecture.md "Modes").
 *
 * Order: inside an isolated context (IWA) Web Smart Card first — the sanctioned PC/SC route —
 * then the card bridge (the local PC/SC helper, bridge-provider.ts), then WebUSB (which
 * `usb-unrestricted` lets claim class 0x0B there), then the simulator (demo builds only); outside,
 * the card bridge, then WebUSB, then the simulator, with Web Smart Card listed last and disabled
 * with its reason. The demo build still starts on the simulator (main.ts).
 */
import { isIsolatedContext, type RouteEnvironment } from './routes';
import { cardBridgeSupport } from './bridge-support';
import { webSmartCardSupport, webUsbSupport } from './support';
import { TransportError, type ProviderKind, type ReaderProvider, type Support } from './types';

export interface ProviderOption {
  kind: ProviderKind;
  support: Support;
}

/** The routes this browser can offer, best first, each with its verdict (no device access, no prompt). */
export function providerOptions(env: RouteEnvironment = globalThis as RouteEnvironment): ProviderOption[] {
  const wsc: ProviderOption = { kind: 'web-smart-card', support: webSmartCardSupport(env) };
  const usb: ProviderOption = {
    kind: 'webusb',
    support: webUsbSupport(env.navigator?.usb, env.isSecureContext),
  };
  const sim: ProviderOption[] = __SIMULATOR__ ? [{ kind: 'simulator', support: { supported: true } }] : [];
  const bridge: ProviderOption = { kind: 'card-bridge', support: cardBridgeSupport(env) };
  return isIsolatedContext(env) ? [wsc, bridge, usb, ...sim] : [bridge, usb, ...sim, wsc];
}

/** Card bridge settings from managed configuration or config.json (see config/app-config.ts). */
interface BridgeSettings {
  port?: number;
  downloadUrl?: string;
}

/**
 * Instantiates a provider; each arrives as a lazy chunk (the CCID driver only when WebUSB is chosen).
 * The simulator is not loaded here: transport never imports `sim/`; the composition root does.
 */
export async function loadProvider(kind: ProviderKind, bridge: BridgeSettings = {}): Promise<ReaderProvider> {
  if (kind === 'card-bridge') return new (await import('./bridge-provider')).BridgeProvider(bridge);
  if (kind !== 'webusb' && kind !== 'web-smart-card')
    throw new TransportError('transport/not-supported', 'this build has no such reader route');
  if (kind === 'webusb') return new (await import('./webusb')).WebUsbProvider();
  return new (await import('./web-smart-card')).WebSmartCardProvider();
}
