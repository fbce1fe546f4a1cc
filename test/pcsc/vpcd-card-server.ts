/**
 * vpcd card server: serves one of the project's virtual cards (src/sim, any `VirtualCard` —
 * `{ atr, process(apdu), reset?() }`) to a real pcscd through the vsmartcard `vpcd` reader driver.
 *
 * Protocol (vsmartcard, "Creating a virtual smart card"; vpcd/vpcd.c): the card side is the TCP
 * client of the port vpcd listens on. Every message in both directions is a 2-byte big-endian
 * length followed by the payload. A 1-byte payload from vpcd is a control code — `0` power off,
 * `1` power on, `2` reset (no answer to any of these), `4` get ATR (answer: the ATR). Any longer
 * payload is a command APDU; the answer is the response APDU (data + SW1 SW2). Closing the socket
 * is "card removed"; connecting again is "card inserted".
 *
 * API (also used by the card bridge tests):
 *
 *   const server = new VpcdCardServer({ port });      // port = the reader's CHANNELID
 *   await server.insert(new VirtualGidsCard(...));    // connects; resolves once vpcd accepted us
 *   await server.waitForPowerOn();                    // optional: pcscd powered the card (ATR read)
 *   server.exchanges                                  // every { command, response } so far
 *   await server.swap(otherCard);                     // remove + insert, as a user would
 *   await server.remove();                            // closes the socket: card removed
 *   await server.close();                             // remove and stop for good
 *
 * The same card object may be inserted again later; it keeps its persistent state (PIN, keys,
 * files) and loses only what a reset drops — exactly like a real card moving between readers.
 */
import { Socket, connect } from 'node:net';
import type { VirtualCard } from '../../src/sim/ccid-card';

export interface VpcdCardServerOptions {
  /** vpcd's TCP port (the reader's CHANNELID in reader.conf). */
  port: number;
  host?: string;
  /**
   * How long `insert` keeps retrying the connection. Why 10 s: pcscd loads the vpcd driver and
   * opens the listening socket asynchronously after start; a slow CI machine needs a few seconds.
   */
  connectTimeoutMs?: number;
  /** Receives one line per event (power on/off, APDU in/out) for debugging. */
  log?: (line: string) => void;
}

export interface VpcdExchange {
  command: Uint8Array;
  response: Uint8Array;
}

const CTRL_OFF = 0;
const CTRL_ON = 1;
const CTRL_RESET = 2;
const CTRL_ATR = 4;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export class VpcdCardServer {
  private socket: Socket | undefined;
  private current: VirtualCard | undefined;
  private rx = Buffer.alloc(0);
  private queue: Promise<void> = Promise.resolve();
  private powered = false;
  private powerWaiters: Array<() => void> = [];
  /** Every APDU exchange since construction, in order. */
  readonly exchanges: VpcdExchange[] = [];

  constructor(private readonly opts: VpcdCardServerOptions) {}

  /** The card in the reader, if any. */
  get card(): VirtualCard | undefined {
    return this.current;
  }

  /** Whether pcscd has powered the inserted card (power on or reset seen, not powered off since). */
  get isPowered(): boolean {
    return this.powered;
  }

  /** Inserts `card`: connects to vpcd (retrying until `connectTimeoutMs`). Rejects if a card is in. */
  async insert(card: VirtualCard): Promise<void> {
    if (this.current) throw new Error('vpcd: a card is already inserted; remove() or swap() first');
    const deadline = Date.now() + (this.opts.connectTimeoutMs ?? 10_000);
    for (;;) {
      try {
        this.socket = await this.open();
        break;
      } catch (e) {
        // Why retry: vpcd listens only once pcscd has loaded the driver; ECONNREFUSED before that.
        if (Date.now() > deadline)
          throw new Error(`vpcd: cannot connect to port ${this.opts.port}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.current = card;
    this.powered = false;
    this.rx = Buffer.alloc(0);
    const sock = this.socket;
    sock.on('data', (chunk: Buffer) => this.onData(sock, chunk));
    sock.on('close', () => {
      if (this.socket === sock) this.detach();
    });
    sock.on('error', (e) => this.log(`socket error: ${e.message}`));
    this.log(`inserted card, ATR ${hex(card.atr)}`);
  }

  /** Removes the card: closes the socket (vpcd reports the card absent) and waits until it closed. */
  async remove(): Promise<void> {
    const sock = this.socket;
    if (!sock) return;
    await this.queue.catch(() => undefined);
    const closed = new Promise<void>((r) => sock.once('close', () => r()));
    sock.end();
    // Why 2 s then destroy: a half-closed socket whose peer never closes must not hang a test.
    const t = setTimeout(() => sock.destroy(), 2_000);
    await closed;
    clearTimeout(t);
    this.detach();
  }

  /** Removes whatever card is in and inserts `card`. */
  async swap(card: VirtualCard): Promise<void> {
    await this.remove();
    await this.insert(card);
  }

  /** Resolves once pcscd powered the card; rejects after `timeoutMs` (why 10 s: pcscd polls vpcd). */
  waitForPowerOn(timeoutMs = 10_000): Promise<void> {
    if (this.powered) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`vpcd: card not powered on within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.powerWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Removes the card; the server can be reused afterwards (insert again). */
  async close(): Promise<void> {
    await this.remove();
  }

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const s = connect({ port: this.opts.port, host: this.opts.host ?? '127.0.0.1' });
      s.setNoDelay(true);
      s.once('connect', () => {
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (e) => {
        s.destroy();
        reject(e);
      });
    });
  }

  private detach(): void {
    if (this.current) this.log('card removed');
    this.socket = undefined;
    this.current = undefined;
    this.powered = false;
  }

  private onData(sock: Socket, chunk: Buffer): void {
    this.rx = Buffer.concat([this.rx, chunk]);
    while (this.rx.length >= 2) {
      const len = this.rx.readUInt16BE(0);
      if (this.rx.length < 2 + len) break;
      const msg = new Uint8Array(this.rx.subarray(2, 2 + len));
      this.rx = this.rx.subarray(2 + len);
      // vpcd sends one message and waits for the answer, but keep strict order anyway.
      this.queue = this.queue
        .then(() => this.handle(sock, msg))
        .catch((e) => this.log(`handler failed: ${(e as Error).message}`));
    }
  }

  private async handle(sock: Socket, msg: Uint8Array): Promise<void> {
    const card = this.current;
    if (!card || this.socket !== sock) return;
    if (msg.length === 1) {
      const code = msg[0];
      if (code === CTRL_OFF) {
        this.log('power off');
        card.reset?.();
        this.powered = false;
      } else if (code === CTRL_ON || code === CTRL_RESET) {
        this.log(code === CTRL_ON ? 'power on' : 'reset');
        card.reset?.();
        this.setPowered();
      } else if (code === CTRL_ATR) {
        this.send(sock, card.atr);
      } else {
        this.log(`unknown control code ${code}`);
      }
      return;
    }
    const response = new Uint8Array(await card.process(msg.slice()));
    this.exchanges.push({ command: msg, response });
    this.log(`> ${hex(msg)}\n< ${hex(response)}`);
    this.send(sock, response);
  }

  private setPowered(): void {
    this.powered = true;
    for (const w of this.powerWaiters.splice(0)) w();
  }

  private send(sock: Socket, payload: Uint8Array): void {
    const head = Buffer.alloc(2);
    head.writeUInt16BE(payload.length);
    sock.write(Buffer.concat([head, payload]));
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }
}
