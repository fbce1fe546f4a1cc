/**
 * Whether a command may use extended Lc/Le fields, decided by what the CARD declares — never by the
 * transport alone. ISO/IEC 7816-4:2013 §12.1.1.12 "Card capabilities": the third software function
 * table byte, b8 = command chaining, b7 = extended Lc and Le fields. The card declares it in:
 * - the historical bytes (compact-TLV tag 7, ISO/IEC 7816-4 §12.1.1.12), e.g. a YubiKey 5
 *   (`73 C0 21 C0`: chaining and extended length);
 * - EF.ATR/INFO (§12.2.2, interindustry tag 47), which GIDS cards answer to `GET DATA 2F01 5C 00`
 *   (GidsApplet: `47 03 08 01 80` = chaining, no extended length).
 * A card that declares nothing gets short APDUs; large commands are then chained (the exchange in
 * `iso7816/apdu.ts`) and long answers come through 61xx / GET RESPONSE.
 */
import { isAppError } from '../errors';
import type { CommandApdu, ResponseApdu } from '../iso7816/apdu';
import { parseAtr } from '../iso7816/atr';
import type { CardConnection } from '../transport/types';
import { findTag, parseTlv } from '../iso7816/tlv';

interface LengthCapabilities {
  /** Extended Lc/Le declared. */
  extended: boolean;
  /** Command chaining declared. */
  chaining: boolean;
}

/** Card capabilities bytes → {@link LengthCapabilities}; undefined when the third byte is missing. */
function fromCapabilityBytes(caps: Uint8Array | undefined): LengthCapabilities | undefined {
  if (!caps || caps.length < 3) return undefined;
  const b3 = caps[2]!;
  return { chaining: (b3 & 0x80) !== 0, extended: (b3 & 0x40) !== 0 };
}

/** Card capabilities from the ATR's historical bytes, when the card puts them there. */
export function capabilitiesFromAtr(atr: Uint8Array): LengthCapabilities | undefined {
  try {
    return fromCapabilityBytes(parseAtr(atr).historicalInfo.capabilities);
  } catch (e) {
    if (isAppError(e)) return undefined; // an unreadable ATR declares nothing
    throw e;
  }
}

/** Card capabilities (tag 47) from an EF.ATR/INFO answer (BER-TLV, ISO 7816-4 §12.2.2). */
function capabilitiesFromEfAtr(data: Uint8Array): LengthCapabilities | undefined {
  try {
    return fromCapabilityBytes(findTag(parseTlv(data, { flat: true }), 0x47)?.value);
  } catch (e) {
    if (isAppError(e)) return undefined; // a malformed EF.ATR declares nothing usable
    throw e;
  }
}

/** True when `cmd` would need extended fields: more than 255 data bytes or Ne above 256. */
export function needsExtended(cmd: { data?: Uint8Array; le?: number }): boolean {
  return (cmd.data?.length ?? 0) > 255 || (cmd.le ?? 0) > 256;
}

/**
 * Decides per command whether extended fields may be used on this connection: only when the
 * transport carries them, the command needs them, and the card declares them — from the ATR, else
 * (when `readEfAtr` is given, GIDS) from EF.ATR, read once.
 */
export class ExtendedLengthPolicy {
  private caps: Promise<LengthCapabilities | undefined> | undefined;

  constructor(
    private readonly conn: CardConnection,
    private readonly readEfAtr?: (opts: { signal?: AbortSignal }) => Promise<ResponseApdu>,
  ) {}

  async allows(cmd: CommandApdu, opts: { signal?: AbortSignal }): Promise<boolean> {
    if (this.conn.extendedLength !== true || !needsExtended(cmd)) return false;
    this.caps ??= this.read(opts).catch((e: unknown) => {
      this.caps = undefined; // e.g. card removed: ask again next time
      throw e;
    });
    return (await this.caps)?.extended === true;
  }

  private async read(opts: { signal?: AbortSignal }): Promise<LengthCapabilities | undefined> {
    const atr = capabilitiesFromAtr(this.conn.atr);
    if (atr || !this.readEfAtr) return atr;
    const r = await this.readEfAtr(opts);
    return r.sw === 0x9000 ? capabilitiesFromEfAtr(r.data) : undefined;
  }
}
