import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApduError, transmitApdu } from '../../../src/iso7816/apdu';
import type { ApduTransport } from '../../../src/iso7816/apdu';
import { AbortedError } from '../../../src/errors';
import { fromHex, toHex } from '../../../src/iso7816/hex';

/** A connection that answers from a script and records every command it saw. */
function scripted(replies: string[], extendedLength = false): ApduTransport & { sent: string[] } {
  const sent: string[] = [];
  let i = 0;
  return {
    sent,
    extendedLength,
    transmit(cmd: Uint8Array): Promise<Uint8Array> {
      sent.push(toHex(cmd, ' '));
      const r = replies[Math.min(i++, replies.length - 1)]!;
      return Promise.resolve(fromHex(r));
    },
  };
}

describe('transmitApdu exchange rules', () => {
  it('passes a plain 9000 through', async () => {
    const c = scripted(['01 02 90 00']);
    const r = await transmitApdu(c, { cla: 0, ins: 0xca, p1: 0, p2: 0x80, le: 256 });
    expect(r).toEqual({ data: fromHex('0102'), sw: 0x9000, sw1: 0x90, sw2: 0 });
    expect(c.sent).toEqual(['00 ca 00 80 00']);
  });

  it('collects 61xx with GET RESPONSE (00 = 256) and concatenates the data', async () => {
    const c = scripted(['aa 61 02', 'bb cc 61 00', 'dd 90 00']);
    const r = await transmitApdu(c, fromHex('00 a4 04 00 02 3f 00 00'));
    expect(c.sent).toEqual(['00 a4 04 00 02 3f 00 00', '00 c0 00 00 02', '00 c0 00 00 00']);
    expect(toHex(r.data)).toBe('aabbccdd');
    expect(r.sw).toBe(0x9000);
  });

  it('keeps the logical channel in GET RESPONSE and drops a proprietary class', async () => {
    const c = scripted(['61 01', 'ee 90 00']);
    await transmitApdu(c, { cla: 0x03, ins: 0xca, p1: 0, p2: 0, le: 256 });
    expect(c.sent[1]).toBe('03 c0 00 00 01');
    const g = scripted(['61 01', 'ee 90 00']);
    await transmitApdu(g, { cla: 0x80, ins: 0xca, p1: 0x9f, p2: 0x7f, le: 256 });
    expect(g.sent[1]).toBe('00 c0 00 00 01');
  });

  it('re-sends with the corrected Le on 6Cxx', async () => {
    const c = scripted(['6c 05', '01 02 03 04 05 90 00']);
    const r = await transmitApdu(c, { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 });
    expect(c.sent).toEqual(['00 b0 00 00 00', '00 b0 00 00 05']);
    expect(r.data.length).toBe(5);
  });

  it('handles 6Cxx answered to a GET RESPONSE', async () => {
    const c = scripted(['61 10', '6c 08', '11 22 33 44 55 66 77 88 90 00']);
    const r = await transmitApdu(c, {
      cla: 0,
      ins: 0xcb,
      p1: 0x3f,
      p2: 0xff,
      data: fromHex('5c02df20'),
      le: 256,
    });
    expect(c.sent.slice(1)).toEqual(['00 c0 00 00 10', '00 c0 00 00 08']);
    expect(r.data.length).toBe(8);
  });

  it('chains data over 255 bytes when the transport has no extended length (CLA | 0x10)', async () => {
    const c = scripted(['90 00', '90 00', '61 02', 'ab cd 90 00']);
    const data = Uint8Array.from({ length: 600 }, (_, i) => i & 0xff);
    const r = await transmitApdu(c, { cla: 0x00, ins: 0xdb, p1: 0x3f, p2: 0xff, data, le: 256 });
    expect(c.sent.map((s) => s.slice(0, 14))).toEqual([
      '10 db 3f ff ff',
      '10 db 3f ff ff',
      '00 db 3f ff 5a',
      '00 c0 00 00 02',
    ]);
    expect(c.sent[0]!.split(' ').length).toBe(5 + 255); // no Le on intermediate segments
    expect(c.sent[2]!.split(' ').length).toBe(5 + 90 + 1); // last segment carries Le
    expect(toHex(r.data)).toBe('abcd');
  });

  it('stops the chain when a segment is refused', async () => {
    const c = scripted(['68 84']);
    const r = await transmitApdu(c, { cla: 0, ins: 0xdb, p1: 0, p2: 0, data: new Uint8Array(400) });
    expect(r.sw).toBe(0x6884);
    expect(c.sent.length).toBe(1);
  });

  it('sends extended APDUs as one command when the transport supports them', async () => {
    const c = scripted(['90 00'], true);
    await transmitApdu(c, { cla: 0, ins: 0xdb, p1: 0, p2: 0, data: new Uint8Array(400), le: 1000 });
    expect(c.sent.length).toBe(1);
    expect(c.sent[0]!.slice(0, 20)).toBe('00 db 00 00 00 01 90');
  });

  it('asks for Ne > 256 as 00 on a short-only transport', async () => {
    const c = scripted(['90 00']);
    await transmitApdu(c, { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 });
    expect(c.sent).toEqual(['00 b0 00 00 00']);
  });

  it('fails with a typed error when a card loops on 61xx or 6Cxx', async () => {
    await expect(
      transmitApdu(scripted(['61 00']), { cla: 0, ins: 0xca, p1: 0, p2: 0, le: 256 }, { maxGetResponse: 5 }),
    ).rejects.toMatchObject({ code: 'apdu/get-response-limit' });
    const loop6c = scripted(['6c 10']);
    await expect(transmitApdu(loop6c, { cla: 0, ins: 0xca, p1: 0, p2: 0, le: 256 })).rejects.toBeInstanceOf(
      ApduError,
    );
    expect(loop6c.sent.length).toBe(4);
  });

  it('honours an AbortSignal before sending and between rounds', async () => {
    const ac = new AbortController();
    ac.abort();
    const c = scripted(['90 00']);
    await expect(
      transmitApdu(c, { cla: 0, ins: 0, p1: 0, p2: 0 }, { signal: ac.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(c.sent.length).toBe(0);

    const ac2 = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const mid: ApduTransport = {
      transmit(_cmd, opts) {
        seen.push(opts?.signal);
        ac2.abort(); // the user cancels while the first exchange is in flight
        return Promise.resolve(fromHex('61 10'));
      },
    };
    await expect(
      transmitApdu(mid, { cla: 0, ins: 0xca, p1: 0, p2: 0, le: 256 }, { signal: ac2.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(seen).toEqual([ac2.signal]);
  });

  it('terminates for any scripted sequence of 61xx / 6Cxx / final replies (property)', async () => {
    const reply = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((x) => `61 ${x.toString(16).padStart(2, '0')}`),
      fc.integer({ min: 0, max: 255 }).map((x) => `6c ${x.toString(16).padStart(2, '0')}`),
      fc.constantFrom('90 00', '6a 82', '01 90 00', '63 c1'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(reply, { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 0, max: 600 }),
        async (replies, n) => {
          const c = scripted(replies);
          const cmd = { cla: 0, ins: 0xdb, p1: 0, p2: 0, data: new Uint8Array(n), le: 256 };
          try {
            const r = await transmitApdu(c, cmd, { maxGetResponse: 20 });
            expect([0x61, 0x6c]).not.toContain(r.sw1);
          } catch (e) {
            expect(e).toBeInstanceOf(ApduError);
          }
          // bound: chain segments + 1 + (6C retries) + GET RESPONSE rounds each with their 6C retries
          expect(c.sent.length).toBeLessThanOrEqual(3 + 4 + 20 * 4 + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
