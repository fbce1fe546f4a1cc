/**
 * CCID driver benchmarks: host overhead per APDU against a zero-latency virtual reader
 * at short-APDU and TPDU T=1 level, and 64 KiB extended-APDU read throughput. Printed, not asserted.
 * Run: npx tsx test/bench/ccid.ts
 */
import { apduOverhead, extendedThroughput, formatStats } from '../unit/ccid/bench-core';

const N = 5000;
console.log(`Node ${process.version}, ${N} APDUs per level after 300 warm-up`);
console.log(formatStats('short-APDU level, 8-byte ECHO', await apduOverhead('short-apdu', N)));
console.log(formatStats('TPDU T=1 level,  8-byte ECHO', await apduOverhead('tpdu', N)));
for (const [max, pkt] of [
  [271, 64],
  [1034, 64],
  [1034, 512],
  [65546, 512],
] as const) {
  const t = await extendedThroughput(max, pkt);
  console.log(
    `64 KiB extended READ BINARY, dwMaxCCIDMessageLength ${max}, ${pkt}-byte packets: ${t.kbPerS.toFixed(0)} KB/s (${t.msPerRead.toFixed(2)} ms per read)`,
  );
}
