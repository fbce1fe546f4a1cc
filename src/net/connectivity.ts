/**
 * Online/offline state for the offline indicator. `navigator.onLine` and its events only mean
 * that *some* network is up (HTML Standard, "navigator.onLine"), so a reachability probe for the CM
 * API can be plugged in; the probe runs on every `online` event and on `check()`.
 * Emits `change` whenever {@link Connectivity.state} changes.
 */

type ConnectivityState = 'online' | 'offline' | 'server-unreachable';

/**
 * Returns true when the CM API answered, false when it did not, or `'offline'` when not even the
 * app's own server answered (no network, although `navigator.onLine` says otherwise — e.g. a
 * reload while offline in Chromium keeps `onLine` true). Must settle within a bound.
 */
type ReachabilityProbe = () => Promise<boolean | 'offline'>;

export interface ConnectivityEnv {
  navigator: { onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export class Connectivity extends EventTarget {
  private current: ConnectivityState;
  private probe: ReachabilityProbe | undefined;

  constructor(private readonly env: ConnectivityEnv = window) {
    super();
    this.current = env.navigator.onLine ? 'online' : 'offline';
    env.addEventListener('online', () => void this.check());
    env.addEventListener('offline', () => this.set('offline'));
  }

  get state(): ConnectivityState {
    return this.current;
  }

  /** Plugs in the CM reachability probe (the CM client provides it). */
  setProbe(probe: ReachabilityProbe | undefined): void {
    this.probe = probe;
    void this.check();
  }

  /** Re-evaluates the state: offline per the browser, else the probe's verdict, else online. */
  async check(): Promise<ConnectivityState> {
    if (!this.env.navigator.onLine) return this.set('offline');
    if (!this.probe) return this.set('online');
    let ok: boolean | 'offline' = false;
    try {
      ok = await this.probe();
    } catch {
      ok = false;
    }
    // The browser may have gone offline while the probe ran.
    if (!this.env.navigator.onLine || ok === 'offline') return this.set('offline');
    return this.set(ok ? 'online' : 'server-unreachable');
  }

  private set(state: ConnectivityState): ConnectivityState {
    if (state !== this.current) {
      this.current = state;
      this.dispatchEvent(new Event('change'));
    }
    return state;
  }
}

/**
 * Whether the app's own server answers: a no-store GET with a unique query, so neither the HTTP
 * cache nor the service worker's precache (which matches exact URLs) can answer it offline.
 */
export async function ownOriginAnswers(): Promise<boolean> {
  try {
    // Why 3 s: the app's own static server answers in milliseconds when the network is up.
    await fetch(
      new URL(
        `robots.txt?reachability=${Date.now()}`,
        new URL(import.meta.env.BASE_URL ?? '/', location.origin),
      ),
      {
        cache: 'no-store',
        signal: AbortSignal.timeout(3000),
      },
    );
    return true;
  } catch {
    return false;
  }
}
