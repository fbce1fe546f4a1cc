/** TPDU level in depth: host T=1 error recovery and WTX, T=0 procedure statuses, the §5.3.1 abort. */
import { describe, expect, it } from 'vitest';
import { transmitT0 } from '../../../src/ccid/t0-tpdu';
import { T1Host, T1_LIMITS } from '../../../src/ccid/t1-engine';
import { T1Card } from '../../../src/sim/t1-card';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { transmitApdu } from '../../../src/iso7816/apdu';
import { pattern, settleWithin, setup } from './harness';
import { TestCard } from './test-card';

const ECHO = (n: number, seed = 1): Uint8Array =>
  Uint8Array.of(0x80, 0x10, 0, 0, 0, n >> 8, n & 0xff, ...pattern(n, seed), 0, 0);

describe('host T=1 against the card-side engine', () => {
  function pair(opts: { ifsc?: number; edc?: 'lrc' | 'crc'; wtx?: number } = {}) {
    const card = new TestCard({ protocol: 'T1' });
    const t1card = new T1Card(card, {
      edc: opts.edc ?? 'lrc',
      ifsc: opts.ifsc ?? 32,
      wtxPerCommand: opts.wtx,
    });
    const bwis: number[] = [];
    const host = new T1Host(
      async (b, bwi) => {
        bwis.push(bwi);
        return t1card.handle(b);
      },
      { ifsc: opts.ifsc ?? 32, edc: opts.edc ?? 'lrc' },
    );
    return { card, t1card, host, bwis };
  }

  it('chains a command larger than IFSC and a response larger than IFSD (CRC)', async () => {
    const { host, t1card } = pair({ ifsc: 16, edc: 'crc' });
    await host.negotiateIfsd(20);
    const r = await host.transceive(ECHO(1000));
    expect(r.subarray(0, 1000)).toEqual(pattern(1000));
    expect(toHex(r.subarray(1000))).toBe('9000');
    expect(t1card.blocksIn).toBeGreaterThan(1000 / 16 + 1000 / 20);
  });

  it('recovers from corrupted blocks by R-block retransmission', async () => {
    const { host, t1card } = pair();
    t1card.corruptNext = 2;
    const r = await host.transceive(ECHO(100));
    expect(r.subarray(0, 100)).toEqual(pattern(100));
    expect(host.stats.retransmissions).toBe(2);
  });

  it('resynchronises after persistent errors, then gives up with ccid/t1', async () => {
    const { host, t1card } = pair();
    t1card.corruptNext = 4; // > 3 retries: S(RESYNCH), then the command is sent again
    const r = await host.transceive(ECHO(10));
    expect(r.subarray(0, 10)).toEqual(pattern(10));
    expect(host.stats.resyncs).toBe(1);
    const broken = pair();
    broken.t1card.corruptNext = 1_000_000;
    await expect(broken.host.transceive(ECHO(10))).rejects.toMatchObject({ code: 'ccid/t1' });
  });

  it('grants S(WTX) and passes the multiplier to the reader as bBWI', async () => {
    const { host, bwis } = pair({ wtx: 2 });
    const r = await host.transceive(ECHO(5));
    expect(r.subarray(0, 5)).toEqual(pattern(5));
    expect(host.stats.wtx).toBe(2);
    expect(bwis).toContain(2);
  });

  it('bounds S(WTX) per APDU: more than maxWtxGrants grants fails with ccid/t1-wtx-limit', async () => {
    expect(T1_LIMITS).toEqual({ maxWtxGrants: 120, maxWtxTotal: 255, apduDeadlineMs: 120_000 });
    const { host } = pair({ wtx: 121 }); // multiplier 2 each: 242 BWT, under the sum cap
    await expect(host.transceive(ECHO(5))).rejects.toMatchObject({
      code: 'ccid/t1-wtx-limit',
      data: { grants: 121, maxGrants: 120 },
    });
    const ok = pair({ wtx: 120 });
    expect((await ok.host.transceive(ECHO(5))).subarray(0, 5)).toEqual(pattern(5));
    expect(ok.host.stats.wtx).toBe(120);
  });

  it('bounds the sum of granted multipliers: 26 grants × 2 BWT > 50 fails with ccid/t1-wtx-limit', async () => {
    const card = new T1Card(new TestCard({ protocol: 'T1' }), { edc: 'lrc', ifsc: 32, wtxPerCommand: 30 });
    const host = new T1Host((b) => card.handle(b), { ifsc: 32, edc: 'lrc', maxWtxTotal: 50 });
    await expect(host.transceive(ECHO(5))).rejects.toMatchObject({
      code: 'ccid/t1-wtx-limit',
      data: { grants: 26, total: 52 },
    });
  });

  it('a total deadline per APDU: a card that keeps asking for time fails with ccid/t1-deadline in bounded time', async () => {
    const card = new T1Card(new TestCard({ protocol: 'T1' }), { edc: 'lrc', ifsc: 32, wtxPerCommand: 1e9 });
    const slow = async (b: Uint8Array) => {
      await new Promise((r) => setTimeout(r, 5));
      return card.handle(b);
    };
    const host = new T1Host(slow, {
      ifsc: 32,
      edc: 'lrc',
      maxWtxGrants: 1e9,
      maxWtxTotal: 1e9,
      apduDeadlineMs: 150,
    });
    const t = await settleWithin(host.transceive(ECHO(5)), 2000);
    expect(t.ok).toBe(false);
    expect((t as { error: { code?: string } }).error.code).toBe('ccid/t1-deadline');
    expect(t.ms).toBeLessThan(600);
  });

  it('the deadline also ends one block wait that never returns (the reader honours the signal)', async () => {
    const never = (_b: Uint8Array, _bwi: number, signal?: AbortSignal) =>
      new Promise<Uint8Array>((_, reject) =>
        signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const host = new T1Host(never, { ifsc: 32, edc: 'lrc', apduDeadlineMs: 100 });
    const t = await settleWithin(host.transceive(ECHO(5)), 2000);
    expect((t as { error: { code?: string } }).error.code).toBe('ccid/t1-deadline');
    expect(t.ms).toBeLessThan(500);
  });

  it('through the virtual reader: WTX raises the CCID timeout (timeout 150 ms, card asks for more twice)', async () => {
    const s = await setup({ level: 'tpdu', t1WtxPerCommand: 2 }, { protocol: 'T1' }, { timeoutMs: 150 });
    const r = await transmitApdu(s.conn, { cla: 0x80, ins: 0x10, p1: 0, p2: 0, data: pattern(300), le: 300 });
    expect(r.data).toEqual(pattern(300));
    expect(s.conn.session.t1!.stats.wtx).toBeGreaterThanOrEqual(2);
    await s.reader.close();
  });
});

describe('host T=0 TPDU shaping (ISO/IEC 7816-3 §12.2)', () => {
  /** A scripted T=0 card: records TPDUs and answers from a list. */
  function scripted(answers: string[]) {
    const sent: string[] = [];
    const io = async (t: Uint8Array): Promise<Uint8Array> => {
      sent.push(toHex(t, ' '));
      return fromHex(answers.shift()!);
    };
    return { io, sent };
  }

  it('case 2: 6Cxx → resend with P3 = xx', async () => {
    const { io, sent } = scripted(['6c 04', '01 02 03 04 90 00']);
    expect(toHex(await transmitT0(io, fromHex('00 b0 00 00 00')))).toBe('0102030490' + '00');
    expect(sent).toEqual(['00 b0 00 00 00', '00 b0 00 00 04']);
  });

  it('case 4: sent as case 3, then GET RESPONSE with min(Ne, xx)', async () => {
    const { io, sent } = scripted(['61 10', 'aa bb 90 00']);
    expect(toHex(await transmitT0(io, fromHex('80 10 00 00 02 01 02 02')))).toBe('aabb9000');
    expect(sent).toEqual(['80 10 00 00 02 01 02', '00 c0 00 00 02']);
  });

  it('case 1 sends P3 = 00; case 3 passes the status through', async () => {
    const { io, sent } = scripted(['90 00', '6a 82']);
    expect(toHex(await transmitT0(io, fromHex('00 70 00 00')))).toBe('9000');
    expect(toHex(await transmitT0(io, fromHex('00 a4 04 00 02 3f 00')))).toBe('6a82');
    expect(sent).toEqual(['00 70 00 00 00', '00 a4 04 00 02 3f 00']);
  });

  it('a card that answers 6Cxx forever fails with ccid/t0 after a bounded number of tries', async () => {
    const { io } = scripted(['6c 04', '6c 04', '6c 04', '6c 04']);
    await expect(transmitT0(io, fromHex('00 b0 00 00 00'))).rejects.toMatchObject({ code: 'ccid/t0' });
  });

  it('extended command whose length is a multiple of 255 ends with an empty ENVELOPE', async () => {
    const s = await setup({ level: 'tpdu' }, { protocol: 'T0' });
    const apdu = ECHO(246); // 7 + 246 + 2 = 255 bytes
    expect(apdu.length).toBe(255);
    const r = await s.conn.transmit(apdu);
    expect(r.subarray(0, 246)).toEqual(pattern(246));
    await s.reader.close();
  });
});

describe('CCID §5.3.1 abort on timeout', () => {
  it('sends the ABORT class request and PC_to_RDR_Abort, then the slot works', async () => {
    const s = await setup({ level: 'short-apdu' }, { protocol: 'T1' }, { timeoutMs: 100 });
    s.sim.injectFault({ kind: 'mute' });
    const r = await settleWithin(s.conn.transmit(fromHex('80 10 00 00 01 01 00')), 2000);
    expect(r.ok).toBe(false);
    expect(s.sim.processor.abortsHandled).toBe(1); // class request + bulk Abort with the same bSlot/bSeq
    expect(s.sim.slots[0]!.abortSeqs.size).toBe(0);
    expect((await s.conn.transmit(fromHex('80 10 00 00 01 01 00'))).length).toBe(3);
    await s.reader.close();
  });
});

describe('cancelling a T=1 chain', () => {
  it('AbortSignal mid-chain rejects with aborted and the next APDU resynchronises', async () => {
    const s = await setup({ level: 'tpdu', latencyMs: 3 }, { protocol: 'T1', ifsc: 16 });
    const ac = new AbortController();
    const p = s.conn.transmit(ECHO(1500), { signal: ac.signal });
    setTimeout(() => ac.abort(), 40);
    const r = await settleWithin(p, 3000);
    expect(r.ok).toBe(false);
    expect((r as { error: { code: string } }).error.code).toBe('aborted');
    const again = await s.conn.transmit(ECHO(300, 4));
    expect(again.subarray(0, 300)).toEqual(pattern(300, 4));
    expect(s.conn.session.t1!.stats.resyncs).toBe(1);
    await s.reader.close();
  });
});

describe('host-initiated S(ABORT)', () => {
  it('a signal that fires between blocks ends the chain with S(ABORT request)', async () => {
    const card = new TestCard({ protocol: 'T1' });
    const t1card = new T1Card(card, { edc: 'lrc', ifsc: 16 });
    const ac = new AbortController();
    const pcbs: number[] = [];
    const host = new T1Host(
      async (b) => {
        pcbs.push(b[1]!);
        if (pcbs.length === 3) ac.abort();
        return t1card.handle(b);
      },
      { ifsc: 16, edc: 'lrc' },
    );
    await expect(host.transceive(ECHO(200), ac.signal)).rejects.toMatchObject({ code: 'aborted' });
    expect(pcbs.at(-1)).toBe(0xc2);
    expect(card.processed).toBe(0); // the card never ran the half-sent command
    const r = await host.transceive(ECHO(20));
    expect(r.subarray(0, 20)).toEqual(pattern(20));
    expect(host.stats.resyncs).toBe(1);
  });
});
