/**
 * X.501 distinguished names between the string form CM uses in `Subject`
 * (get-certificate-request-generation-options.md: `CN=…, OU=…, DC=…`) and the DER `Name`
 * (RFC 5280 §4.1.2.4). The string is read in its written order, one RDN per comma, `+` joining the
 * attributes of a multi-valued RDN, with RFC 4514 §2.4 backslash escapes and double-quoted values;
 * `toString` writes the same form back. Attribute values are PrintableString where RFC 5280
 * Appendix A allows it and UTF8String otherwise; `DC` (RFC 4519 §2.4) and `E` (PKCS#9
 * emailAddress, RFC 2985 §5.2.1) are IA5String.
 */
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';

/** Short names → attribute type OIDs (RFC 4519 §2, RFC 2985 §5.2.1). */
const TYPES: Record<string, string> = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  T: '2.5.4.12',
  G: '2.5.4.42',
  I: '2.5.4.43',
  DC: '0.9.2342.19200300.100.1.25',
  E: '1.2.840.113549.1.9.1',
  UID: '0.9.2342.19200300.100.1.1',
};
const NAMES = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v, k]));
const IA5 = new Set([TYPES.DC, TYPES.E]);

/** RFC 5280 Appendix A PrintableString alphabet. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export class DnSyntaxError extends Error {}

/** One `type=value` pair, unescaped; `sep` is the separator that ended it (`,` `+` or end). */
function* pairs(dn: string): Generator<{ type: string; value: string; hex: boolean; sep: string }> {
  let i = 0;
  while (i < dn.length) {
    while (dn[i] === ' ') i++;
    const eq = dn.indexOf('=', i);
    if (eq < 0) throw new DnSyntaxError(`No "=" after "${dn.slice(i)}"`);
    const type = dn.slice(i, eq).trim();
    i = eq + 1;
    let value = '';
    let kept = 0; // why: unescaped trailing spaces are not part of the value (RFC 4514 §3), escaped ones are
    let quoted = false;
    const hex = dn[i] === '#'; // RFC 4514 §2.4: an unescaped leading '#' starts a hex-encoded BER value
    if (dn[i] === '"') {
      quoted = true;
      i++;
    }
    for (; i < dn.length; i++) {
      const c = dn[i]!;
      if (c === '\\' && i + 1 < dn.length) {
        const pair = /^[0-9A-Fa-f]{2}/.exec(dn.slice(i + 1, i + 3));
        value += pair ? String.fromCharCode(parseInt(pair[0], 16)) : dn[i + 1];
        i += pair ? 2 : 1;
        kept = value.length;
      } else if (quoted && c === '"') {
        kept = value.length;
        quoted = false; // a value is either wholly quoted (RFC 1779 §2.3) or not; inner quotes are literal
      } else if (!quoted && (c === ',' || c === '+' || c === ';')) break;
      else value += c;
    }
    if (quoted) throw new DnSyntaxError(`Unterminated quote in "${dn}"`);
    const sep = dn[i] ?? '';
    i++;
    yield { type, value: value.slice(0, kept) + value.slice(kept).replace(/ +$/, ''), hex, sep };
  }
}

function attribute(type: string, value: string, hex: boolean): AttributeTypeAndValue {
  const oid = /^\d+(\.\d+)+$/.test(type) ? type : TYPES[type.toUpperCase()];
  if (!oid) throw new DnSyntaxError(`Unknown attribute type "${type}"`);
  const v = new AttributeValue();
  if (hex) v.anyValue = hexBuffer(value.slice(1));
  else if (IA5.has(oid)) v.ia5String = value;
  else if (PRINTABLE.test(value)) v.printableString = value;
  else v.utf8String = value;
  return new AttributeTypeAndValue({ type: oid, value: v });
}

function hexBuffer(hex: string): ArrayBuffer {
  if (!/^([0-9A-Fa-f]{2})+$/.test(hex)) throw new DnSyntaxError(`Bad hex value "#${hex}"`);
  return new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16))).buffer;
}

/** Parses a subject string into a `Name`; throws `DnSyntaxError` on bad syntax or an unknown type. */
export function parseName(dn: string): Name {
  const name = new Name();
  let join = false;
  for (const { type, value, hex, sep } of pairs(dn.trim())) {
    const attr = attribute(type, value, hex);
    if (join) name[name.length - 1]!.push(attr);
    else name.push(new RelativeDistinguishedName([attr]));
    join = sep === '+';
  }
  return name;
}

const escape = (s: string) =>
  s
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ')
    .replace(/[\r\n\t]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const toHex = (b: ArrayBuffer) =>
  Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

/** The string form of a `Name`: `CN=…, OU=…` in encoded order, `+` inside a multi-valued RDN. */
export function nameToString(name: Name): string {
  return name
    .map((rdn) =>
      rdn
        .map(
          (a) =>
            `${NAMES[a.type] ?? a.type}=${a.value.anyValue ? `#${toHex(a.value.anyValue)}` : escape(a.value.toString())}`,
        )
        .join('+'),
    )
    .join(', ');
}
