/**
 * Which card-access routes this browser offers, decided from feature detection only — no prompts,
 * no device access. Facts: docs/architecture.md "Reader routes".
 *
 * - WebUSB exists in Chromium on desktop, but `claimInterface()` on class 0x0B (CCID) is refused
 *   with SecurityError for every ordinary origin (§0.1); only an Isolated Web App holding
 *   `usb-unrestricted` (§0.2) or a reader exposing vendor class 0xFF (§0.6) gets through.
 * - The Web Smart Card API (`navigator.smartCard`) exists only in isolated contexts (IWA) and is
 *   shipped on ChromeOS only (§0.4).
 * - WebHID reaches no smart-card reader (§0.5); we report it only to explain that.
 */

/** The globals we look at; `globalThis` satisfies it in a browser, tests pass plain objects. */
export interface RouteEnvironment {
  navigator?: { usb?: unknown; hid?: unknown; smartCard?: unknown };
  /** The WebSocket constructor (the card bridge route needs it). */
  WebSocket?: unknown;
  isSecureContext?: boolean;
  isIsolatedContext?: boolean;
  crossOriginIsolated?: boolean;
  location?: { protocol?: string };
}

export type RouteStatus =
  /** usable for smart cards as far as detection can tell */
  | 'available'
  /** the API exists, but only some readers will work (WebUSB outside an IWA) */
  | 'limited'
  /** the API is absent or cannot reach a smart-card reader */
  | 'unavailable';

export interface CardRoutes {
  isolated: boolean;
  secure: boolean;
  webusb: RouteStatus;
  webSmartCard: RouteStatus;
  /** WebHID never reaches a CCID reader; present only tells us the browser family. */
  webhidPresent: boolean;
}

/** True inside an Isolated Web App (`isolated-app:` origin, or the `isIsolatedContext` global). */
export function isIsolatedContext(env: RouteEnvironment): boolean {
  return env.isIsolatedContext === true || env.location?.protocol === 'isolated-app:';
}

/** Detects the routes; see the file comment for what each status means. */
export function detectCardRoutes(env: RouteEnvironment): CardRoutes {
  const nav = env.navigator ?? {};
  const isolated = isIsolatedContext(env);
  const secure = env.isSecureContext === true;
  const hasUsb = secure && nav.usb !== undefined && nav.usb !== null;
  return {
    isolated,
    secure,
    // Outside an IWA only vendor-class (0xFF) readers can be claimed, hence "limited".
    webusb: hasUsb ? (isolated ? 'available' : 'limited') : 'unavailable',
    webSmartCard:
      isolated && nav.smartCard !== undefined && nav.smartCard !== null ? 'available' : 'unavailable',
    webhidPresent: secure && nav.hid !== undefined && nav.hid !== null,
  };
}
