/**
 * Every Web Smart Card failure path ends in a typed error with a stable code and a next step:
 * each SmartCardResponseCode injected into a real call on the fake, the DOMException cases
 * (permission refused, invalid state, abort), and the real-behaviour paths (card pulled, reader
 * unplugged, another app exclusive, service missing). Plus a property: any rejection value maps.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AbortedError, AppError } from '../../../src/errors';
import { FakePcscService, installFakeSmartCard } from '../../../src/sim/fake-smart-card';
import { pcscException } from '../../../src/sim/fake-smart-card-error';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { SMART_CARD_RESPONSE_CODES } from '../../../src/transport/web-smart-card-api';
import { RESPONSE_CODE_MAP, toTransportError } from '../../../src/transport/web-smart-card-errors';
import { WebSmartCardProvider } from '../../../src/transport/web-smart-card';

async function connected() {
  const service = new FakePcscService();
  service.addReader('R', new VirtualGidsCard());
  const env = { navigator: {}, location: { protocol: 'isolated-app:' } };
  installFakeSmartCard(service, env);
  const provider = new WebSmartCardProvider(env, { pollTimeoutMs: 1000, transactionIdleMs: 20 });
  const [reader] = await provider.knownReaders();
  return { service, provider, reader: reader!, conn: await reader!.connect() };
}
const SELECT_MF = Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, 0x3f, 0x00);

describe('Web Smart Card errors', () => {
  it.each(SMART_CARD_RESPONSE_CODES)(
    'response code %s on transmit → its typed error with a next step',
    async (rc) => {
      const { service, provider, conn } = await connected();
      const before = await conn.transmit(SELECT_MF);
      service.failNext('transmit', rc);
      const e = await conn.transmit(SELECT_MF).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({
        code: RESPONSE_CODE_MAP[rc].code,
        data: { op: 'transmit', responseCode: rc },
      });
      expect(String((e as AppError).data.nextStep)).toMatch(/\w{4,}/);
      // The connection stays usable for the next APDU (a new transaction is opened).
      expect(await conn.transmit(SELECT_MF)).toEqual(before);
      provider.close();
    },
  );

  it('permission refused at connect → transport/permission-denied', async () => {
    const { service, provider, reader } = await connected();
    service.permission = 'denied';
    await expect(reader.connect()).rejects.toMatchObject({
      code: 'transport/permission-denied',
      data: { domName: 'NotAllowedError' },
    });
    provider.close();
  });

  it('card pulled mid-session → transport/card-removed; reader unplugged → transport/device-gone', async () => {
    const { service, provider, conn, reader } = await connected();
    service.remove('R');
    await expect(conn.transmit(SELECT_MF)).rejects.toMatchObject({ code: 'transport/card-removed' });
    await expect(reader.connect()).rejects.toMatchObject({
      code: 'transport/card-removed',
      data: { responseCode: 'no-smartcard' },
    });
    service.insert('R', new VirtualGidsCard());
    const again = await reader.connect();
    service.unplug('R');
    await expect(again.transmit(SELECT_MF)).rejects.toMatchObject({ code: 'transport/device-gone' });
    provider.close();
  });

  it('another application holding the card exclusively → transport/sharing-violation', async () => {
    const service = new FakePcscService();
    service.addReader('R', new VirtualGidsCard());
    const env = { navigator: {}, location: { protocol: 'isolated-app:' } };
    const api = installFakeSmartCard(service, env);
    await (await api.establishContext()).connect('R', 'exclusive', { preferredProtocols: ['t1'] });
    const provider = new WebSmartCardProvider(env);
    const [reader] = await provider.knownReaders();
    await expect(reader!.connect()).rejects.toMatchObject({ code: 'transport/sharing-violation' });
    provider.close();
  });

  it('card reset by another application → transport/card-reset', async () => {
    const { service, provider, conn } = await connected();
    await conn.transmit(SELECT_MF);
    await new Promise((r) => setTimeout(r, 60)); // our implicit transaction ends
    service.resetCard(service.reader('R'));
    await expect(conn.transmit(SELECT_MF)).rejects.toMatchObject({ code: 'transport/card-reset' });
    provider.close();
  });

  it('Smart Card service missing → transport/pcsc-unavailable from establishContext', async () => {
    const service = new FakePcscService();
    service.running = false;
    const env = { navigator: {}, location: { protocol: 'isolated-app:' } };
    installFakeSmartCard(service, env);
    await expect(new WebSmartCardProvider(env).knownReaders()).rejects.toMatchObject({
      code: 'transport/pcsc-unavailable',
    });
  });

  it('an aborted transmit rejects with AbortedError and the reader stays usable', async () => {
    const { service, provider, conn } = await connected();
    const before = await conn.transmit(SELECT_MF);
    service.latencyMs = 30;
    const ac = new AbortController();
    const p = conn.transmit(SELECT_MF, { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    expect(await conn.transmit(SELECT_MF)).toEqual(before);
    provider.close();
  });

  it.each([
    ['invalid-handle', 'transport/invalid-state'],
    ['service-stopped', 'transport/invalid-state'],
    ['invalid-parameter', 'transport/protocol'],
    ['timeout', 'transport/pcsc-error'],
  ] as const)('PC/SC %s (a plain DOMException/TypeError) → %s', async (fault, code) => {
    const { service, provider, conn } = await connected();
    service.failNext('transmit', fault);
    await expect(conn.transmit(SELECT_MF)).rejects.toMatchObject({ code });
    provider.close();
  });

  it('SCARD_P_SHUTDOWN (AbortError) → AbortedError', () => {
    expect(toTransportError(pcscException('shutdown', 'transmit'), 'transmit')).toBeInstanceOf(AbortedError);
  });

  it('hostile rejections (null toString, revoked Proxy, Symbol) still map to a typed error', () => {
    // Regression: CI seed 25518346 found `{ toString: null }`, on which String(e) throws.
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const e of [
      { toString: null },
      Object.create(null),
      revoked.proxy,
      Symbol('x'),
      { message: 7, toString: null },
    ]) {
      const out = toTransportError(e, 'transmit');
      expect(out).toBeInstanceOf(AppError);
      expect((out as AppError).code).toBe('transport/pcsc-error');
    }
  });

  it('property: whatever a call rejects with, the result is a typed error (never a throw)', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({
        name: fc.string(),
        message: fc.string(),
        responseCode: fc.oneof(fc.string(), fc.constantFrom(...SMART_CARD_RESPONSE_CODES)),
      }),
    );
    fc.assert(
      fc.property(junk, fc.string(), (e, op) => {
        const out = toTransportError(e, op);
        expect(out instanceof AppError).toBe(true);
        const rc = (e as { responseCode?: unknown } | null)?.responseCode;
        if (typeof rc === 'string' && Object.hasOwn(RESPONSE_CODE_MAP, rc))
          expect((out as AppError).code).toBe(RESPONSE_CODE_MAP[rc as keyof typeof RESPONSE_CODE_MAP].code);
        else if (!(out instanceof AbortedError)) expect((out as AppError).code).toMatch(/^transport\//);
      }),
    );
  });
});
