/**
 * The installed app's badge at launch (Badging API, W3C "Badging API" §: `navigator.setAppBadge`,
 * `clearAppBadge`; available to installed PWAs in Chromium): the number of cached certificates that
 * are expired or inside the warning window. Public data from the card cache only; where the API is
 * missing nothing happens (the in-app warning is the primary signal).
 */
import { DEFAULT_EXPIRY_WARNING_DAYS, certificatesNeedingRenewal } from '../../flows';
import type { AppStore } from '../../store';

type BadgeNavigator = Navigator & {
  setAppBadge?: (n?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
};

/** Sets or clears the badge; returns the count shown (undefined when the API is missing). */
export async function updateExpiryBadge(
  store: AppStore,
  warnDays = DEFAULT_EXPIRY_WARNING_DAYS,
  nav: BadgeNavigator = navigator,
  now = Date.now(),
): Promise<number | undefined> {
  if (typeof nav.setAppBadge !== 'function') return undefined;
  const n = certificatesNeedingRenewal(await store.cards.list(), now, warnDays).length;
  try {
    if (n > 0) await nav.setAppBadge(n);
    else await nav.clearAppBadge?.();
  } catch {
    // Why swallowed: a browser may refuse the badge (not installed, permission); the warning in the app stays.
    return undefined;
  }
  return n;
}
