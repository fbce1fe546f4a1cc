/**
 * One WebSocket's worth of PC/SC state: the contexts and connections it created, each under an
 * integer handle valid only on this socket. `close()` gives everything back (end transaction
 * "leave", disconnect "leave", release context) so a crashed tab never leaves a card locked.
 *
 * A context is a bridge handle, not a PC/SC SCARDCONTEXT: the bridge holds one PC/SC client for
 * all sockets (`PcscService`), so a restarted PC/SC service does not invalidate contexts — only the
 * connections opened before it, which then fail with typed errors and can simply be reopened.
 */
import { BRIDGE_PROTOCOL, RPC_ERROR } from '../../src/transport/bridge-protocol';
import type { SmartCardProtocol } from '../../src/transport/web-smart-card-api';
import { debugApduLogger } from './apdu-debug';
import { cardMethod } from './card-methods';
import {
  enqueue,
  giveBack,
  openedConn,
  protocolName,
  protocolNumber,
  stopKeepAlive,
  type Conn,
} from './connection';
import { invalidHandle, RpcFailure } from './errors';
import * as P from './params';
import { SCARD_DISPOSITION, SCARD_SHARE, type PcscService } from './pcsc';
import { getStatusChange } from './status-change';

export interface SessionLimits {
  /** Why 4: the app uses two (main + watcher); a few more for a second tab's worth of retries. */
  maxContexts: number;
  /** Why 8: one card per reader, a handful of readers. */
  maxConnections: number;
  /**
   * Idle gap after which a held transaction is kept alive with SCardStatus. Why 2 s: WinSCard
   * resets a card whose transaction sees no call for 5 s (MSDN SCardBeginTransaction remarks).
   */
  keepAliveMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { maxContexts: 4, maxConnections: 8, keepAliveMs: 2000 };

interface Ctx {
  cancel: AbortController;
  connections: Set<number>;
}

export class Session {
  private hello = false;
  private nextHandle = 1;
  private readonly contexts = new Map<number, Ctx>();
  private readonly conns = new Map<number, Conn>();
  private closed = false;

  constructor(
    private readonly svc: PcscService,
    private readonly version: string,
    private readonly limits: SessionLimits = DEFAULT_LIMITS,
    private readonly debug?: (line: string) => void,
  ) {}

  /** Number of live PC/SC handles (for tests and `--check`). */
  get openHandles(): { contexts: number; connections: number } {
    return { contexts: this.contexts.size, connections: this.conns.size };
  }

  /** Runs one method; throws {@link RpcFailure} or a PC/SC error (the server maps both). */
  async call(method: string, params: P.Params): Promise<unknown> {
    if (this.closed) throw new RpcFailure({ code: RPC_ERROR.internalError, message: 'session closed' });
    if (method === 'hello') return this.doHello(params);
    if (!this.hello) throw new RpcFailure({ code: RPC_ERROR.helloRequired, message: 'call hello first' });
    switch (method) {
      case 'establishContext':
        return this.establish();
      case 'releaseContext':
        await this.release(P.handle(params, 'context'));
        return {};
      case 'listReaders':
        this.ctx(params);
        return this.listReaders();
      case 'getStatusChange': {
        const c = this.ctx(params);
        const states = P.readerStates(params.readerStates);
        const readerStates = await getStatusChange(this.svc, states, P.timeout(params), c.cancel.signal);
        return { readerStates };
      }
      case 'cancel': {
        const c = this.ctx(params);
        c.cancel.abort();
        c.cancel = new AbortController();
        return {};
      }
      case 'connect':
        return this.connect(params);
      case 'disconnect': {
        const id = P.handle(params, 'connection');
        const d = P.disposition(params, 'leave');
        await this.conn(id)
          .card.disconnect(SCARD_DISPOSITION[d])
          .finally(() => this.forget(id));
        return {};
      }
      default: {
        const op = cardMethod(method, params, this.svc, this.limits.keepAliveMs);
        if (op) return this.on(params, op);
        throw new RpcFailure({ code: RPC_ERROR.methodNotFound, message: `no method ${method}` });
      }
    }
  }

  /**
   * Gives back every handle: per connection end transaction (leave) and disconnect (leave), then
   * the contexts (their getStatusChange calls are cancelled). Never throws.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const work: Promise<unknown>[] = [];
    for (const [id, c] of this.conns) {
      const wasInTx = c.transaction;
      stopKeepAlive(c);
      work.push(giveBack(c, wasInTx));
      this.conns.delete(id);
    }
    for (const c of this.contexts.values()) c.cancel.abort();
    this.contexts.clear();
    await Promise.all(work);
  }

  private doHello(params: P.Params): unknown {
    const asked = params.protocol;
    if (typeof asked !== 'number' || !Number.isInteger(asked))
      throw new RpcFailure({ code: RPC_ERROR.invalidParams, message: 'protocol must be an integer' });
    if (asked > BRIDGE_PROTOCOL) {
      throw new RpcFailure({
        code: RPC_ERROR.protocolUnsupported,
        message: `bridge speaks protocol ${BRIDGE_PROTOCOL}, client wants ${asked}`,
      });
    }
    this.hello = true;
    return { protocol: BRIDGE_PROTOCOL, version: this.version };
  }

  private establish(): { context: number } {
    if (this.contexts.size >= this.limits.maxContexts) {
      throw new RpcFailure({
        code: RPC_ERROR.limit,
        message: `at most ${this.limits.maxContexts} contexts per connection`,
        data: { responseCode: 'server-too-busy' },
      });
    }
    if (this.svc.state !== 'running')
      throw Object.assign(new Error('PC/SC service unavailable'), { code: 'NoService' });
    const id = this.nextHandle++;
    this.contexts.set(id, { cancel: new AbortController(), connections: new Set() });
    return { context: id };
  }

  private async release(id: number): Promise<void> {
    const c = this.contexts.get(id);
    if (!c) throw invalidHandle('context');
    c.cancel.abort();
    this.contexts.delete(id);
    // SCardReleaseContext invalidates the context's card handles (pcsc-lite winscard.c): do the same.
    await Promise.all([...c.connections].map((cid) => this.dropConnection(cid)));
  }

  private listReaders(): { readers: string[] } {
    if (this.svc.state !== 'running')
      throw Object.assign(new Error('PC/SC service unavailable'), { code: 'NoService' });
    return { readers: this.svc.readers().map((r) => r.name) };
  }

  private async connect(
    params: P.Params,
  ): Promise<{ connection: number; activeProtocol?: SmartCardProtocol }> {
    const context = P.handle(params, 'context');
    const ctx = this.ctx(params);
    const reader = P.str(params, 'reader');
    const mode = P.accessMode(params);
    const prefs = P.protocols(params.preferredProtocols);
    if (this.conns.size >= this.limits.maxConnections) {
      throw new RpcFailure({
        code: RPC_ERROR.limit,
        message: `at most ${this.limits.maxConnections} connections per socket`,
        data: { responseCode: 'server-too-busy' },
      });
    }
    let mask = 0;
    for (const p of prefs) mask |= protocolNumber(this.svc, p);
    const card = await this.svc.connect(reader, SCARD_SHARE[mode], mask);
    if (this.closed || !this.contexts.has(context)) {
      await card.disconnect(SCARD_DISPOSITION.leave).catch(() => undefined);
      throw invalidHandle('context');
    }
    const id = this.nextHandle++;
    const log = this.debug ? debugApduLogger(this.debug, `conn ${id}`) : undefined;
    this.conns.set(id, openedConn(card, context, reader, log));
    ctx.connections.add(id);
    const activeProtocol = protocolName(this.svc, card.protocol);
    return activeProtocol ? { connection: id, activeProtocol } : { connection: id };
  }

  private ctx(params: P.Params): Ctx {
    const c = this.contexts.get(P.handle(params, 'context'));
    if (!c) throw invalidHandle('context');
    return c;
  }

  private conn(id: number): Conn {
    const c = this.conns.get(id);
    if (!c) throw invalidHandle('connection');
    return c;
  }

  /** Queues `fn` on the chain of the connection named in `params`. */
  private on<T>(params: P.Params, fn: (c: Conn) => Promise<T>): Promise<T> {
    return enqueue(this.conn(P.handle(params, 'connection')), fn);
  }

  private forget(id: number): void {
    const c = this.conns.get(id);
    if (!c) return;
    stopKeepAlive(c);
    this.conns.delete(id);
    this.contexts.get(c.context)?.connections.delete(id);
  }

  private async dropConnection(id: number): Promise<void> {
    const c = this.conns.get(id);
    if (!c) return;
    const tx = c.transaction;
    this.forget(id);
    await giveBack(c, tx);
  }
}
