/**
 * The answer to SELECT by application name: a GIDS FCI (`61 … 4F AID 73 { 40 mechanisms }`,
 * GIDS electrical profile "SELECT") or a PIV Application Property Template
 * (`61 … 4F AID 79 { 4F authority } 50 label AC { 80 alg … }`, SP 800-73-4 Part 2 §3.1.1 table 3).
 * Both are BER-TLV (ISO 7816-4 §5.3.3 tag 61 "application template", 6F "FCI template").
 *
 * Lenient on purpose: an empty answer is valid (cards may answer SELECT with bare 9000), unknown
 * tags are ignored. Malformed TLV throws `card/bad-data`.
 */
import { parseTlv, findTag } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { isAppError } from '../errors';
import type { CommandApdu } from '../iso7816/apdu';
import type { CardConnection } from '../transport/types';
import { CardError } from './errors';
import { exchange, okData, type OpOptions } from './exchange';
import { swIs, type CardSwTable } from './sw-table';

export interface SelectInfo {
  /** Tag 4F: the full AID the card selected (GIDS: … 59 <version> <vendor>). */
  aid?: Uint8Array;
  /** Tag 50: application label (PIV), decoded as Latin-1. */
  label?: string;
  /** GIDS tag 73/40: cryptographic mechanism bytes. */
  mechanisms?: Uint8Array;
  /** PIV tag AC/80: algorithm identifiers the card supports. */
  algorithms: number[];
}

function parseOrThrow(bytes: Uint8Array): Tlv[] {
  try {
    return parseTlv(bytes);
  } catch (e) {
    if (isAppError(e))
      throw new CardError(
        'card/bad-data',
        `SELECT answer is not valid BER-TLV (${e.code})`,
        {},
        { cause: e },
      );
    throw e;
  }
}

/**
 * Parses a SELECT answer (see module note). Returns only what it found; throws only
 * `card/bad-data` (malformed TLV or an outer tag that is neither 61 nor 6F).
 */
export function parseSelectResponse(bytes: Uint8Array): SelectInfo {
  const info: SelectInfo = { algorithms: [] };
  if (bytes.length === 0) return info;
  const top = parseOrThrow(bytes);
  const outer = top.find((t) => t.tag === 0x61 || t.tag === 0x6f);
  if (!outer) throw new CardError('card/bad-data', 'SELECT answer has neither tag 61 nor 6F', {});
  const kids = outer.children ?? [];
  const aid = findTag(kids, 0x4f);
  if (aid) info.aid = aid.value.slice();
  const label = findTag(kids, 0x50);
  if (label) info.label = String.fromCharCode(...label.value);
  const mech = findTag(kids, 0x73, 0x40);
  if (mech) info.mechanisms = mech.value.slice();
  const ac = findTag(kids, 0xac);
  for (const t of ac?.children ?? [])
    if (t.tag === 0x80 && t.value.length === 1) info.algorithms.push(t.value[0]!);
  return info;
}

/**
 * SELECT of a card application by name (ISO 7816-4 §7.1.1) → its FCI. Throws `card/not-supported`
 * when the card has no such application: cards say so as `not-found` (6A82), `wrong-p1p2` (6A86) or
 * `not-supported` (6D00 / 6E00), read through the card's status-word table.
 */
export async function selectApplication(
  conn: CardConnection,
  cmd: CommandApdu,
  table: CardSwTable,
  name: string,
  opts: OpOptions,
): Promise<SelectInfo> {
  const r = await exchange(conn, cmd, opts);
  if (swIs(table, r.sw, 'not-found', 'wrong-p1p2', 'not-supported'))
    throw new CardError('card/not-supported', `The card has no ${name} application`, { sw: r.sw });
  return parseSelectResponse(okData(r, `SELECT ${name}`, table));
}
