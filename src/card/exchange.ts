/**
 * One command/response exchange for the card applications: `transmitApdu` (ISO 7816-4 §5.1 exchange
 * rules, 61xx/6Cxx, chaining) plus the card-layer translations every operation needs:
 * a card pulled from the reader becomes `card/removed`, and 63Cx / 6983 after a PIN command become
 * `card/pin-wrong` / `card/pin-blocked`.
 */
import { isAppError } from '../errors';
import { transmitApdu } from '../iso7816/apdu';
import type { CommandApdu, ResponseApdu } from '../iso7816/apdu';
import { SwError, retriesFromSw } from '../iso7816/sw';
import type { CardConnection } from '../transport/types';
import { CardError, blockedError, pinError } from './errors';

/** Options every card operation accepts. */
export interface OpOptions {
  signal?: AbortSignal;
}

/**
 * Sends one command APDU and returns the response whatever its status word; only transport failures
 * throw. `transport/card-removed` is rethrown as `card/removed` with the original as `cause`.
 * `extended` = the card declared extended Lc/Le (card-caps.ts); only then, and only when the
 * transport carries them, may the command use extended fields — otherwise it is chained.
 */
export async function exchange(
  conn: CardConnection,
  cmd: CommandApdu,
  opts: OpOptions = {},
  extended = false,
): Promise<ResponseApdu> {
  const link = {
    transmit: conn.transmit.bind(conn),
    extendedLength: extended && conn.extendedLength === true,
  };
  try {
    return await transmitApdu(link, cmd, { signal: opts.signal });
  } catch (e) {
    if (isAppError(e, 'transport/card-removed')) {
      throw new CardError(
        'card/removed',
        'The card was removed during the operation',
        { ins: cmd.ins },
        { cause: e },
      );
    }
    throw e;
  }
}

/** Throws `SwError` unless the response is 9000 (ISO 7816-4 §5.1.3); returns the data. */
export function okData(resp: ResponseApdu, context: string): Uint8Array {
  if (resp.sw !== 0x9000) throw new SwError(resp.sw, context);
  return resp.data;
}

/**
 * Status of a PIN/PUK command (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER with PUK):
 * 9000 passes, 63Cx → `card/pin-wrong` (or `card/pin-blocked` at 0), 6983 → `card/pin-blocked`,
 * anything else → `SwError`.
 */
export function checkPinSw(resp: ResponseApdu, which: 'PIN' | 'PUK', context: string): void {
  if (resp.sw === 0x9000) return;
  const retries = retriesFromSw(resp.sw);
  if (retries !== undefined) throw pinError(retries, which);
  if (resp.sw === 0x6983) throw blockedError(which);
  throw new SwError(resp.sw, context);
}

/**
 * Status of a privileged command: 9000 passes, 6982 → `card/security-status` (admin authentication
 * missing or consumed), anything else → `SwError`.
 */
export function checkPrivilegedSw(resp: ResponseApdu, context: string): void {
  if (resp.sw === 0x9000) return;
  if (resp.sw === 0x6982) {
    throw new CardError(
      'card/security-status',
      `${context}: security status not satisfied (admin authentication needed)`,
      {
        sw: resp.sw,
      },
    );
  }
  throw new SwError(resp.sw, context);
}
