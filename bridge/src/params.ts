/**
 * Parameter checks for the JSON-RPC methods (docs/bridge-protocol.md "Methods"). Anything that is
 * not exactly the documented shape is refused with -32602 before PC/SC sees it.
 */
import { fromBase64, type BridgeReaderStateIn } from '../../src/transport/bridge-protocol';
import type {
  SmartCardAccessMode,
  SmartCardDisposition,
  SmartCardProtocol,
  SmartCardReaderStateFlagsIn,
} from '../../src/transport/web-smart-card-api';
import { invalidParams } from './errors';

export type Params = Record<string, unknown>;

/** A positive safe integer handle. */
export function handle(p: Params, key: 'context' | 'connection'): number {
  const v = p[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
    throw invalidParams(`${key} must be a positive integer`);
  return v;
}

export function uint32(p: Params, key: string): number {
  const v = p[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff)
    throw invalidParams(`${key} must be an unsigned 32-bit integer`);
  return v;
}

export function bytes(p: Params, key: string): Uint8Array {
  try {
    return fromBase64(p[key]);
  } catch {
    throw invalidParams(`${key} must be base64`);
  }
}

export function str(p: Params, key: string, max = 512): string {
  const v = p[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    throw invalidParams(`${key} must be a non-empty string`);
  return v;
}

const DISPOSITIONS: readonly SmartCardDisposition[] = ['leave', 'reset', 'unpower', 'eject'];
/** WICG default for disconnect() is "leave"; for endTransaction the caller always says. */
export function disposition(p: Params, fallback: SmartCardDisposition): SmartCardDisposition {
  const v = p.disposition ?? fallback;
  if (!DISPOSITIONS.includes(v as SmartCardDisposition)) throw invalidParams('disposition');
  return v as SmartCardDisposition;
}

const MODES: readonly SmartCardAccessMode[] = ['shared', 'exclusive', 'direct'];
export function accessMode(p: Params): SmartCardAccessMode {
  if (!MODES.includes(p.accessMode as SmartCardAccessMode)) throw invalidParams('accessMode');
  return p.accessMode as SmartCardAccessMode;
}

const PROTOCOLS: readonly SmartCardProtocol[] = ['t0', 't1', 'raw'];
export function protocols(v: unknown): SmartCardProtocol[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 3 || !v.every((x) => PROTOCOLS.includes(x as SmartCardProtocol)))
    throw invalidParams('preferredProtocols');
  return v as SmartCardProtocol[];
}

export function optionalProtocol(v: unknown): SmartCardProtocol | undefined {
  if (v === undefined) return undefined;
  if (!PROTOCOLS.includes(v as SmartCardProtocol)) throw invalidParams('protocol');
  return v as SmartCardProtocol;
}

const FLAG_KEYS = new Set([
  'unaware',
  'ignore',
  'unavailable',
  'empty',
  'present',
  'exclusive',
  'inuse',
  'mute',
  'unpowered',
]);

/** Why 64: PC/SC's own PCSCLITE_MAX_READERS_CONTEXTS is 16; 64 leaves room and bounds the work. */
const MAX_READER_STATES = 64;

export function readerStates(v: unknown): BridgeReaderStateIn[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_READER_STATES)
    throw invalidParams('readerStates');
  return v.map((s): BridgeReaderStateIn => {
    if (typeof s !== 'object' || s === null) throw invalidParams('readerStates[]');
    const r = s as Params;
    const readerName = str(r, 'readerName');
    const cs = r.currentState;
    if (typeof cs !== 'object' || cs === null || Array.isArray(cs)) throw invalidParams('currentState');
    const flags: SmartCardReaderStateFlagsIn = {};
    for (const [k, val] of Object.entries(cs)) {
      if (!FLAG_KEYS.has(k) || typeof val !== 'boolean') throw invalidParams(`currentState.${k}`);
      flags[k as keyof SmartCardReaderStateFlagsIn] = val;
    }
    const out: BridgeReaderStateIn = { readerName, currentState: flags };
    if (r.currentCount !== undefined) out.currentCount = uint32(r, 'currentCount');
    return out;
  });
}

/** `timeout` in ms; absent = INFINITE. */
export function timeout(p: Params): number | undefined {
  if (p.timeout === undefined || p.timeout === null) return undefined;
  return uint32(p, 'timeout');
}
