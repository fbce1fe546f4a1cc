/**
 * Support verdict of the card bridge route by detection alone, apart from bridge-provider.ts so
 * the registry can list the route without pulling the provider into the initial bundle.
 */
import type { Support } from './types';

/** A WebSocket constructor is all the route needs from the browser (RFC 6455 via the WHATWG API). */
export function cardBridgeSupport(env: { WebSocket?: unknown }): Support {
  return typeof env.WebSocket === 'function'
    ? { supported: true }
    : { supported: false, reason: 'websocket-unavailable' };
}
