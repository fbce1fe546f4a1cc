import { describe, expect, it } from 'vitest';
import { atrHint, detectCard } from '../../../src/card';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import type { VirtualCard } from '../../../src/sim/gids-piv-base';

const PLAIN_ATR = fromHex('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 00 00 00 00 00 6B'); // no GIDS/PIV AID

/** A card with no application at all: every SELECT is 6A82, everything else 6D00. */
const blank: VirtualCard = {
  atr: PLAIN_ATR,
  process: (a) => (a[1] === 0xa4 ? fromHex('6A82') : fromHex('6D00')),
};

describe('detectCard', () => {
  it('TPM virtual smart card ATR: GIDS probed first, one SELECT', async () => {
    const conn = directConnection(new VirtualGidsCard());
    const d = await detectCard(conn);
    expect(d).toMatchObject({ type: 'gids', atrHint: 'gids', probes: 1 });
    expect(conn.sent.length).toBe(1);
    if (d.type !== 'gids') throw new Error('unreachable');
    expect(toHex(d.select.aid!)).toBe('a0000003974254465902' + '01');
    // the returned card is already selected: reading the card id costs one more APDU
    await d.card.readCardId();
    expect(conn.sent.length).toBe(2);
  });

  it('GIDS card without ATR hint: PIV SELECT first (Windows order), then GIDS', async () => {
    const conn = directConnection(new VirtualGidsCard({ atr: PLAIN_ATR }));
    expect(await detectCard(conn)).toMatchObject({ type: 'gids', atrHint: 'none', probes: 2 });
    expect(toHex(conn.sent[0]!.subarray(5, 10))).toBe('a000000308');
  });

  it('PIV card: detected by the first SELECT', async () => {
    const conn = directConnection(new VirtualPivCard());
    const d = await detectCard(conn);
    expect(d).toMatchObject({ type: 'piv', probes: 1 });
    if (d.type !== 'piv') throw new Error('unreachable');
    expect(d.select.algorithms).toContain(0x03);
  });

  it('neither application: unknown after both probes', async () => {
    expect(await detectCard(directConnection(blank))).toMatchObject({ type: 'unknown', probes: 2 });
  });

  it('card removed during detection is card/removed', async () => {
    const conn = directConnection(new VirtualPivCard());
    conn.removeAfter(0);
    await expect(detectCard(conn)).rejects.toMatchObject({ code: 'card/removed' });
  });

  it('ATR hints: GIDS AID, PIV AID, none, unreadable', () => {
    expect(atrHint(fromHex('3b8d0180fba000000397425446590301c8'))).toBe('gids');
    expect(atrHint(fromHex('3B 8F 80 01 80 73 CC 91 CB F9 A0 00 00 03 08 00 00 10 00 29'))).toBe('piv');
    expect(atrHint(fromHex('3B FD 13 00 00 81 31 FE 15 80 73 C0 21 C0 57 59 75 62 69 4B 65 79 40'))).toBe(
      'none',
    );
    expect(atrHint(new Uint8Array(0))).toBe('none');
  });
});
