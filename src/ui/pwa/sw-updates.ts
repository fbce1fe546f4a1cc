/**
 * Service-worker lifecycle for the update prompt (vite-plugin-pwa "prompt" mode semantics,
 * implemented on workbox-window). A new version never activates by itself: the UI shows
 * "new version — reload / later", and only "reload" sends SKIP_WAITING, then reloads once the
 * new worker controls the page. Events: `need-refresh`, `offline-ready`.
 */

/** The members of workbox-window's `Workbox` we use; tests pass a fake that dispatches events. */
export interface WorkboxLike {
  addEventListener(
    type: 'waiting' | 'controlling' | 'activated',
    listener: (ev: { isUpdate?: boolean }) => void,
  ): void;
  messageSkipWaiting(): void;
  register(): Promise<unknown>;
}

export class SwUpdates extends EventTarget {
  private waiting = false;

  constructor(
    private readonly wb: WorkboxLike,
    private readonly reload: () => void = () => location.reload(),
  ) {
    super();
    wb.addEventListener('waiting', () => {
      this.waiting = true;
      this.dispatchEvent(new Event('need-refresh'));
    });
    wb.addEventListener('activated', (ev) => {
      // First install (not an update): the shell is now available offline.
      if (!ev.isUpdate) this.dispatchEvent(new Event('offline-ready'));
    });
    wb.addEventListener('controlling', () => {
      if (this.waiting) this.reload();
    });
  }

  /** True once a new version is waiting for the user's decision. */
  get needRefresh(): boolean {
    return this.waiting;
  }

  /** The user chose "reload": activate the waiting worker; the page reloads when it takes control. */
  applyUpdate(): void {
    if (this.waiting) this.wb.messageSkipWaiting();
  }

  start(): Promise<unknown> {
    return this.wb.register();
  }
}
