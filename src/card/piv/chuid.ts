/**
 * The PIV Card Holder Unique Identifier (container 5FC102; SP 800-73-4 Part 1 §3.1.2 table 9) and
 * the card id derived from it (docs/card-id.md; OpenSC `card-piv.c` `piv_get_serial_nr_from_CHUI`,
 * `minidriver.c` cardid fill).
 *
 * The GET DATA answer is `53 LL { 30 FASC-N | 32 org | 33 DUNS | 34 GUID | 35 expiry | 36 UUID |
 * 3E signature | FE LRC }`. Parsing never throws anything but `card/bad-data`.
 */
import { isAppError } from '../../errors';
import { parseTlv } from '../../iso7816/tlv';
import type { Tlv } from '../../iso7816/tlv';
import { CardError } from '../errors';
import { fascnIdentity } from './fascn';

export interface Chuid {
  fascn?: Uint8Array;
  orgId?: Uint8Array;
  duns?: Uint8Array;
  guid?: Uint8Array;
  /** Tag 35 as sent ("YYYYMMDD" when well formed). */
  expiryText?: string;
  /** Tag 35 decoded when it is a plausible YYYYMMDD date. */
  expiry?: { year: number; month: number; day: number };
  cardholderUuid?: Uint8Array;
  /** True when tag 3E (issuer asymmetric signature) is present and non-empty. */
  signed: boolean;
}

function tlvs(bytes: Uint8Array, what: string, flat = false): Tlv[] {
  try {
    return parseTlv(bytes, { flat });
  } catch (e) {
    if (isAppError(e))
      throw new CardError('card/bad-data', `${what} is not valid BER-TLV (${e.code})`, {}, { cause: e });
    throw e;
  }
}

function parseExpiry(text: string): Chuid['expiry'] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year, month, day } : undefined;
}

/** Parses a CHUID GET DATA answer (the `53` object). Throws `card/bad-data` only. */
export function parseChuid(bytes: Uint8Array): Chuid {
  const outer = tlvs(bytes, 'CHUID').find((t) => t.tag === 0x53);
  if (!outer) throw new CardError('card/bad-data', 'CHUID answer has no tag 53', {});
  const out: Chuid = { signed: false };
  for (const t of tlvs(outer.value, 'CHUID content', true)) {
    const v = t.value.slice();
    if (t.tag === 0x30) out.fascn = v;
    else if (t.tag === 0x32) out.orgId = v;
    else if (t.tag === 0x33) out.duns = v;
    else if (t.tag === 0x34) out.guid = v;
    else if (t.tag === 0x35) {
      out.expiryText = String.fromCharCode(...v);
      const e = parseExpiry(out.expiryText);
      if (e) out.expiry = e;
    } else if (t.tag === 0x36) out.cardholderUuid = v;
    else if (t.tag === 0x3e) out.signed = v.length > 0;
  }
  if (!out.fascn && !out.guid) throw new CardError('card/bad-data', 'CHUID has neither FASC-N nor GUID', {});
  return out;
}

export interface PivCardId {
  source: 'guid' | 'fascn';
  /** The serial number bytes OpenSC reports. */
  serial: Uint8Array;
  /** 16-byte minidriver `cardid`: the serial repeated until 16 bytes are filled. */
  cardId: Uint8Array;
}

/** 16 bytes, not all equal (all zero included): a GUID that can tell two cards apart. */
function usableGuid(guid: Uint8Array | undefined): guid is Uint8Array {
  return !!guid && guid.length === 16 && guid.some((b) => b !== guid[0]);
}

/**
 * The card id (rule and sources: docs/card-id.md). The FASC-N when it identifies a federal credential
 * (agency, system and credential number, TIG SCEPACS §6.1) — the serial OpenSC and Windows derive;
 * otherwise the CHUID GUID (SP 800-73-4 Part 1 §3.1.2: non-federal issuers, agency code 9999, and
 * factory CHUIDs whose FASC-N is all zero). Never an all-zero or constant id: a CHUID with neither
 * is refused with `card/no-card-id` (`data.reason` = `no-usable-identifier`).
 */
export function pivCardId(chuid: Chuid): PivCardId {
  let source: 'guid' | 'fascn';
  if (fascnIdentity(chuid.fascn) === 'federal') source = 'fascn';
  else if (usableGuid(chuid.guid)) source = 'guid';
  else {
    throw new CardError(
      'card/no-card-id',
      'The PIV card has no usable identifier: its FASC-N carries no identity and its GUID is empty or constant',
      {
        reason: 'no-usable-identifier',
      },
    );
  }
  const serial = (source === 'guid' ? chuid.guid : chuid.fascn)!.slice();
  const cardId = Uint8Array.from({ length: 16 }, (_, i) => serial[i % serial.length]!);
  if (cardId.every((b) => b === cardId[0])) {
    throw new CardError('card/no-card-id', 'The PIV card identifier is constant', {
      reason: 'no-usable-identifier',
    });
  }
  return { source, serial, cardId };
}
