/**
 * The IWA's loopback redirect receiver (RFC 8252 §7.3) over a stand-in for Direct Sockets'
 * TCPServerSocket: real streams carry real HTTP/1.1 bytes. It answers only the redirect path,
 * hands back the full redirect URL, and gives up (closing the listener) after its bound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openLoopback } from '../../../src/auth/loopback';

/** One accepted connection: the bytes a browser sends, and what the receiver wrote back. */
function connection(request: string) {
  const written: Uint8Array[] = [];
  let closed!: () => void;
  const done = new Promise<void>((r) => (closed = r));
  return {
    written: () => new TextDecoder().decode(Uint8Array.from(written.flatMap((c) => [...c]))),
    done,
    socket: {
      opened: Promise.resolve({
        readable: new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode(request));
          },
        }),
        writable: new WritableStream<Uint8Array>({
          write: (c) => void written.push(c),
          close: () => closed(),
        }),
      }),
      close: async () => undefined,
    },
  };
}

function installFakeServer(port = 51004) {
  let push!: (s: unknown) => void;
  const readable = new ReadableStream({ start: (c) => void (push = (s) => c.enqueue(s)) });
  const state = { closed: false, push: (s: unknown) => push(s), host: '', opts: undefined as unknown };
  (globalThis as Record<string, unknown>).TCPServerSocket = class {
    opened = Promise.resolve({ readable, localPort: port });
    constructor(host: string, opts?: unknown) {
      state.host = host;
      state.opts = opts;
    }
    async close() {
      state.closed = true;
    }
  };
  return state;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).TCPServerSocket;
});

describe('loopback redirect receiver', () => {
  it('answers other paths with 404 and resolves with the redirect URL of the callback request', async () => {
    const srv = installFakeServer();
    const rx = await openLoopback();
    expect(rx.base).toBe('http://127.0.0.1:51004');
    const got = rx.next('/auth/callback', 5000);
    const favicon = connection('GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1:51004\r\n\r\n');
    srv.push(favicon.socket);
    await favicon.done;
    expect(favicon.written()).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    const cb = connection('GET /auth/callback?code=abc&state=s1 HTTP/1.1\r\nHost: 127.0.0.1:51004\r\n\r\n');
    srv.push(cb.socket);
    await expect(got).resolves.toBe('http://127.0.0.1:51004/auth/callback?code=abc&state=s1');
    await cb.done;
    const page = cb.written();
    expect(page).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(page).toMatch(/Content-Length: \d+\r\n/);
    expect(page).toContain('Anmeldung abgeschlossen');
    rx.close();
    expect(srv.closed).toBe(true);
  });

  it('binds the IP literal 127.0.0.1, on the configured port when one is set', async () => {
    const srv = installFakeServer(47318) as unknown as { host: string; opts: unknown };
    (await openLoopback(47318)).close();
    expect([srv.host, srv.opts]).toEqual(['127.0.0.1', { localPort: 47318 }]);
  });

  it('gives up after its bound with auth/sign-in-timeout and closes the listener', async () => {
    const srv = installFakeServer();
    const rx = await openLoopback();
    await expect(rx.next('/auth/callback', 50)).rejects.toMatchObject({ code: 'auth/sign-in-timeout' });
    expect(srv.closed).toBe(true);
  });

  it('says auth/loopback-unavailable without Direct Sockets', async () => {
    await expect(openLoopback()).rejects.toMatchObject({ code: 'auth/loopback-unavailable' });
  });
});
