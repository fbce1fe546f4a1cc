/**
 * What the virtual CCID reader holds in a slot: any object that answers command APDUs
 * (ISO/IEC 7816-4 §5.1). The reader adds the transmission protocol around it — T=0 procedure
 * rules or the T=1 block protocol when it runs at TPDU level — so a card implementation deals
 * with APDUs only.
 */
export interface VirtualCard {
  /** Answer-to-reset the reader returns on power-on (ISO/IEC 7816-3 §8). */
  readonly atr: Uint8Array;
  /** Processes one command APDU, returns the response APDU including SW1 SW2. */
  process(apdu: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Cold/warm reset: drop volatile state (selected application, security status). */
  reset?(): void;
}

/**
 * Builds a well-formed ATR (ISO/IEC 7816-3 §8.2) for a virtual card: TS 3B, the interface bytes
 * given, the historical bytes, and TCK whenever a protocol other than T=0 is offered (§8.2.5).
 * `groups[i]` holds TA/TB/TC of group i+1; TD bytes are computed from `protocols` per group.
 */
export function buildAtr(opts: {
  ta1?: number;
  tc1?: number;
  /** Protocols announced by TD1, TD2, … (e.g. [0, 1] or [1, 1] for T=1 with a T=1 group). */
  protocols: number[];
  /** Interface bytes of groups 2.. (TA2/TB2/TC2, TA3/TB3/TC3 …) in order. */
  groups?: Array<{ ta?: number; tb?: number; tc?: number }>;
  historical: Uint8Array;
}): Uint8Array {
  const groups: Array<{ ta?: number; tb?: number; tc?: number }> = [
    { ta: opts.ta1, tc: opts.tc1 },
    ...(opts.groups ?? []),
  ];
  const n = opts.protocols.length;
  while (groups.length < n + 1) groups.push({});
  const y = (i: number): number => {
    const g = groups[i]!;
    return (
      (g.ta !== undefined ? 0x10 : 0) |
      (g.tb !== undefined ? 0x20 : 0) |
      (g.tc !== undefined ? 0x40 : 0) |
      (i < n ? 0x80 : 0)
    );
  };
  const out: number[] = [0x3b, y(0) | opts.historical.length];
  for (let i = 0; i <= n; i++) {
    const g = groups[i]!;
    if (g.ta !== undefined) out.push(g.ta);
    if (g.tb !== undefined) out.push(g.tb);
    if (g.tc !== undefined) out.push(g.tc);
    // TDi: Y(i+1) in the high nibble, the protocol of group i+1 in the low nibble.
    if (i < n) out.push((y(i + 1) & 0xf0) | (opts.protocols[i]! & 0x0f));
  }
  out.push(...opts.historical);
  if (opts.protocols.some((p) => p !== 0)) {
    let x = 0;
    for (let i = 1; i < out.length; i++) x ^= out[i]!;
    out.push(x);
  }
  return Uint8Array.from(out);
}
