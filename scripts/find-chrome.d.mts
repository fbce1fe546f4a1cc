/** Path of a usable Chromium; installs Debian's `chromium` as root on Debian/Ubuntu when none exists. */
export function findChrome(): string;
/** Flags for headless Chromium on CI machines (root, no GPU, closed network). */
export const CHROME_ARGS: string[];
