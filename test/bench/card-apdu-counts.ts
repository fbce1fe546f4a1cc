/**
 * APDU counts for what MIM CM needs before it can answer: "ATR + card id + admin challenge"
 * (docs/mim-cm-api.md "Enrollment"). The ATR comes with the connection (no APDU); every
 * command the card layer sends is counted. Run: `npx tsx test/bench/card-apdu-counts.ts`.
 * Prints figures only — no assertions (docs/architecture.md "Test tiers").
 */
import { GidsCard, PivCard, detectCard } from '../../src/card';
import type { ManagedCard } from '../../src/card';
import { formatAtr } from '../../src/iso7816/atr';
import { fromHex, toHex } from '../../src/iso7816/hex';
import { CcidReader } from '../../src/ccid/reader';
import { CcidCardConnection } from '../../src/transport/webusb-reader';
import type { CardConnection } from '../../src/transport/types';
import { VirtualCcidReader } from '../../src/sim/ccid-reader';
import type { VirtualCard } from '../../src/sim/ccid-card';
import { directConnection } from '../../src/sim/gids-connection';
import { VirtualGidsCard } from '../../src/sim/gids-card';
import { VirtualPivCard } from '../../src/sim/piv-card';

const PLAIN_ATR = fromHex('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 00 00 00 00 00 6B');
const T0_GIDS_ATR = fromHex('3B 0D 80 FB A0 00 00 03 97 42 54 46 59 02 01');

/** Counts what reaches the card itself (so T=0 GET RESPONSE rounds show up too). */
function counted(card: VirtualCard): { card: VirtualCard; log: string[] } {
  const log: string[] = [];
  return {
    log,
    card: {
      atr: card.atr,
      process: (a) => (log.push(toHex(a.subarray(0, 4), ' ')), card.process(a)),
      reset: () => card.reset?.(),
    },
  };
}

type Make = (conn: CardConnection) => Promise<ManagedCard>;
const viaDetect: Make = async (conn) => {
  const d = await detectCard(conn);
  if (d.type === 'unknown') throw new Error('card not detected');
  return d.card;
};

async function run(label: string, sim: VirtualCard, make: Make, overCcid = false): Promise<void> {
  const { card: c, log } = counted(sim);
  let conn: CardConnection;
  if (overCcid) {
    const reader = new VirtualCcidReader({ level: 'tpdu' });
    reader.insertCard(c);
    conn = new CcidCardConnection(
      await (await CcidReader.open(reader, { timeoutMs: 1000 })).slots[0]!.connect(),
    );
  } else {
    conn = directConnection(c);
  }
  const atr = formatAtr(conn.atr);
  const card = await make(conn);
  await card.readCardId();
  await card.getAdminChallenge();
  console.log(`${String(log.length).padStart(2)} APDUs  ${label}  (atr ${atr.slice(0, 12)}…)`);
  console.log(`          ${log.join(' | ')}`);
}

console.log('ATR + card id + admin challenge — APDUs the card receives\n');
console.log('GIDS');
await run('TPM-VSC ATR (GIDS AID hint), detectCard, standard layout', new VirtualGidsCard(), viaDetect);
await run(
  'no ATR hint, detectCard (PIV probe first, Windows order)',
  new VirtualGidsCard({ atr: PLAIN_ATR }),
  viaDetect,
);
await run(
  'GidsCard directly (type known from a previous session)',
  new VirtualGidsCard({ atr: PLAIN_ATR }),
  async (c) => new GidsCard(c),
);
await run(
  'cardIdLookup: masterfile (as the Windows minidriver)',
  new VirtualGidsCard(),
  async (c) => new GidsCard(c, { cardIdLookup: 'masterfile' }),
);
await run(
  'cardid not at A012/DF20 (fast path misses, masterfile fallback)',
  new VirtualGidsCard({ cardIdLocation: { efId: 0xa013, doId: 0xdf30 } }),
  viaDetect,
);
await run(
  'T=0 card over the CCID driver at TPDU level (T=0 GET RESPONSE TPDUs stay in reader/driver)',
  new VirtualGidsCard({ atr: T0_GIDS_ATR }),
  viaDetect,
  true,
);
console.log('\nPIV');
await run('YubiKey-like (metadata F7 tells the 9B algorithm), detectCard', new VirtualPivCard(), viaDetect);
await run(
  'algorithm configured (3DES), PivCard directly',
  new VirtualPivCard(),
  async (c) => new PivCard(c, { managementKeyAlgorithm: '3des' }),
);
await run(
  'plain PIV card, no Yubico extensions, auto (F7 → 6D00, then 3DES)',
  new VirtualPivCard({ yubicoExtensions: false }),
  viaDetect,
);
await run(
  'AES-192 key, extensions off in options: probing 3DES → 6A80, then AES-192',
  new VirtualPivCard({ managementAlgorithm: 'aes192' }),
  async (c) => new PivCard(c, { yubicoExtensions: false }),
);
