/**
 * Test world for the flows: a virtual GIDS card behind a direct connection (re-insertable, with the
 * card-removed fault), the CM emulator in-process behind a recording `fetch`, and a MemoryStore
 * whose journal writes are recorded. Everything a flow could leak a secret into is captured here,
 * and every secret that crossed the wire (challenges, responses, keys, PINs) is collected.
 */
import { expect } from 'vitest';
import { API_PREFIX, createEmulator, type Emulator } from '../../../emulator/core';
import type { EmulatorOptions } from '../../../emulator/options';
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { sharedCa } from '../../../emulator/ca';
import { GidsCard, cardIdToGuid, type KeySpec, type KeyUsage, type ManagedCard } from '../../../src/card';
import { spkiOf } from '../../../src/flows/csr';
import { CmClient, base64ToBytes } from '../../../src/cm';
import { enrollCard, type FlowDeps, type FlowProgress } from '../../../src/flows';
import { fromHex } from '../../../src/iso7816/hex';
import { VirtualGidsCard, type VirtualGidsConfig } from '../../../src/sim/gids-card';
import { directConnection, type DirectConnection } from '../../../src/sim/gids-connection';
import { webCryptoKeySource, type KeySource } from '../../../src/sim/sim-keys';
import { MemoryStore } from '../../../src/store';
import type { JournalEntry } from '../../../src/store';

export const ORIGIN = 'http://cm.flows.test';
/** Seed templates (emulator/seed.ts): user-chosen 8–16 digits, diversified, TPM default key. */
export const TPL_USER_PIN = '97cd65fa-af4b-4587-9309-0dd6bfd8b4e1';
/** Server-generated (Randomized) 8-digit PIN, diversified, TPM default key. */
export const TPL_SERVER_PIN = '2b7044cf-aa96-4911-b886-177947e9271b';
export const TPM_DEFAULT_KEY = fromHex('0102030405060708'.repeat(3));

export interface World {
  emu: Emulator;
  cm: CmClient;
  sim: VirtualGidsCard;
  store: MemoryStore;
  conn: DirectConnection;
  card: GidsCard;
  /** All APDUs over every connection so far. */
  apdus: () => number;
  /** Every command APDU over every connection so far, in order. */
  sentApdus: () => Uint8Array[];
  httpCalls: string[];
  journalWrites: JournalEntry[];
  progress: FlowProgress[];
  /** Secret values seen on the wire: raw bytes (challenges, responses, keys) and PIN strings. */
  secretBytes: Uint8Array[];
  secretStrings: string[];
  /**
   * Makes the n-th next fetch (0 = the very next) fail like a dropped network: `before` the server
   * sees it, or `after` the server handled it (the answer is lost).
   */
  failFetchAfter(n: number, mode?: 'before' | 'after'): void;
  /** Pulls the card and inserts it again: power cycle, new connection, new GidsCard. */
  reinsert(): GidsCard;
  deps(extra?: Partial<FlowDeps>): FlowDeps;
}

/**
 * Key pairs for the virtual cards, made once per spec and handed out again: RSA-2048 generation
 * costs 0.1–1 s and the interruption tests enroll hundreds of times. Signing stays real; tests that
 * care whether a key was generated count `sim.keyFiles.generated`.
 */
const pool = new Map<string, Promise<CryptoKeyPair>>();
export const pooledKeys: KeySource = (spec) => {
  const id = JSON.stringify(spec);
  if (!pool.has(id)) pool.set(id, webCryptoKeySource(spec));
  return pool.get(id)!;
};

const SENSITIVE = /\/(authenticationresponse|diversifiedkey|serverproposedpin)(\?|$)/i;

export function world(opts: { emu?: Partial<EmulatorOptions>; card?: VirtualGidsConfig } = {}): World {
  const emu = createEmulator({ approveAfterPolls: 0, ...opts.emu });
  const httpCalls: string[] = [];
  const secretBytes: Uint8Array[] = [];
  const secretStrings: string[] = [];
  let fetchBudget = Infinity;
  let failMode: 'before' | 'after' = 'before';
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const fail = fetchBudget-- <= 0;
    if (fail && failMode === 'before') throw new TypeError('Failed to fetch');
    httpCalls.push(`${req.method} ${url.pathname.replace(API_PREFIX, '')}`);
    const ch = url.searchParams.get('challenge');
    if (ch) secretBytes.push(base64ToBytes(ch));
    const res = await emu.handle(req);
    if (SENSITIVE.test(url.pathname) && res.status === 200) {
      const body = (await res.clone().json()) as string;
      if (/serverproposedpin/i.test(url.pathname)) secretStrings.push(body);
      else secretBytes.push(base64ToBytes(body));
    }
    if (fail) throw new TypeError('Failed to fetch');
    return res;
  }) as typeof fetch;
  const cm = new CmClient({ baseUrl: `${ORIGIN}${API_PREFIX}`, fetch: fetchImpl, getRetries: 0 });
  const sim = new VirtualGidsCard({
    cardId: globalThis.crypto.getRandomValues(new Uint8Array(16)),
    keySource: pooledKeys,
    ...opts.card,
  });
  const store = new MemoryStore({ persistent: false });
  const journalWrites: JournalEntry[] = [];
  const put = store.journal.put;
  store.journal.put = async (e: JournalEntry) => {
    journalWrites.push(structuredClone(e));
    return put(e);
  };
  const progress: FlowProgress[] = [];
  const conns: DirectConnection[] = [];
  const w: World = {
    emu,
    cm,
    sim,
    store,
    httpCalls,
    journalWrites,
    progress,
    secretBytes,
    secretStrings,
    conn: undefined as unknown as DirectConnection,
    card: undefined as unknown as GidsCard,
    apdus: () => conns.reduce((n, c) => n + c.sent.length, 0),
    sentApdus: () => conns.flatMap((c) => c.sent),
    failFetchAfter(n, mode = 'before') {
      fetchBudget = n;
      failMode = mode;
    },
    reinsert() {
      sim.reset();
      w.conn = directConnection(sim);
      conns.push(w.conn);
      w.card = new GidsCard(w.conn);
      return w.card;
    },
    deps(extra = {}) {
      return {
        card: w.card,
        cm,
        store,
        onProgress: (p) => progress.push(p),
        pollIntervalMs: 1,
        approvalTimeoutMs: 200,
        ...extra,
      };
    },
  };
  w.reinsert();
  return w;
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function caught(
  fn: () => Promise<unknown>,
): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { code?: string; data?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/**
 * Brings the card into service the way the product does: a complete enrollCard (keys, certificate,
 * request Completed, card Active). Resets the recorders afterwards so tests see only their own flow.
 */
export async function registerCard(
  w: World,
  template = TPL_USER_PIN,
  pin = '11223344',
): Promise<{ cmCardUuid: string; requestId: string }> {
  const r = await enrollCard(w.deps(), {
    profileTemplateUuid: template,
    dataCollection: {},
    userPin: pin,
    confirmProposedPin: async () => true,
  });
  expect(await w.store.journal.forCard(cardIdToGuid(await w.card.readCardId()))).toEqual([]);
  w.httpCalls.length = 0;
  w.journalWrites.length = 0;
  w.progress.length = 0;
  return { cmCardUuid: r.cmCardUuid, requestId: r.requestId };
}

/**
 * The certificate stored on the card for `slot` belongs to the key generated there (same public
 * key) and is signed by the emulator's CA root.
 */
export async function expectCardCertificate(
  card: ManagedCard,
  slot: string,
  usage: KeyUsage,
  spec: KeySpec,
): Promise<X509Certificate> {
  const der = await card.keys.readCertificate(slot, usage);
  expect(der).toBeDefined();
  const cert = new X509Certificate(new Uint8Array(der!));
  const pub = await card.keys.readPublicKey(slot, spec);
  expect(Buffer.from(cert.publicKey.rawData).toString('hex')).toBe(
    Buffer.from(await spkiOf(pub!, spec)).toString('hex'),
  );
  const ca = await sharedCa();
  expect(cert.issuer).toBe(ca.certificate.subject);
  expect(await cert.verify({ publicKey: ca.certificate.publicKey, signatureOnly: true })).toBe(true);
  return cert;
}
