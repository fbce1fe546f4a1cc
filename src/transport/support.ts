/**
 * Support verdicts for the real providers, by feature detection alone. Kept apart from the
 * providers so the registry can list the routes without loading the CCID driver or the Web Smart
 * Card glue (both arrive on demand; the initial bundle stays small).
 */
import { isIsolatedContext, type RouteEnvironment } from './routes';
import type { Support } from './types';

/** WebUSB: `navigator.usb` on a secure origin (WebUSB §3 is [SecureContext]). */
export function webUsbSupport(
  usb: unknown,
  secure: boolean | undefined = globalThis.isSecureContext,
): Support {
  if (!usb) return { supported: false, reason: 'webusb-unavailable' };
  if (secure === false) return { supported: false, reason: 'insecure-context' };
  return { supported: true };
}

/** Web Smart Card: only in an isolated context (WICG web-smart-card, [IsolatedContext]) that exposes it. */
export function webSmartCardSupport(env: RouteEnvironment): Support {
  if (!isIsolatedContext(env)) return { supported: false, reason: 'not-isolated' };
  if (!env.navigator?.smartCard) return { supported: false, reason: 'smartcard-unavailable' };
  return { supported: true };
}
