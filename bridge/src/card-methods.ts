/**
 * The protocol methods that act on one card connection (docs/bridge-protocol.md "Methods":
 * transmit, status, control, getAttribute, setAttribute, beginTransaction, endTransaction), as
 * operations the session queues on that connection's chain. Parameters are checked here, before
 * anything is queued, so a malformed call never waits behind a slow one.
 */
import { bytesToBase64 } from '../../src/common/base64';
import {
  connectionState,
  protocolNumber,
  startKeepAlive,
  stopKeepAlive,
  transmitOn,
  type Conn,
} from './connection';
import * as P from './params';
import { SCARD_DISPOSITION, type PcscService } from './pcsc';

type CardOp = (c: Conn) => Promise<unknown>;

/**
 * The operation for `method` on a connection (SCardTransmit, SCardStatus, SCardControl,
 * SCardGetAttrib, SCardSetAttrib, SCardBeginTransaction, SCardEndTransaction), or undefined when
 * `method` is not one of them. `keepAliveMs` is the session's transaction keep-alive gap.
 */
export function cardMethod(
  method: string,
  params: P.Params,
  svc: PcscService,
  keepAliveMs: number,
): CardOp | undefined {
  switch (method) {
    case 'transmit': {
      const data = P.bytes(params, 'data');
      const proto = P.optionalProtocol(params.protocol);
      const pnum = proto === undefined ? undefined : protocolNumber(svc, proto);
      return async (c) => ({ data: bytesToBase64(await transmitOn(c, data, pnum)) });
    }
    case 'status':
      return async (c) => {
        const s = await c.card.status();
        return {
          readerName: s.readerName,
          state: connectionState(svc, s.state, s.protocol),
          ...(s.atr.length ? { answerToReset: bytesToBase64(s.atr) } : {}),
        };
      };
    case 'control': {
      const code = P.uint32(params, 'controlCode');
      const data = P.bytes(params, 'data');
      return async (c) => ({ data: bytesToBase64(await c.card.control(code, data)) });
    }
    case 'getAttribute': {
      const tag = P.uint32(params, 'tag');
      return async (c) => ({ data: bytesToBase64(await c.card.getAttribute(tag)) });
    }
    case 'setAttribute': {
      const tag = P.uint32(params, 'tag');
      const value = P.bytes(params, 'value');
      return async (c) => {
        await c.card.setAttribute(tag, value);
        return {};
      };
    }
    case 'beginTransaction':
      return async (c) => {
        await c.card.beginTransaction();
        startKeepAlive(c, keepAliveMs);
        return {};
      };
    case 'endTransaction': {
      const d = P.disposition(params, 'leave');
      return async (c) => {
        stopKeepAlive(c);
        await c.card.endTransaction(SCARD_DISPOSITION[d]);
        return {};
      };
    }
    default:
      return undefined;
  }
}
