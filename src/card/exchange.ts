/**
 * One command/response exchange for the card applications: `transmitApdu` (ISO 7816-4 §5.1 exchange
 * rules, 61xx/6Cxx, chaining) plus the card-layer translations every operation needs:
 * a card pulled from the reader becomes `card/removed`, and the status words of PIN, privileged and
 * key-use commands become card-layer errors. Status words are read through the card's own table,
 * which falls back to ISO/IEC 7816-4 (`sw-table.ts`).
 */
import { isAppError } from '../errors';
import { transmitApdu } from '../iso7816/apdu';
import type { CommandApdu, ResponseApdu } from '../iso7816/apdu';
import { SwError } from '../iso7816/sw';
import type { CardConnection } from '../transport/types';
import { CardError, blockedError, pinError } from './errors';
import { lookupSw, type CardSwTable, type SwCondition } from './sw-table';

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

/**
 * Throws `SwError` unless the response is 9000 (ISO 7816-4 §5.1.3); returns the data. With the
 * card's `table`, the message carries the card specification's meaning when its table knows the SW.
 */
export function okData(resp: ResponseApdu, context: string, table?: CardSwTable): Uint8Array {
  if (resp.sw !== 0x9000) throw swError(resp.sw, context, table);
  return resp.data;
}

/** The `SwError` for an unexpected status word; code from ISO (stable), wording from the card's table. */
function swError(sw: number, context: string, table?: CardSwTable): SwError {
  const hit = table && lookupSw(table, sw);
  return new SwError(
    sw,
    hit && hit.source === table.name ? `${context} (${table.name}: ${hit.meaning})` : context,
  );
}

/**
 * Status of a PIN/PUK command (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER with PUK):
 * 9000 passes, `tries-left` (63Cx) → `card/pin-wrong` (or `card/pin-blocked` at 0), `blocked` (6983)
 * → `card/pin-blocked`, anything else → `SwError`.
 */
export function checkPinSw(
  table: CardSwTable,
  resp: ResponseApdu,
  which: 'PIN' | 'PUK',
  context: string,
): void {
  const { condition } = lookupSw(table, resp.sw);
  if (condition === 'ok') return;
  if (condition === 'tries-left') throw pinError(resp.sw & 0x0f, which);
  if (condition === 'blocked') throw blockedError(which);
  throw swError(resp.sw, context, table);
}

/**
 * Status of a privileged command: 9000 passes, 6982 → `card/security-status` (admin authentication
 * missing or consumed), anything else → `SwError`.
 */
export function checkPrivilegedSw(table: CardSwTable, resp: ResponseApdu, context: string): void {
  const { condition } = lookupSw(table, resp.sw);
  if (condition === 'ok') return;
  if (condition === 'security-status') {
    throw new CardError(
      'card/security-status',
      `${context}: security status not satisfied (admin authentication needed)`,
      { sw: resp.sw, needs: 'admin' },
    );
  }
  throw swError(resp.sw, context, table);
}

/**
 * Status of a private-key operation (signature, decipher): 9000 passes; 6982 means the PIN is not
 * verified for this use — for a PIV "PIN Always" key (9C, SP 800-73-4 Part 1 §3.5 table 4b) a VERIFY
 * must come right before each use — so it is `card/security-status` with `needs: 'pin'`, never an
 * admin-key matter. Anything else → `SwError`.
 */
export function checkKeyUseSw(table: CardSwTable, resp: ResponseApdu, context: string, slot: string): void {
  const { condition } = lookupSw(table, resp.sw);
  if (condition === 'ok') return;
  if (condition === 'security-status') {
    throw new CardError(
      'card/security-status',
      `${context}: the PIN must be verified right before using key ${slot}`,
      {
        sw: resp.sw,
        needs: 'pin',
        slot,
      },
    );
  }
  throw swError(resp.sw, context, table);
}

/**
 * Status of GENERAL AUTHENTICATE with the admin-key response (ISO 7816-4 §7.5.2): 9000 passes;
 * `conditions-not-satisfied` (6985: no challenge outstanding) and the card's `refused` conditions
 * (GIDS 6982; PIV 6982 and 6A80, SP 800-73-4 Part 2 §3.2.4) → `card/admin-auth-failed`.
 */
export function checkAdminAuthSw(
  table: CardSwTable,
  resp: ResponseApdu,
  key: string,
  refused: readonly SwCondition[],
): void {
  const { condition } = lookupSw(table, resp.sw);
  if (condition === 'ok') return;
  if (condition === 'conditions-not-satisfied' || refused.includes(condition)) {
    const reason = condition === 'conditions-not-satisfied' ? 'no-challenge' : 'wrong-response';
    throw new CardError('card/admin-auth-failed', `The card refused the ${key} response (${reason})`, {
      sw: resp.sw,
      reason,
    });
  }
  throw swError(resp.sw, 'GENERAL AUTHENTICATE (response)', table);
}
