/**
 * `npm run fuzz` — random and mutated inputs against every iso7816 parser.
 *
 * Each parser must either return or throw its own typed error; anything else (TypeError,
 * RangeError, a foreign error class) counts as an unexpected exception and makes the run fail.
 * Prints inputs/s per parser. Not part of `npm test` (it takes a while on 2 shared cores).
 *
 * Env: FUZZ_N (inputs per parser, default 1,000,000), FUZZ_SEED (PRNG seed, default time-based).
 */
import { performance } from 'node:perf_hooks';
import { ApduError, decodeCommand, encodeCommand, parseResponse } from '../../src/iso7816/apdu';
import { AtrError, describeAtr, parseAtr } from '../../src/iso7816/atr';
import { fromHex, HexError } from '../../src/iso7816/hex';
import { encodeTlv, parseCompactTlv, parseTlv, TlvError } from '../../src/iso7816/tlv';
import { REAL_ATRS } from '../unit/iso7816/fixtures/real-atrs';

const N = Number(process.env.FUZZ_N ?? 1_000_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 0xffffffff) >>> 0 || 1;

let state = SEED;
/** xorshift32: fast, seedable, reproducible. */
function rnd(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state;
}
const below = (n: number): number => rnd() % n;

function randomBytes(max: number): Uint8Array {
  const b = new Uint8Array(below(max + 1));
  for (let i = 0; i < b.length; i++) b[i] = rnd() & 0xff;
  return b;
}

/** Flip, insert, delete or truncate a few bytes of a valid seed input. */
function mutate(seed: Uint8Array): Uint8Array {
  const b = Array.from(seed);
  for (let n = 1 + below(3); n > 0; n--) {
    const op = below(4);
    const at = below(b.length + 1);
    if (op === 0 && b.length > 0) b[at % b.length] = rnd() & 0xff;
    else if (op === 1) b.splice(at, 0, rnd() & 0xff);
    else if (op === 2) b.splice(at, 1);
    else b.length = at;
  }
  return Uint8Array.from(b);
}

const atrSeeds = REAL_ATRS.map((f) => fromHex(f.atr));
const apduSeeds = [
  encodeCommand({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: fromHex('a00000039742544659'), le: 256 }),
  encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 }),
  encodeCommand({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data: new Uint8Array(300), le: 300 }),
  encodeCommand({ cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: fromHex('31323334') }),
];
const tlvSeeds = [
  fromHex('61 12 4F 0B A0 00 00 03 97 42 54 46 59 02 01 73 03 40 01 C0'),
  encodeTlv(0x7c, [encodeTlv(0x82, new Uint8Array(8))]),
  encodeTlv(0x53, new Uint8Array(300)),
  fromHex('5F C1 02 82 00 04 01 02 03 04 7F 49 03 81 01 BB'),
];
const pick = <T>(xs: T[]): T => xs[below(xs.length)]!;
/** Random bytes, usually starting with a valid TS so the parser gets past the first byte. */
function randomAtr(): Uint8Array {
  const b = randomBytes(40);
  if (b.length > 0 && below(4) !== 0) b[0] = below(2) === 0 ? 0x3b : 0x3f;
  return b;
}
const mixed = (seeds: Uint8Array[], max: number) => (): Uint8Array =>
  below(2) === 0 ? mutate(pick(seeds)) : randomBytes(max);

const HEXCHARS = '0123456789abcdefABCDEF :\n';
function randomHexText(): string {
  let s = '';
  for (let n = below(40); n > 0; n--)
    s += below(50) === 0 ? String.fromCharCode(rnd() & 0x7f) : HEXCHARS[below(HEXCHARS.length)];
  return s;
}

interface Target<I> {
  name: string;
  gen: () => I;
  run: (input: I) => unknown;
  expected: new (...args: never[]) => Error;
}

const targets: Target<never>[] = [
  {
    name: 'parseAtr (+describeAtr)',
    gen: () => (below(2) === 0 ? mutate(pick(atrSeeds)) : randomAtr()),
    run: (b: Uint8Array) => describeAtr(parseAtr(b)),
    expected: AtrError,
  },
  {
    name: 'decodeCommand',
    gen: mixed(apduSeeds, 320),
    run: (b: Uint8Array) => decodeCommand(b),
    expected: ApduError,
  },
  {
    name: 'parseResponse',
    gen: () => randomBytes(300),
    run: (b: Uint8Array) => parseResponse(b),
    expected: ApduError,
  },
  { name: 'parseTlv', gen: mixed(tlvSeeds, 320), run: (b: Uint8Array) => parseTlv(b), expected: TlvError },
  {
    name: 'parseCompactTlv',
    gen: () => randomBytes(40),
    run: (b: Uint8Array) => parseCompactTlv(b),
    expected: TlvError,
  },
  { name: 'fromHex', gen: randomHexText, run: (s: string) => fromHex(s), expected: HexError },
] as unknown as Target<never>[];

console.info(
  `fuzz: ${N.toLocaleString('en')} inputs per parser, seed ${SEED} (FUZZ_SEED=${SEED} reproduces)`,
);
let failures = 0;
for (const t of targets) {
  let ok = 0;
  let typed = 0;
  let unexpected = 0;
  let slowest = 0;
  const samples: string[] = [];
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    const input = t.gen();
    const t0 = performance.now();
    try {
      t.run(input);
      ok++;
    } catch (e) {
      if (e instanceof t.expected) typed++;
      else {
        unexpected++;
        if (samples.length < 5)
          samples.push(
            `${String(e)} on ${(input as unknown) instanceof Uint8Array ? Buffer.from(input as Uint8Array).toString('hex') : JSON.stringify(input)}`,
          );
      }
    }
    const dt = performance.now() - t0;
    if (dt > slowest) slowest = dt;
  }
  const secs = (performance.now() - start) / 1000;
  failures += unexpected;
  console.info(
    `${t.name.padEnd(24)} ${Math.round(N / secs)
      .toLocaleString('en')
      .padStart(11)} inputs/s  ` +
      `returned ${ok}, typed errors ${typed}, unexpected ${unexpected}, slowest input ${slowest.toFixed(2)} ms`,
  );
  for (const s of samples) console.error(`  unexpected: ${s}`);
}
console.info(failures === 0 ? 'fuzz: 0 unexpected exceptions' : `fuzz: ${failures} unexpected exceptions`);
process.exitCode = failures === 0 ? 0 : 1;
