/**
 * The flow views' storage check: a flow world with a real IndexedDB store (a fresh database per
 * test), and a dump of everything the browser keeps for the origin (IndexedDB, Cache Storage,
 * localStorage; test/e2e/secrets.ts pattern) that must hold none of a run's secrets.
 */
import { expect } from '@open-wc/testing';
import type { FlowDeps } from '../../src/flows';
import { openAppStore, type AppStore } from '../../src/store';
import { world, type World } from './flow-world';

/** The world with a real IndexedDB store (a fresh database per test), so the dump means something. */
/** `baseUrl`: the CM emulator to use (default the world's). */
export async function idbWorld(baseUrl?: string): Promise<World & { idb: AppStore }> {
  const name = `everyday-${Math.random().toString(36).slice(2)}`;
  const idb = await openAppStore({ name });
  const w = (await world(baseUrl)) as World & { idb: AppStore };
  w.idb = idb;
  const base = w.services;
  w.services = Object.assign(Object.create(base) as typeof base, {
    store: idb,
    flowDeps(extra?: Partial<FlowDeps>) {
      const d = base.flowDeps(extra);
      return d && { ...d, store: idb, cm: w.cm };
    },
  });
  return w;
}

/** Everything the browser keeps for this origin, as text (test/e2e/secrets.ts pattern). */
export async function dumpStorage(): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open(info.name!);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    for (const s of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((res, rej) => {
        const r = db.transaction(s).objectStore(s).getAll();
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      parts.push(`idb:${info.name}/${s}:${JSON.stringify(all)}`);
    }
    db.close();
  }
  for (const n of await caches.keys())
    for (const req of await (await caches.open(n)).keys()) parts.push(`cache:${n}:${req.url}`);
  for (let i = 0; i < localStorage.length; i++)
    parts.push(`ls:${localStorage.key(i)}=${localStorage.getItem(localStorage.key(i)!)}`);
  return parts.join('\n').toUpperCase();
}

export async function expectNoSecrets(w: World & { idb: AppStore }, secrets: string[]): Promise<void> {
  const dump = await dumpStorage();
  expect(dump).to.contain('IDB:EVERYDAY-'); // the dump saw the store
  for (const s of secrets) expect(dump, `secret ${s}`).not.to.contain(s.replace(/ /g, '').toUpperCase());
  w.idb.close();
}
