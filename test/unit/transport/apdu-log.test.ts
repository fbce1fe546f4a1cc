import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApduLog, redactCommand, withApduLog } from '../../../src/transport/apdu-log';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import type { CardConnection } from '../../../src/transport/types';

function scripted(replies: string[]): CardConnection {
  let i = 0;
  return {
    atr: fromHex('3b8d0180fba000000397425446590301c8'),
    protocol: 'T1',
    transmit: async () => fromHex(replies[i++] ?? '6f00'),
    disconnect: async () => undefined,
  };
}

describe('redactCommand', () => {
  it('hides the PIN of RESET RETRY COUNTER but keeps header and Lc (the documented shape)', () => {
    expect(redactCommand(fromHex('002C0280083132333435363738')).text).toBe(
      '00 2c 02 80 08 ** ** ** ** ** ** ** **',
    );
  });

  it('keeps Le after redacted data, and handles extended Lc', () => {
    expect(redactCommand(fromHex('00870000040102030400')).text).toBe('00 87 00 00 04 ** ** ** ** 00');
    expect(redactCommand(fromHex('00DB3FFF000003AABBCC')).text).toBe('00 db 3f ff 00 00 03 ** ** **');
  });

  it('leaves non-secret commands alone (SELECT, GET DATA)', () => {
    const select = '00a4040009a00000039742544659';
    expect(redactCommand(fromHex(select))).toEqual({ text: toHex(fromHex(select), ' '), redacted: false });
  });

  it('hides everything after the header when Lc is malformed', () => {
    expect(redactCommand(fromHex('0020008010313233')).text).toBe('00 20 00 80 ** ** ** **');
  });

  it('never shows the data bytes of any secret-bearing command, short or extended (property)', () => {
    const secretIns = fc.constantFrom(0x20, 0x21, 0x24, 0x2c, 0x82, 0x86, 0x87, 0x88, 0xda, 0xdb, 0xff);
    fc.assert(
      fc.property(
        secretIns,
        fc.uint8Array({ minLength: 4, maxLength: 300 }),
        fc.boolean(),
        (ins, data, ext) => {
          const extended = ext || data.length > 255;
          const lc = extended ? [0, data.length >> 8, data.length & 0xff] : [data.length];
          const cmd = new Uint8Array([0x00, ins, 0x00, 0x80, ...lc, ...data]);
          const text = redactCommand(cmd).text.replace(/ /g, '');
          expect(text.includes(toHex(data))).toBe(false);
          expect(text.split('**').length - 1).toBe(data.length);
        },
      ),
    );
  });
});

describe('withApduLog', () => {
  it('records redacted commands and GENERAL AUTHENTICATE responses, including their GET RESPONSE tail', async () => {
    const log = new ApduLog();
    const conn = withApduLog(
      scripted(['7c0a8108a1a2a3a4a5a6a7a8610a', 'b1b2b3b4b5b6b7b8b9ba9000', '0102039000']),
      log,
    );
    await conn.transmit(fromHex('00870000047c0281000a'));
    await conn.transmit(fromHex('00c000000a'));
    await conn.transmit(fromHex('00cb3fff055c03ffffff00'));
    const [ga, gr, gd] = log.entries;
    expect(ga!.response).toBe(Array(12).fill('**').join(' '));
    expect(ga!.sw).toBe('610a');
    expect(gr!.response).toBe(Array(10).fill('**').join(' '));
    expect(gd!.response).toBe('01 02 03');
    expect(gd!.redacted).toBe(false);
    const dump = JSON.stringify(log.entries);
    expect(dump).not.toMatch(/a1 a2 a3|b1 b2 b3/);
  });

  it('records transport errors with their code and rethrows them', async () => {
    const log = new ApduLog();
    const failing: CardConnection = {
      ...scripted([]),
      transmit: async () =>
        Promise.reject(Object.assign(new Error('gone'), { code: 'transport/card-removed' })),
    };
    await expect(withApduLog(failing, log).transmit(fromHex('00a4040000'))).rejects.toThrow('gone');
    expect(log.entries[0]!.sw).toBe('error:transport/card-removed');
  });

  it('keeps only the newest entries up to its capacity', async () => {
    const log = new ApduLog(3);
    const conn = withApduLog(scripted(Array(5).fill('9000')), log);
    for (let i = 0; i < 5; i++) await conn.transmit(new Uint8Array([0, 0xb0, 0, i]));
    expect(log.entries.map((e) => e.command)).toEqual(['00 b0 00 02', '00 b0 00 03', '00 b0 00 04']);
  });
});
