/**
 * Human-readable ATR lines for the diagnostics view (ISO/IEC 7816-3 §8, ISO/IEC 7816-4 §8.1.1),
 * in the spirit of pcsc-tools' ATR_analysis. English developer text; the UI shows it verbatim
 * in the technical details only.
 */
import type { Atr } from './atr';
import { COMPACT_TAG_NAMES } from './atr-tables';
import { toHex } from './hex';

const h2 = (v: number): string => v.toString(16).padStart(2, '0');

function printable(v: Uint8Array): string | undefined {
  if (v.length < 3) return undefined;
  return v.every((c) => c >= 0x20 && c < 0x7f) ? String.fromCharCode(...v) : undefined;
}

function groupLine(g: Atr['interfaceGroups'][number]): string {
  const parts: string[] = [];
  if (g.ta !== undefined) parts.push(`TA${g.index}=${h2(g.ta)}`);
  if (g.tb !== undefined) parts.push(`TB${g.index}=${h2(g.tb)}`);
  if (g.tc !== undefined) parts.push(`TC${g.index}=${h2(g.tc)}`);
  if (g.td !== undefined) parts.push(`TD${g.index}=${h2(g.td)} (T=${g.td & 0x0f})`);
  return `Interface bytes group ${g.index}: ${parts.length ? parts.join(' ') : '(none)'}`;
}

/** Readable lines describing a parsed ATR, one fact per line; findings last, prefixed "Warning". */
export function describeAtr(atr: Atr): string[] {
  const lines: string[] = [`ATR: ${toHex(atr.bytes, ' ')}`];
  lines.push(`TS=${h2(atr.bytes[0]!)}: ${atr.convention} convention`);
  lines.push(`T0=${h2(atr.t0)}: ${atr.t0 & 0x0f} historical bytes announced`);
  for (const g of atr.interfaceGroups) lines.push(groupLine(g));
  lines.push(`Protocols offered: ${atr.protocols.map((t) => `T=${t}`).join(', ')}`);
  lines.push(
    `Fi=${atr.fi}, Di=${atr.di} (${+(atr.fi / atr.di).toFixed(2)} clock cycles per etu), f(max)=${atr.fmax} MHz` +
      (atr.ta1 === undefined ? ' (defaults, no TA1)' : ''),
  );
  lines.push(`Extra guard time N=${atr.n}${atr.n === 255 ? ' (minimum guard time)' : ''}`);
  lines.push(
    atr.specificMode
      ? `Specific mode, T=${atr.specificProtocol}${atr.specificImplicit ? ', implicit Fi/Di' : ''}`
      : 'Negotiable mode (PPS possible)',
  );
  if (atr.protocols.includes(0)) lines.push(`T=0: WI=${atr.wi}`);
  if (atr.protocols.includes(1)) {
    const { ifsc, cwi, bwi, edc } = atr.t1;
    lines.push(`T=1: IFSC=${ifsc}, CWI=${cwi}, BWI=${bwi}, error detection ${edc.toUpperCase()}`);
  }
  if (atr.global.classes) {
    lines.push(
      `Global: classes ${atr.global.classes.join(', ') || 'none'}, clock stop ${atr.global.clockStop}`,
    );
  }
  const hi = atr.historicalInfo;
  lines.push(`Historical bytes (${atr.historical.length}): ${toHex(atr.historical, ' ') || '(none)'}`);
  if (hi.category !== undefined) lines.push(`  Category ${h2(hi.category)}: ${hi.format}`);
  for (const o of hi.objects) {
    const text = printable(o.value);
    const name = COMPACT_TAG_NAMES[o.tag] ?? 'RFU';
    lines.push(
      `  ${o.tag.toString(16).toUpperCase()}: ${name}: ${toHex(o.value, ' ')}${text ? ` "${text}"` : ''}`,
    );
  }
  if (hi.status?.lcs !== undefined) lines.push(`  Life cycle status ${h2(hi.status.lcs)}`);
  if (hi.status?.sw !== undefined) lines.push(`  Status word ${hi.status.sw.toString(16).padStart(4, '0')}`);
  if (hi.dirReference !== undefined) lines.push(`  DIR data reference ${h2(hi.dirReference)}`);
  const { present, required, valid, value } = atr.tck;
  if (present)
    lines.push(`TCK=${h2(value!)}: ${valid ? 'valid' : 'WRONG'}${required ? '' : ' (not required)'}`);
  else lines.push(`TCK: absent${required ? ' but required' : ' (not required, only T=0)'}`);
  for (const f of atr.findings) lines.push(`Warning [${f.code}]: ${f.message}`);
  return lines;
}
