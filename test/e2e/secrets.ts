/**
 * The no-secrets check of issue 7: records every secret that crosses the wire (challenges sent to
 * CM, authentication responses, diversified keys, server-proposed PINs) plus the PINs the test
 * types, then dumps IndexedDB, Cache Storage and localStorage and asserts none of them appears in
 * any encoding (ASCII, hex either case, base64, base64url).
 */
import type { Page } from 'playwright-core';

const SENSITIVE = /\/(authenticationresponse|diversifiedkey|serverproposedpin)(\?|$)/i;

export interface SecretRecorder {
  /** Raw secret byte strings and PIN strings seen so far. */
  bytes: Uint8Array[];
  strings: string[];
  addPin(pin: string): void;
}

/** Starts recording the secrets a page exchanges with the CM API. */
export function recordSecrets(page: Page): SecretRecorder {
  const rec: SecretRecorder = { bytes: [], strings: [], addPin: (p) => void rec.strings.push(p) };
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
  return [...out].filter((s) => s.length >= 4);
}

/** Everything the origin stored: IndexedDB (all databases, stores, records), Cache Storage (URLs and bodies), localStorage. */
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
    return parts.join('\n');
  });
}

/** Secrets found in the dump (empty = pass), with the storage area they were found in. */
export function leakedSecrets(dump: string, rec: SecretRecorder): string[] {
  const lines = dump.split('\n');
  return encodings(rec).flatMap((enc) => lines.filter((l) => l.includes(enc)).map((l) => `${enc} in ${l.slice(0, 80)}`));
}
