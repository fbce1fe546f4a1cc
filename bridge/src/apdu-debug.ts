/**
 * The `--debug-apdu` log: one line per APDU, redacted by the app's own rules (src/transport/
 * apdu-log.ts — VERIFY/CHANGE/RESET RETRY COUNTER data, authenticate cryptograms, key imports) so a
 * help-desk log never carries a PIN or a challenge response. Without the switch nothing is logged.
 */
import { ApduLog, withApduLog } from '../../src/transport/apdu-log';
import type { CardConnection } from '../../src/transport/types';

/** Records one exchange: the command, the response (undefined when the call failed) and its time. */
export type ApduLogger = (
  command: Uint8Array,
  response: Uint8Array | undefined,
  ms: number,
  errorCode?: string,
) => void;

/** A logger writing redacted lines to `out`, labelled with `label` (the connection handle). */
export function debugApduLogger(out: (line: string) => void, label: string): ApduLogger {
  const log = new ApduLog(1);
  let pending: { response?: Uint8Array; errorCode?: string } = {};
  // A stand-in connection that answers with the bytes the real exchange produced, so the app's
  // redaction (including its GET RESPONSE continuation state) runs exactly as in the browser.
  const replay: CardConnection = {
    atr: new Uint8Array(0),
    protocol: 'T1',
    transmit: async () => {
      if (pending.response) return pending.response;
      throw Object.assign(new Error('failed'), { code: pending.errorCode ?? 'unknown' });
    },
    disconnect: async () => {},
  };
  // The clock hands withApduLog the real duration: start 0, end `ms`.
  let clock: number[] = [];
  const logged = withApduLog(replay, log, () => clock.shift() ?? 0);
  log.addEventListener('change', () => {
    const e = log.entries[log.entries.length - 1];
    if (e) out(`${label} > ${e.command} < ${e.response}${e.response ? ' ' : ''}${e.sw} (${e.ms} ms)`);
  });
  return (command, response, ms, errorCode) => {
    pending = { response, errorCode };
    clock = [0, ms];
    void logged.transmit(command).catch(() => undefined);
  };
}
