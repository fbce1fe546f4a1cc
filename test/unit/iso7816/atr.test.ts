import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AtrError, describeAtr, formatAtr, parseAtr } from '../../../src/iso7816/atr';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { REAL_ATRS, T1_DEFAULTS } from './fixtures/real-atrs';

describe('parseAtr on real ATRs', () => {
  it('has at least 30 fixtures with sources', () => {
    expect(REAL_ATRS.length).toBeGreaterThanOrEqual(30);
    for (const f of REAL_ATRS) expect(f.source.length).toBeGreaterThan(10);
  });

  for (const f of REAL_ATRS) {
    it(`${f.name} — ${f.role}`, () => {
      const bytes = fromHex(f.atr);
      const a = parseAtr(bytes);
      const e = f.expect;
      expect(a.convention).toBe(e.convention);
      expect(a.protocols).toEqual(e.protocols);
      expect([a.fi, a.di, a.fmax]).toEqual(e.f);
      expect(a.ta1).toBe(e.ta1 ?? (a.interfaceGroups[0]!.ta === undefined ? undefined : a.ta1));
      if (e.ta1 === undefined) expect(a.interfaceGroups[0]!.ta).toBeUndefined();
      expect(a.n).toBe(e.n ?? 0);
      expect(a.wi).toBe(e.wi ?? 10);
      expect(a.specificMode).toBe(e.specific !== undefined);
      expect(a.specificProtocol).toBe(e.specific);
      const [ifsc, cwi, bwi, edc] = e.t1 ?? T1_DEFAULTS;
      expect(a.t1).toEqual({ ifsc, cwi, bwi, edc });
      const tck = {
        valid: [true, true, true],
        invalid: [true, true, false],
        missing: [false, true, false],
        'absent-ok': [false, false, false],
      }[e.tck];
      expect([a.tck.present, a.tck.required, a.tck.valid]).toEqual(tck);
      expect(a.findings.map((x) => x.code).sort()).toEqual([...(e.findings ?? [])].sort());
      expect(toHex(a.historical)).toBe(toHex(fromHex(e.historical)));
      if (e.aid) expect(toHex(a.historicalInfo.aid!)).toBe(toHex(fromHex(e.aid)));
      if (e.capabilities) expect(toHex(a.historicalInfo.capabilities!)).toBe(e.capabilities);
      if (e.status) expect(a.historicalInfo.status).toEqual(e.status);
      if (e.global) expect({ clockStop: a.global.clockStop, classes: a.global.classes }).toEqual(e.global);
      // The raw bytes are kept untouched (never "fixed") and format to the MIM CM form.
      expect(formatAtr(a.bytes)).toBe(toHex(bytes));
      expect(describeAtr(a).length).toBeGreaterThan(5);
    });
  }
});

describe('parseAtr structure (ISO/IEC 7816-3 §8)', () => {
  it('formats the MIM CM example exactly', () => {
    expect(formatAtr(fromHex('3B 8D 01 80 FB A0 00 00 03 97 42 54 46 59 03 01 C8'))).toBe(
      '3b8d0180fba000000397425446590301c8',
    );
  });

  it('numbers interface groups and keeps every byte', () => {
    const a = parseAtr(fromHex('3BFD1300008131FE158073C021C057597562694B657940'));
    expect(a.interfaceGroups).toEqual([
      { index: 1, ta: 0x13, tb: 0x00, tc: 0x00, td: 0x81 },
      { index: 2, td: 0x31 },
      { index: 3, ta: 0xfe, tb: 0x15 },
    ]);
    expect(a.tc1).toBe(0);
  });

  it('applies §8.3 tables: TA1=13 → Fi 372 Di 4; TA1=96 → Fi 512 Di 32; TA1=11 → 372/1', () => {
    expect(parseAtr(fromHex('3B 10 13')).fi).toBe(372);
    expect(parseAtr(fromHex('3B 10 13')).di).toBe(4);
    const b = parseAtr(fromHex('3B 10 96'));
    expect([b.fi, b.di, b.fmax]).toEqual([512, 32, 5]);
    const c = parseAtr(fromHex('3B 10 D1'));
    expect([c.fi, c.di, c.fmax]).toEqual([2048, 1, 20]);
    const d = parseAtr(fromHex('3B 10 A9'));
    expect([d.fi, d.di, d.fmax]).toEqual([768, 20, 7.5]);
  });

  it('reads T=1 parameters only from groups i > 2 after a T=1 TD (TA2 is the specific-mode byte)', () => {
    // TD1=11: TA2 follows (specific mode, T=1); no TD2, so the T=1 defaults stay. TCK = 80^11^11.
    const a = parseAtr(fromHex('3B 80 11 11 80'));
    expect(a.tck.valid).toBe(true);
    expect(a.specificMode).toBe(true);
    expect(a.specificProtocol).toBe(1);
    expect(a.t1).toEqual({ ifsc: 32, cwi: 13, bwi: 4, edc: 'lrc' });
    // TD1=81, TD2=71 (TA3 TB3 TC3, T=1): TC3=01 → CRC.
    const b = parseAtr(fromHex('3B 80 81 71 20 57 01 06'));
    expect(b.findings).toEqual([]);
    expect(b.t1).toEqual({ ifsc: 32, cwi: 7, bwi: 5, edc: 'crc' });
  });

  it('reports RFU T=1 values and TC2=00 as findings, with defaults', () => {
    const a = parseAtr(fromHex('3B 80 C1 00 71 FF A5 00 00'));
    const codes = a.findings.map((f) => f.code);
    expect(codes).toContain('atr/wi-rfu');
    expect(codes).toContain('atr/ifsc-rfu');
    expect(codes).toContain('atr/bwi-rfu');
    expect(a.wi).toBe(10);
    expect(a.t1.ifsc).toBe(32);
    expect(a.t1.bwi).toBe(4);
    expect(a.t1.cwi).toBe(5);
  });

  it('flags a wrong TCK (derived: MS VSC ATR with C8 changed to C9) and names the right value', () => {
    const a = parseAtr(fromHex('3B 8D 01 80 FB A0 00 00 03 97 42 54 46 59 03 01 C9'));
    expect(a.tck).toEqual({ present: true, required: true, valid: false, value: 0xc9 });
    expect(a.findings).toEqual([
      { code: 'atr/tck-invalid', message: expect.stringContaining('expected c8') },
    ]);
  });

  it('accepts a correct but unneeded TCK on a T=0-only ATR, with a finding', () => {
    const a = parseAtr(fromHex('3B 01 41 40')); // T0=01 K=1 '41', TCK = 01^41 = 40
    expect(a.tck).toMatchObject({ present: true, required: false, valid: true });
    expect(a.findings.map((f) => f.code)).toEqual(['atr/tck-unexpected']);
  });

  it('flags ATRs longer than 33 bytes', () => {
    const a = parseAtr(fromHex('3B 0F' + '41'.repeat(15) + '00'.repeat(17)));
    expect(a.findings.map((f) => f.code)).toEqual(['atr/trailing-bytes', 'atr/too-long']);
  });

  it('decodes category 10 (DIR data reference)', () => {
    const a = parseAtr(fromHex('3B 02 10 A5'));
    expect(a.historicalInfo).toMatchObject({ category: 0x10, format: 'dir-reference', dirReference: 0xa5 });
  });

  it('throws AtrError only for unreadable structure', () => {
    const code = (hex: string): string => {
      try {
        parseAtr(fromHex(hex));
      } catch (e) {
        expect(e).toBeInstanceOf(AtrError);
        return (e as AtrError).code;
      }
      return 'no error';
    };
    expect(code('')).toBe('atr/empty');
    expect(code('3B')).toBe('atr/truncated');
    expect(code('3C 00')).toBe('atr/invalid-ts');
    expect(code('3B F0 11 22')).toBe('atr/truncated'); // TC1, TD1 missing
    expect(code('3B 80 81 F0 11')).toBe('atr/truncated'); // inside group 2
  });

  it('describes an ATR in readable lines', () => {
    const lines = describeAtr(parseAtr(fromHex('3BFD1300008131FE158073C021C057597562694B657940')));
    expect(lines).toContain('T=1: IFSC=254, CWI=5, BWI=1, error detection LRC');
    expect(lines).toContain('Fi=372, Di=4 (93 clock cycles per etu), f(max)=5 MHz');
    expect(lines.some((l) => l.includes('"YubiKey"'))).toBe(true);
    expect(lines).toContain('TCK=40: valid');
    const broken = describeAtr(parseAtr(fromHex('3B 8D 01 80 FB A0 00 00 03 97 42 54 46 59 04 01')));
    expect(broken).toContain('TCK: absent but required');
    expect(broken.at(-1)).toMatch(/^Warning \[atr\/tck-missing\]/);
  });
});

describe('parseAtr properties', () => {
  const atrLike = fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc
      .tuple(fc.constantFrom(0x3b, 0x3f), fc.uint8Array({ minLength: 0, maxLength: 40 }))
      .map(([ts, rest]) => Uint8Array.from([ts, ...rest])),
  );

  it('returns an Atr or throws AtrError — nothing else — on arbitrary bytes', () => {
    fc.assert(
      fc.property(atrLike, (b) => {
        try {
          const a = parseAtr(b);
          expect(a.protocols.length).toBeGreaterThan(0);
          expect(a.historical.length).toBeLessThanOrEqual(15);
          expect(formatAtr(a.bytes)).toBe(toHex(b));
          describeAtr(a);
        } catch (e) {
          expect(e).toBeInstanceOf(AtrError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('a well-formed ATR built from parts parses back to those parts', () => {
    const arb = fc.record({
      ta1: fc.option(fc.constantFrom(0x11, 0x13, 0x18, 0x95, 0x96, 0x97), { nil: undefined }),
      tc1: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
      t1: fc.boolean(),
      ifsc: fc.integer({ min: 1, max: 254 }),
      hist: fc.uint8Array({ maxLength: 15 }),
    });
    fc.assert(
      fc.property(arb, ({ ta1, tc1, t1, ifsc, hist }) => {
        const y1 = (ta1 === undefined ? 0 : 1) | (tc1 === undefined ? 0 : 4) | (t1 ? 8 : 0);
        const body = [(y1 << 4) | hist.length];
        if (ta1 !== undefined) body.push(ta1);
        if (tc1 !== undefined) body.push(tc1);
        if (t1) body.push(0x81, 0x11, ifsc); // TD1 T=1 → TD2 T=1 with TA3
        body.push(...hist);
        if (t1) body.push(body.reduce((x, v) => x ^ v, 0));
        const a = parseAtr(Uint8Array.from([0x3b, ...body]));
        expect(a.protocols).toEqual(t1 ? [1] : [0]);
        expect(a.ta1).toBe(ta1);
        expect(a.n).toBe(tc1 ?? 0);
        expect(a.t1.ifsc).toBe(t1 ? ifsc : 32);
        expect(toHex(a.historical)).toBe(toHex(hist));
        expect(a.tck.valid).toBe(t1);
        expect(
          a.findings.filter((f) => f.code.startsWith('atr/tck') || f.code === 'atr/trailing-bytes'),
        ).toEqual([]);
      }),
    );
  });
});
