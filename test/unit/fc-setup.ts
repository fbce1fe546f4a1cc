/**
 * fast-check settings for the unit tier.
 *
 * CI is a gate: a run on a clean clone must be reproducible, so properties run from a fixed seed
 * by default (the first CI run of session 1 was refused on a random seed that found a real bug —
 * found, but not reproducible from the log alone without the seed). Exploration is not given up:
 * `FC_SEED=random FC_RUNS=5000 npm run test:unit` (or `npm run test:props`) walks fresh seeds,
 * and any failure prints its seed and path for a regression test.
 */
import fc from 'fast-check';

const seedEnv = process.env['FC_SEED'];
const runsEnv = process.env['FC_RUNS'];
const seed =
  seedEnv === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(seedEnv ?? 0x5eed_2026);
const numRuns = runsEnv ? Number(runsEnv) : undefined;

if (!Number.isFinite(seed)) throw new Error(`FC_SEED must be a number or "random", got ${seedEnv}`);
if (numRuns !== undefined && !(numRuns > 0))
  throw new Error(`FC_RUNS must be a positive number, got ${runsEnv}`);

fc.configureGlobal({ seed, ...(numRuns ? { numRuns } : {}) });
if (seedEnv === 'random') console.info(`[fast-check] seed ${seed}, numRuns ${numRuns ?? 100}`);
