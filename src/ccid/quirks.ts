/**
 * Per-reader fixes keyed by VID:PID (and bcdDevice where only some firmware is affected), seeded
 * from libccid `ccid.c` (`ccid_open_hack_pre/post`) and `ccid_usb.c` (docs/ccid-t1.md "Reader quirks"). Each entry
 * says why; {@link applyQuirks} folds them into the parsed descriptor and driver settings.
 */
import {
  Feature,
  exchangeLevelOf,
  decodeFeatures,
  type CcidDescriptor,
  type ExchangeLevel,
} from './descriptor';

export interface Quirk {
  vid: number;
  pid: number;
  /** Only this bcdDevice (firmware) is affected. */
  bcdDevice?: number;
  why: string;
  forceLevel?: Exclude<ExchangeLevel, 'character'>;
  /** Replacement for a wrong bPINSupport. */
  pinSupport?: number;
  /** Multiplier on every command timeout. */
  timeoutMultiplier?: number;
  /** Treat as if dwFeatures had AUTO_IFSD: do not send S(IFS request). */
  autoIfsd?: boolean;
  /** Never send PPS (reader handles speed itself or breaks on it). */
  noPps?: boolean;
  /** Cap the data rate used to decide PPS (bps). */
  maxDataRate?: number;
  /** A failing SetParameters is logged-and-ignored instead of failing the connection. */
  ignoreSetParametersFailure?: boolean;
}

const NO_PINPAD_AND_CHAINING =
  'advertises a PIN pad it lacks and answers long responses with extended-APDU chaining (libccid ccid_open_hack_post)';
const LEAKY_PINPAD =
  'secure PIN entry also sends the PIN to the host, so it is disabled (libccid: HP/Fujitsu keyboards, C3PO LTC31 v2)';
const SLOW_RF = 'contactless firmware answers slowly; libccid raises the read timeout';

/**
 * No entry for the readers libccid's optional `zlp` build fix targets (GemPC Twin 08e6:3437, GemPC
 * Key 08e6:3438, Dell SCRK 413c:2101, all bcdDevice 2.00 on USB 3 ports; `ccid.c`
 * `ccid_open_hack_pre`): they send a zero-length packet where none is due, and libccid, whose
 * next read would return it as an empty reply, drains it with a 10 ms bulk-IN read before every
 * write (`ccid_usb.c` `WriteUSB`). Here the standing bulk-IN loop (pipe.ts) discards every empty
 * transfer on every reader, so those readers need no entry — and a drain read could not be
 * cancelled over WebUSB anyway.
 */
export const QUIRKS: readonly Quirk[] = [
  {
    vid: 0x076b,
    pid: 0x3a21,
    why: `HID OMNIKEY Aviator ${NO_PINPAD_AND_CHAINING}`,
    pinSupport: 0,
    forceLevel: 'extended-apdu',
  },
  {
    vid: 0x076b,
    pid: 0x3031,
    why: `HID OMNIKEY 3x21 ${NO_PINPAD_AND_CHAINING}`,
    pinSupport: 0,
    forceLevel: 'extended-apdu',
  },
  {
    vid: 0x076b,
    pid: 0x6632,
    why: `HID OMNIKEY 6121 ${NO_PINPAD_AND_CHAINING}`,
    pinSupport: 0,
    forceLevel: 'extended-apdu',
  },
  {
    vid: 0x046a,
    pid: 0x00a7,
    why: `Cherry Smart Terminal xx44 ${NO_PINPAD_AND_CHAINING}`,
    pinSupport: 0,
    forceLevel: 'extended-apdu',
  },
  {
    vid: 0x0bf8,
    pid: 0x1024,
    why: `Fujitsu D323 ${NO_PINPAD_AND_CHAINING}`,
    pinSupport: 0,
    forceLevel: 'extended-apdu',
  },
  { vid: 0x03f0, pid: 0x1024, why: `HP smart card keyboard: ${LEAKY_PINPAD}`, pinSupport: 0 },
  { vid: 0x03f0, pid: 0x0036, why: `HP CCID smart card keyboard: ${LEAKY_PINPAD}`, pinSupport: 0 },
  { vid: 0x0bf8, pid: 0x1017, why: `Fujitsu smart card keyboard: ${LEAKY_PINPAD}`, pinSupport: 0 },
  { vid: 0x0783, pid: 0x0006, why: `C3PO LTC31 v2: ${LEAKY_PINPAD}`, pinSupport: 0 },
  {
    vid: 0x046a,
    pid: 0x00a1,
    bcdDevice: 0x0100,
    why: 'Cherry KC1000SC firmware 1.00 returns at most 128 bytes for case 2 on T=1 and chains the rest like extended APDU',
    forceLevel: 'extended-apdu',
  },
  {
    vid: 0x0d46,
    pid: 0x3010,
    why: 'Kobil TriBank claims extended APDU but fails on it; libccid forces short APDU',
    forceLevel: 'short-apdu',
  },
  {
    vid: 0x0529,
    pid: 0x0620,
    bcdDevice: 0x0012,
    why: 'SafeNet eToken 5100 fw 0.12 breaks on S(IFS); libccid pretends auto-IFSD',
    autoIfsd: true,
  },
  {
    vid: 0x0529,
    pid: 0x0620,
    bcdDevice: 0x0013,
    why: 'SafeNet eToken 5100 fw 0.13 breaks on S(IFS); libccid pretends auto-IFSD',
    autoIfsd: true,
  },
  {
    vid: 0x058f,
    pid: 0x9540,
    why: 'Alcor AU9540 fails above 200 kbps and may reject SetParameters though the card works (libccid resets and continues)',
    maxDataRate: 200000,
    ignoreSetParametersFailure: true,
  },
  {
    vid: 0x0b97,
    pid: 0x7762,
    why: 'O2Micro OZ776 cannot do PPS; libccid fixes 9600 bps',
    noPps: true,
    maxDataRate: 9600,
  },
  {
    vid: 0x0b97,
    pid: 0x7772,
    why: 'O2Micro OZ776 (7772) cannot do PPS; libccid fixes 9600 bps',
    noPps: true,
    maxDataRate: 9600,
  },
  { vid: 0x072f, pid: 0x2200, why: `ACS ACR122U: ${SLOW_RF} ×10`, timeoutMultiplier: 10 },
  { vid: 0x09d8, pid: 0x0427, why: `Elatec TWN4 (CCID+CDC): ${SLOW_RF} ×10`, timeoutMultiplier: 10 },
  { vid: 0x09d8, pid: 0x0428, why: `Elatec TWN4: ${SLOW_RF} ×10`, timeoutMultiplier: 10 },
  { vid: 0x04e6, pid: 0x5293, why: `SCM SCL011: ${SLOW_RF} ×4`, timeoutMultiplier: 4 },
  { vid: 0x04e6, pid: 0x5790, why: `Identiv uTrust 3700F: ${SLOW_RF} ×4`, timeoutMultiplier: 4 },
  { vid: 0x04e6, pid: 0x5791, why: `Identiv uTrust 3701F: ${SLOW_RF} ×4`, timeoutMultiplier: 4 },
  { vid: 0x04e6, pid: 0x5724, why: `Identiv uTrust 4701F: ${SLOW_RF} ×4`, timeoutMultiplier: 4 },
  {
    vid: 0x0b81,
    pid: 0x0200,
    why: 'CL1356D: libccid waits 60 s (20 × the 3 s default)',
    timeoutMultiplier: 20,
  },
];

/** Quirks matching a device (entries without bcdDevice match every firmware). */
export function quirksFor(
  vid: number,
  pid: number,
  bcdDevice: number,
  table: readonly Quirk[] = QUIRKS,
): Quirk[] {
  return table.filter(
    (q) => q.vid === vid && q.pid === pid && (q.bcdDevice === undefined || q.bcdDevice === bcdDevice),
  );
}

/** Merged effect of the matching quirks. */
export type QuirkSet = Omit<Quirk, 'vid' | 'pid' | 'bcdDevice' | 'why'> & { reasons: string[] };

export function mergeQuirks(qs: Quirk[]): QuirkSet {
  const out: QuirkSet = { reasons: [] };
  for (const { vid: _v, pid: _p, bcdDevice: _b, why, ...rest } of qs) {
    Object.assign(out, rest);
    out.reasons.push(why);
  }
  return out;
}

/** The descriptor as the driver should use it after quirks (a new object; the input is untouched). */
export function applyQuirks(d: CcidDescriptor, q: QuirkSet): CcidDescriptor {
  let f = d.dwFeatures;
  if (q.forceLevel) {
    const bit = {
      tpdu: Feature.LEVEL_TPDU,
      'short-apdu': Feature.LEVEL_SHORT_APDU,
      'extended-apdu': Feature.LEVEL_EXTENDED_APDU,
    }[q.forceLevel];
    f = (f & ~Feature.LEVEL_MASK) | bit;
  }
  if (q.autoIfsd) f |= Feature.AUTO_IFSD;
  return {
    ...d,
    dwFeatures: f >>> 0,
    features: decodeFeatures(f),
    exchangeLevel: exchangeLevelOf(f),
    bPINSupport: q.pinSupport ?? d.bPINSupport,
    dwMaxDataRate: q.maxDataRate !== undefined ? Math.min(q.maxDataRate, d.dwMaxDataRate) : d.dwMaxDataRate,
  };
}
