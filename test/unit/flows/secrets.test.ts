/**
 * No secret leaves a flow (docs/architecture.md "Secrets"): every journal write, every progress
 * event, every error (message, data and the whole cause chain) and the store's final content are
 * searched for every PIN, card challenge, admin-key response and diversified key the flows handled
 * — as ASCII, lower/upper-case hex and base64 (padded and unpadded).
 */
import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { bytesToBase64 } from '../../../src/common/base64';
import { enrollCard, prepareUnblock, retireCard, startServerProposedPin } from '../../../src/flows';
import { toHex } from '../../../src/iso7816/hex';
import { AppError } from '../../../src/errors';
import type { FlowProgress } from '../../../src/flows';
import { TPL_SERVER_PIN, TPL_USER_PIN, caught, registerCard, world, type World } from './harness';

function forms(secret: Uint8Array | string): string[] {
  const bytes = typeof secret === 'string' ? Uint8Array.from(secret, (c) => c.charCodeAt(0)) : secret;
  const b64 = bytesToBase64(bytes);
  const out = [toHex(bytes), toHex(bytes).toUpperCase(), b64, b64.replace(/=+$/, '')];
  if (typeof secret === 'string') out.push(secret);
  return out;
}

function errorDump(e: unknown, depth = 0): unknown {
  if (!(e instanceof Error) || depth > 5) return e;
  const x = e as Error & { code?: string; data?: unknown; cause?: unknown };
  return {
    code: x.code,
    message: x.message,
    data: x.data,
    cause: x.cause === undefined ? undefined : errorDump(x.cause, depth + 1),
  };
}

/**
 * JSON of `value` in which every byte container is spelled out. Plain `JSON.stringify` writes a
 * `Uint8Array` as `{"0":214,"1":17,…}` and an `ArrayBuffer`, `Map` or `Set` as `{}`, so a raw-byte
 * secret would never match a hex or base64 form; here each typed array, DataView and ArrayBuffer
 * becomes its lower-case hex and base64, Maps and Sets their entries, nested Errors their dump.
 */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes =
        v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      return { hex: toHex(bytes), base64: bytesToBase64(bytes) };
    }
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v instanceof Set) return { set: [...v.values()] };
    if (v instanceof Error) return errorDump(v);
    return v;
  });
}

/** The forms of handled secrets (and `userPins`) found in the journal, progress, `errors` and the store. */
async function leaks(w: World, errors: unknown[], userPins: string[]): Promise<string[]> {
  const cardId = cardIdToGuid(await w.card.readCardId());
  const haystack = serialise({
    journal: w.journalWrites,
    progress: w.progress,
    errors: errors.map((e) => errorDump(e)),
    store: await w.store.journal.forCard(cardId),
  });
  const secrets = [...w.secretBytes, ...w.secretStrings, ...userPins];
  return secrets.flatMap((s) => forms(s).filter((f) => haystack.includes(f)));
}

async function expectNoSecrets(w: World, errors: unknown[], userPins: string[]) {
  expect(w.secretBytes.length).toBeGreaterThan(0); // the scenario really handled secrets
  const found = await leaks(w, errors, userPins);
  expect(
    found.map((f) => `${f.length}-char form`),
    'secret forms leaked',
  ).toEqual([]);
}

describe('secrets never reach the journal, progress events or error data', () => {
  it('enroll (user and server PIN), server-proposed PIN, unblock, retire — success paths', async () => {
    const w = world();
    await enrollCard(w.deps(), {
      profileTemplateUuid: TPL_USER_PIN,
      dataCollection: { 'Request Reason': 'x' },
      userPin: '31415926',
    });
    const w2 = world();
    await enrollCard(w2.deps(), {
      profileTemplateUuid: TPL_SERVER_PIN,
      dataCollection: {},
      confirmProposedPin: async () => true,
    });
    await expectNoSecrets(w, [], ['31415926']);
    await expectNoSecrets(w2, [], []);

    const w3 = world();
    await registerCard(w3, TPL_SERVER_PIN);
    const spp = await startServerProposedPin(w3.deps());
    if (spp.kind !== 'proposed') throw new Error(spp.kind);
    await spp.apply();
    const unblock = await prepareUnblock(w3.deps());
    await unblock.run('27182818', '27182818');
    await retireCard(w3.deps(), { confirm: true });
    await expectNoSecrets(w3, [], ['27182818', spp.pin]);
  });

  it('error paths: wrong PIN entry, 403, 500, card removed mid-apply, admin key refused', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN, '16180339');
    const errors: unknown[] = [];
    const s = await prepareUnblock(w.deps());
    errors.push(await caught(() => s.run('1618033', '1618033')));
    errors.push(await caught(() => s.run('16180339', '16180338')));
    w.emu.options.forbidSensitive = true;
    errors.push(await caught(() => s.run('16180339')));
    w.emu.options.forbidSensitive = false;
    w.emu.options.force500 = 'authenticationresponse';
    errors.push(await caught(() => s.run('16180339')));
    w.emu.options.force500 = false;
    w.conn.removeAfter(3); // MSE, challenge, response reach the card; RESET RETRY COUNTER does not
    errors.push(await caught(() => s.run('16180339')));
    expect(errors.map((x) => (x as { code?: string }).code)).toEqual([
      'flow/pin-policy',
      'flow/pin-policy',
      'flow/no-permission',
      'flow/server-error',
      'flow/card-removed',
    ]);
    w.reinsert();
    // A server whose diversification secret changed computes responses the card refuses.
    w.emu.options.adminKeySecret = 'rotated-agent-certificate';
    const e = await caught(async () => (await prepareUnblock(w.deps())).run('16180339'));
    expect([e.code, e.data?.nextStep]).toEqual(['flow/admin-auth-failed', 'contact-admin-admin-key']);
    errors.push(e);
    await expectNoSecrets(w, errors, ['16180339', '1618033', '16180338']);
  });

  it('the search itself finds a raw challenge planted as bytes in error data or a progress event', async () => {
    const w = world();
    await registerCard(w, TPL_USER_PIN, '16180339');
    await (await prepareUnblock(w.deps())).run('16180339');
    await expectNoSecrets(w, [], ['16180339']);
    const challenge = w.secretBytes[0]!;
    expect(JSON.stringify({ challenge })).not.toContain(toHex(challenge)); // the gap plain JSON leaves

    const planted = new AppError('flow/card-error', 'planted', { raw: challenge.slice() });
    expect(await leaks(w, [planted], [])).toContain(toHex(challenge));
    const inCause = new AppError(
      'flow/card-error',
      'outer',
      {},
      { cause: new AppError('card/bad-data', 'inner', { buf: challenge.slice().buffer }) },
    );
    expect(await leaks(w, [inCause], [])).toContain(toHex(challenge));

    w.progress.push({
      ...w.progress[0]!,
      detail: new Map([['challenge', challenge.slice()]]),
    } as FlowProgress);
    expect(await leaks(w, [], [])).toContain(toHex(challenge));
  });
});
