/**
 * PIN bytes do not outlive the exchange in any buffer the stack built to carry them: the encoded
 * command APDU (iso7816/apdu.ts), the CCID XfrBlock message (ccid/pipe.ts), the T=1 I-blocks
 * (ccid/t1-engine.ts) and the buffer handed to the Web Smart Card transmit (the same encoded APDU).
 * Each buffer is kept by reference as the layer below receives it and searched after the exchange.
 */
import { describe, expect, it } from 'vitest';
import type { BlockIo } from '../../../src/ccid/t1-engine';
import { transmitApdu } from '../../../src/iso7816/apdu';
import { FakePcscService, installFakeSmartCard } from '../../../src/sim/fake-smart-card';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { WebSmartCardProvider } from '../../../src/transport/web-smart-card';
import { setup } from './harness';

// A PIN no APDU header, length byte or padding of this test could produce by accident.
const PIN = Uint8Array.from('73918264', (c) => c.charCodeAt(0));
const VERIFY = { cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80, data: PIN };

function holds(buf: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= buf.length; i++) {
    for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Wraps `obj[key]` so every Uint8Array argument it receives is kept by reference in `into`. */
function keep<T extends object>(obj: T, key: keyof T, into: Uint8Array[]): void {
  const original = obj[key] as unknown as (...a: unknown[]) => unknown;
  (obj as Record<keyof T, unknown>)[key] = (...args: unknown[]) => {
    for (const a of args) if (a instanceof Uint8Array) into.push(a);
    return original.apply(obj, args);
  };
}

describe('PIN bytes are wiped after the exchange', () => {
  it.each(['short-apdu', 'extended-apdu', 'tpdu'] as const)(
    'CCID %s: encoded APDU, XfrBlock messages and T=1 I-blocks',
    async (level) => {
      const s = await setup({ level }, { protocol: 'T1' });
      const apdus: Uint8Array[] = [];
      const usbOut: Uint8Array[] = [];
      const iBlocks: Uint8Array[] = [];
      keep(s.conn, 'transmit', apdus);
      keep(s.sim, 'transferOut', usbOut);
      const t1 = s.conn.session.t1 as unknown as { io: BlockIo } | undefined;
      if (level === 'tpdu') keep(t1!, 'io', iBlocks);
      const pin = PIN.slice();
      await transmitApdu(s.conn, { ...VERIFY, data: pin });
      // The stack really carried the PIN through each of these layers …
      expect(apdus.length).toBeGreaterThan(0);
      expect(usbOut.length).toBeGreaterThan(0);
      if (level === 'tpdu') expect(iBlocks.length).toBeGreaterThan(0);
      // … and none of its buffers holds it any more.
      const still = [...apdus, ...usbOut, ...iBlocks].filter((b) => holds(b, PIN));
      expect(still.length, 'buffers still holding the PIN').toBe(0);
      await s.reader.close();
    },
  );

  it('Web Smart Card: the buffer passed to SmartCardConnection.transmit', async () => {
    const service = new FakePcscService();
    service.addReader('R', new VirtualGidsCard());
    const env = { navigator: {} as Record<string, unknown>, location: { protocol: 'isolated-app:' } };
    installFakeSmartCard(service, env);
    const sc = env.navigator.smartCard as { establishContext(): Promise<object> };
    const sent: Uint8Array[] = [];
    // Keep every transmit buffer of every connection the provider opens.
    const establish = sc.establishContext.bind(sc);
    sc.establishContext = async () => {
      const ctx = (await establish()) as { connect(...a: unknown[]): Promise<{ connection: object }> };
      const connect = ctx.connect.bind(ctx);
      ctx.connect = async (...a: unknown[]) => {
        const r = await connect(...a);
        keep(r.connection as { transmit(): unknown }, 'transmit', sent);
        return r;
      };
      return ctx;
    };
    const provider = new WebSmartCardProvider(env, { pollTimeoutMs: 1000, transactionIdleMs: 20 });
    const [reader] = await provider.knownReaders();
    const conn = await reader!.connect();
    await transmitApdu(conn, { ...VERIFY, data: PIN.slice() });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((b) => holds(b, PIN)).length, 'transmit buffers still holding the PIN').toBe(0);
    await conn.disconnect();
  });
});
