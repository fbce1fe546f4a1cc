/**
 * Why the card bridge cannot be reached, in words the user can act on. A browser hides why a
 * WebSocket failed (RFC 6455 §4.1: the page only sees "error"), so we ask around:
 *
 * 1. the Local Network Access permission (WICG local-network-access; Chrome 145+ names it
 *    `loopback-network`, earlier `local-network-access`, which stays an alias): `denied` means the
 *    browser blocked the socket; `prompt` means the user has not answered (or dismissed) the prompt;
 * 2. the bridge's `GET /probe` (only once permitted, so it cannot raise a second prompt): an answer
 *    with `originAllowed: false` means the bridge runs but this origin is not on its list;
 * 3. otherwise nothing listens: the bridge is not running or not installed.
 */
import { PROBE_PATH, type ProbeAnswer } from './bridge-protocol';
import { TransportError } from './types';

export type LnaState = 'granted' | 'prompt' | 'denied' | 'unsupported';

interface PermissionsLike {
  query(d: { name: string }): Promise<{ state: string }>;
}

/** The LNA permission state; `unsupported` when the browser knows neither name (no LNA gating). */
export async function loopbackPermission(
  permissions: PermissionsLike | undefined = globalThis.navigator?.permissions as unknown as PermissionsLike,
): Promise<LnaState> {
  if (!permissions) return 'unsupported';
  for (const name of ['loopback-network', 'local-network-access']) {
    try {
      const { state } = await permissions.query({ name });
      if (state === 'granted' || state === 'prompt' || state === 'denied') return state;
    } catch {
      // TypeError: this browser does not know the name; try the older one.
    }
  }
  return 'unsupported';
}

interface DiagnoseDeps {
  port: number;
  downloadUrl?: string;
  origin?: string;
  permission?: () => Promise<LnaState>;
  fetchImpl?: typeof fetch;
}

/** Turns a failed open into the most specific typed error (see the file comment). */
export async function diagnoseBridgeFailure(cause: unknown, deps: DiagnoseDeps): Promise<Error> {
  const code = (cause as { code?: string })?.code;
  if (code && code !== 'transport/bridge-unreachable') return cause as Error;
  const data = { port: deps.port, downloadUrl: deps.downloadUrl, origin: deps.origin };
  const lna = await (deps.permission ?? loopbackPermission)();
  if (lna === 'denied')
    return new TransportError(
      'transport/bridge-lna-denied',
      'Local Network Access denied for this site',
      data,
      { cause },
    );
  if (lna === 'prompt')
    return new TransportError('transport/bridge-lna-prompt', 'Local Network Access not granted yet', data, {
      cause,
    });
  try {
    // Why 3 s: loopback answers in ms; a hung probe must not hold up the error message.
    const res = await (deps.fetchImpl ?? fetch)(`http://127.0.0.1:${deps.port}${PROBE_PATH}`, {
      signal: AbortSignal.timeout(3000),
      cache: 'no-store',
    });
    const answer = (await res.json()) as Partial<ProbeAnswer>;
    if (answer.bridge === 'smartcard-bridge' && answer.originAllowed === false) {
      return new TransportError(
        'transport/bridge-origin-refused',
        'the card bridge does not allow this origin',
        data,
        { cause },
      );
    }
  } catch {
    // Nothing answered: fall through to "not running".
  }
  return new TransportError('transport/bridge-not-running', 'the card bridge is not running', data, {
    cause,
  });
}
