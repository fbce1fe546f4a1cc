/**
 * Captures Chromium's `beforeinstallprompt` as soon as the app's code runs. The event fires once,
 * early — often before the app element exists (the boot awaits the locale and the store first) —
 * so a listener added by the install button when it connects misses it (observed 2 of 2 first
 * visits). main.ts imports this module first; the button reads the captured event from here.
 * MDN "BeforeInstallPromptEvent" (non-standard, Chromium only).
 */

/** Chromium's non-standard `beforeinstallprompt` event. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** Holds the deferred prompt; emits `change` when it arrives or is used up. */
class InstallPrompt extends EventTarget {
  private deferred: BeforeInstallPromptEvent | undefined;

  /** The prompt, while the browser offers installation and the app is not already standalone. */
  get available(): BeforeInstallPromptEvent | undefined {
    return this.deferred;
  }

  capture(e: Event): void {
    e.preventDefault(); // keep the browser's mini-infobar away; our button is the UI
    if (globalThis.matchMedia?.('(display-mode: standalone)').matches) return;
    this.deferred = e as BeforeInstallPromptEvent;
    this.dispatchEvent(new Event('change'));
  }

  /** Shows the browser's install dialog; the event can prompt only once. */
  async prompt(): Promise<void> {
    const ev = this.deferred;
    this.clear();
    await ev?.prompt();
  }

  clear(): void {
    if (!this.deferred) return;
    this.deferred = undefined;
    this.dispatchEvent(new Event('change'));
  }
}

export const installPrompt = new InstallPrompt();

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (e) => installPrompt.capture(e));
  window.addEventListener('appinstalled', () => installPrompt.clear());
}
