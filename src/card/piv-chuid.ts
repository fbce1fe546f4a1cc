/**
 * The PIV Card Holder Unique Identifier (container 5FC102; SP 800-73-4 Part 1 §3.1.2 table 9) and
 * the card id Windows/OpenSC derive from it (card-protocols.md §2.2; OpenSC `card-piv.c`
 * `piv_get_serial_nr_from_CHUI`, `minidriver.c` cardid fill).
 *
 * The GET DATA answer is `53 LL { 30 FASC-N | 32 org | 33 DUNS | 34 GUID | 35 expiry | 36 UUID |
 * 3E signature | FE LRC }`. Parsing never throws anything but `card/bad-data`.
 */
import { isAppError } from '../errors';
import { parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { CardError } from './errors';

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

/** FASC-N agency code 9999 ("non-federal issuer"): BCD with parity `D4 E7 39` and top bit of byte 4. */
function isAgency9999(fascn: Uint8Array | undefined): boolean {
  return (
    !!fascn &&
    fascn.length >= 4 &&
    fascn[0] === 0xd4 &&
    fascn[1] === 0xe7 &&
    fascn[2] === 0x39 &&
    (fascn[3]! & 0x80) !== 0
  );
}

export interface PivCardId {
  source: 'guid' | 'fascn';
  /** The serial number bytes OpenSC reports. */
  serial: Uint8Array;
  /** 16-byte minidriver `cardid`: the serial repeated until 16 bytes are filled. */
  cardId: Uint8Array;
}

/**
 * Card id as OpenSC derives it (the Microsoft algorithm is undocumented — unverified): the GUID when
 * it is non-zero and the FASC-N is absent or carries agency code 9999, otherwise the FASC-N.
 * Throws `card/bad-data` when neither is usable (all-zero GUID and no FASC-N).
 */
export function pivCardId(chuid: Chuid): PivCardId {
  const guidOk = !!chuid.guid && chuid.guid.length > 0 && chuid.guid.some((b) => b !== 0);
  let source: 'guid' | 'fascn';
  if (guidOk && (!chuid.fascn || isAgency9999(chuid.fascn))) source = 'guid';
  else if (chuid.fascn && chuid.fascn.length > 0) source = 'fascn';
  else throw new CardError('card/bad-data', 'CHUID has no usable GUID or FASC-N for a card id', {});
  const serial = (source === 'guid' ? chuid.guid : chuid.fascn)!.slice();
  const cardId = Uint8Array.from({ length: 16 }, (_, i) => serial[i % serial.length]!);
  return { source, serial, cardId };
}
