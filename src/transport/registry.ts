/**
 * The provider registry: which ways to a reader exist here, and loading one on demand. The
 * simulator (and with it all of `sim/`) is loaded only when chosen, through a dynamic import, so
 * production users who never pick it never download it (ARCHITECTURE.md "Layers").
 * The Web Smart Card provider joins here with issue 8.
 */
import type { ProviderKind, ReaderProvider, Support } from './types';
import { WebUsbProvider } from './webusb';

export interface ProviderOption {
  kind: ProviderKind;
  support: Support;
}

/** The routes this browser can offer, each with its support verdict (no device access, no prompt). */
export function providerOptions(): ProviderOption[] {
  return [
    { kind: 'simulator', support: { supported: true } },
    { kind: 'webusb', support: new WebUsbProvider().isSupported() },
  ];
}

/** Instantiates a provider; the simulator arrives as a lazy chunk. */
export async function loadProvider(kind: ProviderKind): Promise<ReaderProvider> {
  if (kind === 'simulator') {
    const { SimulatorProvider } = await import('./simulator');
    return SimulatorProvider.create();
  }
  if (kind === 'webusb') return new WebUsbProvider();
  throw new Error(`provider ${kind} is not available in this build`);
}
