/**
 * Benchmark bodies shared by the Node benchmark (test/bench/ccid.ts) and the Chromium run
 * (test/bench/ccid-chromium.ts). Figures are printed, never asserted.
 *
 * "Host overhead per APDU" = wall time of one `CardConnection.transmit` against a zero-latency
 * virtual reader: driver work (framing, bSeq, reassembly, T=1 blocks) plus the simulator's own
 * work, so it is an upper bound on the driver's share.
 */
import { CcidReader } from '../../../src/ccid/reader';
import { VirtualCcidReader, type VirtualReaderOptions } from '../../../src/sim/ccid-reader';
import { CcidCardConnection } from '../../../src/transport/webusb-reader';
import { TestCard } from './test-card';

export interface Stats {
  n: number;
  medianUs: number;
  p99Us: number;
  meanUs: number;
}

async function open(
  opts: VirtualReaderOptions,
): Promise<{ conn: CcidCardConnection; reader: CcidReader; card: TestCard }> {
  const sim = new VirtualCcidReader(opts);
  const card = new TestCard({ protocol: 'T1' });
  sim.insertCard(card);
  const reader = await CcidReader.open(sim, { timeoutMs: 10_000 });
  return { conn: new CcidCardConnection(await reader.slots[0]!.connect()), reader, card };
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: s.length, medianUs: q(0.5), p99Us: q(0.99), meanUs: s.reduce((a, b) => a + b, 0) / s.length };
}

/**
 * Per-APDU time of a 12-byte ECHO (case 4, 8 data bytes) at `level`; `batch` APDUs per sample
 * when the clock is coarse (Chromium without cross-origin isolation rounds to 100 µs).
 */
export async function apduOverhead(level: 'short-apdu' | 'tpdu', samples = 2000, batch = 1): Promise<Stats> {
  const { conn, reader } = await open({ level });
  const apdu = Uint8Array.of(0x80, 0x10, 0x00, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x00);
  for (let i = 0; i < 300; i++) await conn.transmit(apdu);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    for (let b = 0; b < batch; b++) await conn.transmit(apdu);
    out.push(((performance.now() - t0) * 1000) / batch);
  }
  await reader.close();
  return stats(out);
}

/** KB/s reading 64 KiB with one extended READ BINARY (Le = 00 00) at the extended-APDU level. */
export async function extendedThroughput(
  maxMessage: number,
  packetSize: 64 | 512,
  rounds = 20,
): Promise<{ kbPerS: number; msPerRead: number }> {
  const { conn, reader, card } = await open({ level: 'extended-apdu', maxMessage, packetSize });
  card.memory.fill(0xa5);
  const apdu = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x00);
  await conn.transmit(apdu);
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    const r = await conn.transmit(apdu);
    if (r.length !== 0x10002) throw new Error(`short read ${r.length}`);
  }
  const ms = (performance.now() - t0) / rounds;
  await reader.close();
  return { kbPerS: 64 / (ms / 1000), msPerRead: ms };
}

export function formatStats(label: string, s: Stats): string {
  return `${label}: median ${s.medianUs.toFixed(1)} µs, p99 ${s.p99Us.toFixed(1)} µs, mean ${s.meanUs.toFixed(1)} µs over ${s.n} samples`;
}
