/**
 * The no-secrets check (docs/architecture.md "Secrets"): records every secret that crosses the wire (challenges sent to
 * CM, authentication responses, diversified keys, server-proposed PINs) plus the PINs the test
 * types, and the OAuth tokens (access, refresh, ID) the page received from the identity provider or
 * sent to CM; then dumps IndexedDB, Cache Storage, localStorage and sessionStorage and asserts none
 * of them appears in any encoding (ASCII, hex either case, base64, base64url; a JWT also by its
 * payload and signature segments alone).
 */
import type { Page } from 'playwright-core';

const SENSITIVE = /\/(authenticationresponse|diversifiedkey|serverproposedpin)(\?|$)/i;

export interface SecretRecorder {
  /** Raw secret byte strings and PIN strings seen so far. */
  bytes: Uint8Array[];
  strings: string[];
  /** OAuth tokens seen on the wire (access, refresh, ID). */
  tokens: string[];
  addPin(pin: string): void;
}

/** Starts recording the secrets a page exchanges with the CM API. */
export function recordSecrets(page: Page): SecretRecorder {
  const rec: SecretRecorder = { bytes: [], strings: [], tokens: [], addPin: (p) => void rec.strings.push(p) };
  page.on('request', (req) => {
    const ch = new URL(req.url()).searchParams.get('challenge');
    if (ch) rec.bytes.push(Buffer.from(ch, 'base64'));
  });
  page.on('response', async (res) => {
    if (!SENSITIVE.test(new URL(res.url()).pathname) || res.status() !== 200) return;
    const body = JSON.parse(await res.text()) as string;
    if (/serverproposedpin/i.test(res.url())) rec.strings.push(body);
    else rec.bytes.push(Buffer.from(body, 'base64'));
  });
  return rec;
}

/**
 * Also records OAuth tokens: the `Authorization: Bearer` value of every request, and the
 * `access_token` / `refresh_token` / `id_token` of every token-endpoint answer (RFC 6749 §5.1).
 */
export function recordTokens(page: Page, rec: SecretRecorder): void {
  page.on('request', (req) => {
    const m = /^Bearer (.+)$/i.exec(req.headers()['authorization'] ?? '');
    if (m) rec.tokens.push(m[1]!);
  });
  page.context().on('response', async (res) => {
    if (res.request().method() !== 'POST' || !/\/token$/.test(new URL(res.url()).pathname)) return;
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    for (const k of ['access_token', 'refresh_token', 'id_token'])
      if (typeof body[k] === 'string') rec.tokens.push(body[k]);
  });
}

/** Every encoding we look for; very short values (< 4 chars) would match noise, so PINs are ≥ 4. */
export function encodings(rec: SecretRecorder): string[] {
  const out = new Set<string>();
  for (const b of rec.bytes) {
    const buf = Buffer.from(b);
    out.add(buf.toString('hex'));
    out.add(buf.toString('hex').toUpperCase());
    out.add(buf.toString('base64'));
    out.add(buf.toString('base64url'));
  }
  for (const s of rec.strings) {
    out.add(s);
    out.add(Buffer.from(s).toString('hex'));
    out.add(Buffer.from(s).toString('base64'));
  }
  for (const t of rec.tokens ?? []) {
    out.add(t);
    out.add(Buffer.from(t).toString('base64'));
    // A JWT's payload or signature alone is as good as the token to a thief; short parts are headers.
    for (const part of t.split('.')) if (part.length >= 16) out.add(part);
  }
  return [...out].filter((s) => s.length >= 4);
}

/** Everything the origin stored: IndexedDB (all databases, stores, records), Cache Storage (URLs and bodies), local and session storage. */
export async function dumpStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((res, rej) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        parts.push(`idb:${info.name}/${store}:${JSON.stringify(all)}`);
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        parts.push(`cache:${name}:${req.url}:${res ? await res.text() : ''}`);
      }
    }
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      parts.push(`ls:${k}=${localStorage.getItem(k)}`);
    }
    for (let i = 0; i < sessionStorage.length; i++) {
      const k = sessionStorage.key(i)!;
      parts.push(`ss:${k}=${sessionStorage.getItem(k)}`);
    }
    return parts.join('\n');
  });
}

/** Secrets found in the dump (empty = pass), with the storage area they were found in. */
export function leakedSecrets(dump: string, rec: SecretRecorder): string[] {
  const lines = dump.split('\n');
  return encodings(rec).flatMap((enc) =>
    lines.filter((l) => l.includes(enc)).map((l) => `${enc} in ${l.slice(0, 80)}`),
  );
}
