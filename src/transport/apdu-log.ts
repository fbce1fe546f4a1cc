/**
 * APDU log for the diagnostics view and the support bundle, with secrets redacted at the moment of
 * recording — the raw bytes never enter the log (docs/architecture.md "Secrets"). A redacted byte is
 * shown as `**`, so the shape stays readable: `00 2C 02 80 08 ** ** ** ** ** ** ** **`.
 *
 * Redacted command data (ISO/IEC 7816-4 §7.5 and §7.6, SP 800-73-4 §3.2, GIDS spec §3.x):
 *   20 VERIFY, 21 VERIFY (BER), 24 CHANGE REFERENCE DATA, 2C RESET RETRY COUNTER (PINs/PUKs),
 *   82 EXTERNAL AUTHENTICATE, 86/87 GENERAL AUTHENTICATE, 88 INTERNAL AUTHENTICATE (challenge
 *   responses, witnesses), DA/DB PUT DATA (GIDS admin-key template, imported keys), FF (PIV
 *   vendor SET MANAGEMENT KEY).
 * Redacted response data: 86/87/88 GENERAL/INTERNAL AUTHENTICATE (challenge and cryptograms), and
 *   any GET RESPONSE (C0) that continues such a response.
 */
import { toHex } from '../iso7816/hex';
import type { CardConnection, TransmitOptions } from './types';

const SECRET_COMMAND_INS = new Set([0x20, 0x21, 0x24, 0x2c, 0x82, 0x86, 0x87, 0x88, 0xda, 0xdb, 0xff]);
const SECRET_RESPONSE_INS = new Set([0x86, 0x87, 0x88]);
const GET_RESPONSE = 0xc0;

export interface ApduLogEntry {
  /** ms since epoch */
  at: number;
  /** Command as spaced hex, secrets as `**`. */
  command: string;
  /** Response data as spaced hex (without SW), secrets as `**`; empty when none. */
  response: string;
  /** SW1SW2 as 4 hex digits, or `error:<code>` when the transmit threw. */
  sw: string;
  ms: number;
  redacted: boolean;
}

const stars = (n: number) => Array.from({ length: n }, () => '**').join(' ');
const hex = (b: Uint8Array) => toHex(b, ' ');

/** Redacts the data field of a command APDU (short or extended Lc), keeping header, Lc and Le. */
export function redactCommand(cmd: Uint8Array): { text: string; redacted: boolean } {
  if (cmd.length < 4 || !SECRET_COMMAND_INS.has(cmd[1]!) || cmd.length <= 5)
    return { text: hex(cmd), redacted: false };
  let start: number;
  let lc: number;
  if (cmd[4] !== 0) {
    start = 5;
    lc = cmd[4]!;
  } else if (cmd.length >= 7) {
    start = 7;
    lc = (cmd[5]! << 8) | cmd[6]!;
  } else {
    return { text: `${hex(cmd.subarray(0, 4))} ${stars(cmd.length - 4)}`, redacted: true };
  }
  if (start + lc > cmd.length) {
    // Malformed Lc: hide everything after the header rather than guess where data ends.
    return { text: `${hex(cmd.subarray(0, 4))} ${stars(cmd.length - 4)}`, redacted: true };
  }
  const parts = [hex(cmd.subarray(0, start)), stars(lc)];
  if (start + lc < cmd.length) parts.push(hex(cmd.subarray(start + lc)));
  return { text: parts.filter(Boolean).join(' '), redacted: lc > 0 };
}

/** A bounded in-memory log; oldest entries drop first. Emits `change` after each entry. */
export class ApduLog extends EventTarget {
  private readonly items: ApduLogEntry[] = [];
  /** Why 500: enough for a full enrollment with retries; a support bundle stays under ~100 KB. */
  constructor(readonly capacity = 500) {
    super();
  }
  get entries(): readonly ApduLogEntry[] {
    return this.items;
  }
  add(entry: ApduLogEntry): void {
    this.items.push(entry);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
    this.dispatchEvent(new Event('change'));
  }
  clear(): void {
    this.items.length = 0;
    this.dispatchEvent(new Event('change'));
  }
}

/** Wraps a connection so every exchange is recorded (redacted) in `log`. */
export function withApduLog(
  conn: CardConnection,
  log: ApduLog,
  now: () => number = Date.now,
): CardConnection {
  // A GET RESPONSE continues the previous command's response: inherit its secrecy.
  let continuingSecret = false;
  const transmit = async (command: Uint8Array, opts?: TransmitOptions): Promise<Uint8Array> => {
    const ins = command[1] ?? -1;
    const secretResponse = SECRET_RESPONSE_INS.has(ins) || (ins === GET_RESPONSE && continuingSecret);
    const cmd = redactCommand(command);
    const t0 = now();
    try {
      const resp = await conn.transmit(command, opts);
      const data = resp.subarray(0, Math.max(0, resp.length - 2));
      const sw = resp.length >= 2 ? hex(resp.subarray(resp.length - 2)).replace(' ', '') : '';
      continuingSecret = secretResponse && sw.startsWith('61');
      log.add({
        at: t0,
        command: cmd.text,
        response: secretResponse && data.length ? stars(data.length) : hex(data),
        sw,
        ms: now() - t0,
        redacted: cmd.redacted || (secretResponse && data.length > 0),
      });
      return resp;
    } catch (e) {
      continuingSecret = false;
      const code = (e as { code?: string })?.code ?? 'unknown';
      log.add({
        at: t0,
        command: cmd.text,
        response: '',
        sw: `error:${code}`,
        ms: now() - t0,
        redacted: cmd.redacted,
      });
      throw e;
    }
  };
  return {
    get atr() {
      return conn.atr;
    },
    get protocol() {
      return conn.protocol;
    },
    get extendedLength() {
      return conn.extendedLength;
    },
    transmit,
    disconnect: (d) => conn.disconnect(d),
    ...(conn.transaction && { transaction: conn.transaction.bind(conn) }),
  };
}
