/**
 * Minimal Reflect metadata API for @peculiar/x509: its DI container (tsyringe) refuses to load
 * without `Reflect.getMetadata` (x509 README, "Reflect Polyfill Required"), and no polyfill package
 * (reflect-metadata, core-js) is installed. x509 only registers and resolves parameterless
 * singletons, so a WeakMap store covering define/get/getOwn/has is enough. Installed only when the
 * global lacks it; must be imported before `@peculiar/x509`.
 */
type Key = unknown;
const store = new WeakMap<object, Map<PropertyKey | undefined, Map<Key, unknown>>>();

function bucket(target: object, prop: PropertyKey | undefined, create: boolean): Map<Key, unknown> | undefined {
  let byProp = store.get(target);
  if (!byProp && create) store.set(target, (byProp = new Map()));
  let m = byProp?.get(prop);
  if (!m && create && byProp) byProp.set(prop, (m = new Map()));
  return m;
}

const api = {
  defineMetadata(key: Key, value: unknown, target: object, prop?: PropertyKey): void {
    bucket(target, prop, true)!.set(key, value);
  },
  getOwnMetadata(key: Key, target: object, prop?: PropertyKey): unknown {
    return bucket(target, prop, false)?.get(key);
  },
  getMetadata(key: Key, target: object, prop?: PropertyKey): unknown {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const m = bucket(t, prop, false);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  },
  hasMetadata(key: Key, target: object, prop?: PropertyKey): boolean {
    return api.getMetadata(key, target, prop) !== undefined;
  },
  metadata(key: Key, value: unknown) {
    return (target: object, prop?: PropertyKey) => api.defineMetadata(key, value, target, prop);
  },
};

const R = Reflect as unknown as Record<string, unknown>;
if (typeof R.getMetadata !== 'function') Object.assign(R, api);
