import type { ByteTransport } from '../../transport/byte-transport';
import { decodeAdditionalAddress, decodeBaseInfo } from '../codec/base-info';
import { decodeCardText, type CardRecord } from '../codec/card-text';
import { BAUD_PROBE_TIMEOUT_MS, BAUD_RATES, commandTimeoutMs, encodeCommand, INTER_COMMAND_GAP_MS, type CommandName } from '../codec/commands';
import { decodeResponseBody, type Response } from '../codec/frame';
import { FrameParser } from '../codec/frame-parser';
import type { CalendarDate } from '../codec/id-number';
import { describeStatus } from '../codec/status';
import { createNanoEvents } from 'nanoevents';
import { DeviceLoop } from '../../common/device-loop';

/** Time enters through here: the service is pure and its tests drive a fake clock. */
export interface ReaderClock {
  /** Runs fn once after ms; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Today's date (for the card's plausibility checks and age brackets). */
  today(): CalendarDate;
}

export type RetryReason =
  /** card moved / lifted / read failed: keep it still and put it back */
  | 'moved'
  /** authentication or verification failed: re-place once, then staff */
  | 'card-rejected'
  /** not an ID card, or a type this reader cannot read */
  | 'not-id-card'
  /** three attempts failed: remove the card, use a staffed counter or manual entry */
  | 'unreadable';

/** What the UI shows. Never carries card data. */
export type ReaderState =
  | { state: 'not-configured' }
  | { state: 'connecting' }
  /** connected, nobody asked for a read: the reader is not polled */
  | { state: 'idle' }
  /** polling find; `hint: 'remove-card'` when the card already read is still lying there */
  | { state: 'waiting'; hint?: 'remove-card' }
  | { state: 'reading' }
  | { state: 'read-ok' }
  | { state: 'retry-placement'; reason: RetryReason }
  | { state: 'reader-offline'; detail: string };

/** Technician-facing events: command names, SW3 codes, bauds. Never card contents. */
export type ReaderLog = (event: string, fields?: Record<string, string | number | boolean>) => void;

export interface IdCardReaderServiceOptions {
  /** One transport per baud rate (auto-detect tries them in the spec's order); null = no port provisioned. */
  openTransport: ((baudRate: number) => ByteTransport) | null;
  /**
   * The provisioned rate (terminal config `idReader.baudRate`). When set it is the ONLY rate opened:
   * a technician who writes a rate expects the kiosk to use it, and a reader that does not answer
   * there shows as offline naming that rate, instead of silently working at another one and hiding
   * the wrong setting. null/absent = auto-detect at the spec's rates (§1).
   */
  baudRate?: number | null;
  clock: ReaderClock;
  log?: ReaderLog;
  /** Poll interval for find while the place-card screen is up (§9: 300–500 ms). */
  pollIntervalMs?: number;
  /** Back-off between reconnect attempts. */
  reconnectDelaysMs?: readonly number[];
  /** Read attempts per card placement (§10.1: the first plus two re-reads). */
  readAttempts?: number;
}

type Reply = { kind: 'response'; response: Response } | { kind: 'timeout'; partial: boolean } | { kind: 'bad-checksum' } | { kind: 'closed' };

interface Link {
  transport: ByteTransport;
  parser: FrameParser;
  baud: number;
  waiter: ((reply: Reply) => void) | null;
  disposers: Array<() => void>;
}

interface Session {
  consumer: (card: CardRecord) => void;
}

type Step = 'again' | 'done';

/** Rates to open, in order: only the configured one; else the last one that worked, then the spec's order. */
export function connectOrder(configured: number | null, lastBaud: number | null): number[] {
  if (configured !== null) return [configured];
  return lastBaud ? [lastBaud, ...BAUD_RATES.filter((b) => b !== lastBaud)] : [...BAUD_RATES];
}

/**
 * The ID-card reader's driver (shared/protocols/idcard-reader.md §10): connects at the provisioned
 * baud rate or, without one, with baud auto-detect, polls find → select → read only while a read is requested, one command at a time,
 * and reconnects on its own when the reader goes away. The card record lives only in the local
 * scope of one read: it goes to the session's consumer and no field of it is kept here.
 */
export class IdCardReaderService {
  private current: ReaderState;
  private readonly events = createNanoEvents<{ state: (state: ReaderState) => void }>();
  private link: Link | null = null;
  private session: Session | null = null;
  private readonly loop: DeviceLoop;
  private reconnectIndex = 0;
  private lastBaud: number | null = null;
  /** A card was read (or given up on) and may still lie on the reader: do not read it again. */
  private visitDone = false;
  private failures = 0;
  private consecutiveTimeouts = 0;
  private readonly pollMs: number;
  private readonly delays: readonly number[];
  private readonly attempts: number;
  private readonly log: ReaderLog;

  constructor(private readonly options: IdCardReaderServiceOptions) {
    this.current = options.openTransport ? { state: 'connecting' } : { state: 'not-configured' };
    this.pollMs = options.pollIntervalMs ?? 400;
    this.delays = options.reconnectDelaysMs ?? [500, 1000, 2000, 5000];
    this.attempts = options.readAttempts ?? 3;
    this.log = options.log ?? (() => undefined);
    this.loop = new DeviceLoop(options.clock, this.log);
  }

  get state(): ReaderState {
    return this.current;
  }

  get isReading(): boolean {
    return this.session !== null;
  }

  onDidChangeState(listener: (state: ReaderState) => void): () => void {
    return this.events.on('state', listener);
  }

  /** Starts the connect loop. Without a configured port the service stays `not-configured`. */
  start(): void {
    if (!this.options.openTransport) return;
    this.loop.start(
      () => this.run(),
      () => this.setState({ state: 'reader-offline', detail: 'driver error' }),
    );
  }

  /** Begins one read: polls until a card is read, then hands it to `consumer` once and stops polling. */
  startRead(consumer: (card: CardRecord) => void): void {
    this.session = { consumer };
    if (this.link) this.setState({ state: 'waiting' });
    this.kick();
  }

  /** Leaves the place-card screen: stops polling; an in-flight read is discarded, not delivered. */
  cancel(): void {
    this.session = null;
    if (this.link && this.current.state !== 'reader-offline') this.setState({ state: 'idle' });
    this.kick();
  }

  /** End of the resident's session (home, finish, idle timeout): drop the consumer and any buffered bytes. */
  wipe(): void {
    this.cancel();
    this.link?.parser.reset();
  }

  async stop(): Promise<void> {
    this.session = null;
    this.resolveWaiter({ kind: 'closed' });
    await this.loop.stop();
    await this.dropLink('stopped', false);
  }

  // ---- main loop ----

  private async run(): Promise<void> {
    while (!this.loop.stopped) {
      if (!this.link) {
        await this.connect();
        continue;
      }
      if (!this.session) {
        await this.sleep(60_000);
        continue;
      }
      const step = await this.pollOnce();
      if (step === 'again' && !this.loop.stopped) await this.sleep(this.pollMs);
    }
  }

  private async connect(): Promise<void> {
    const open = this.options.openTransport;
    if (!open) return;
    const configured = this.options.baudRate ?? null;
    const bauds = connectOrder(configured, this.lastBaud);
    let detail =
      configured === null ? 'no answer at any baud rate' : `no answer at the configured ${String(configured)} baud (idReader.baudRate; null = detect)`;
    for (const baud of bauds) {
      if (this.loop.stopped) return;
      const transport = open(baud);
      try {
        await transport.open();
      } catch (error) {
        detail = `cannot open ${transport.path}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
        break;
      }
      const link = this.attach(transport, baud);
      let reply = await this.exchange('samStatus', BAUD_PROBE_TIMEOUT_MS);
      // A port reopened right after an unplug can still hold the answer to the last find (0x80/0x9F),
      // which is not an answer to SAM status (0x90 or a SAM fault): ask once more before believing it.
      if (reply.kind === 'response' && !answersSamStatus(reply.response.sw3)) {
        this.log('stale-reply', { sw3: reply.response.sw3 });
        reply = await this.exchange('samStatus', BAUD_PROBE_TIMEOUT_MS);
        if (reply.kind === 'response' && !answersSamStatus(reply.response.sw3)) reply = { kind: 'timeout', partial: false };
      }
      if (reply.kind === 'response' && describeStatus(reply.response.sw3).action === 'sam-fault') {
        this.log('sam-fault', { sw3: reply.response.sw3 });
        reply = await this.resetSam();
        if (reply.kind !== 'response' || reply.response.sw3 !== 0x90) {
          detail = 'SAM module fault';
          await this.dropLink(detail, false);
          break;
        }
      }
      if (reply.kind === 'response') {
        this.lastBaud = baud;
        this.reconnectIndex = 0;
        this.consecutiveTimeouts = 0;
        this.log('connected', { baud, path: transport.path });
        this.link = link;
        this.setState(this.session ? { state: 'waiting' } : { state: 'idle' });
        return;
      }
      await this.dropLink('probe', false);
      if (reply.kind === 'closed') break;
    }
    this.setState({ state: 'reader-offline', detail: detail.slice(0, 200) });
    const delay = this.delays[Math.min(this.reconnectIndex, this.delays.length - 1)] ?? 1000;
    this.reconnectIndex++;
    await this.sleep(delay);
  }

  private attach(transport: ByteTransport, baud: number): Link {
    const link: Link = { transport, parser: new FrameParser(), baud, waiter: null, disposers: [] };
    this.link = link;
    link.disposers.push(
      transport.onData((chunk) => {
        for (const event of link.parser.push(chunk)) {
          if (event.kind === 'frame') {
            const response = decodeResponseBody(event.body);
            if (response) this.resolveWaiter({ kind: 'response', response }, link);
          } else if (event.kind === 'bad-checksum') {
            this.resolveWaiter({ kind: 'bad-checksum' }, link);
          }
        }
      }),
      transport.onClose((reason) => {
        this.log('transport-closed', { reason });
        this.resolveWaiter({ kind: 'closed' }, link);
        void this.dropLink(reason, true);
      }),
    );
    return link;
  }

  private resolveWaiter(reply: Reply, link: Link | null = this.link): void {
    const waiter = link?.waiter;
    if (!link || !waiter) return;
    link.waiter = null;
    waiter(reply);
  }

  private async dropLink(reason: string, announce: boolean): Promise<void> {
    const link = this.link;
    if (!link) return;
    this.link = null;
    for (const dispose of link.disposers.splice(0)) dispose();
    link.parser.reset();
    try {
      await link.transport.close();
    } catch {
      // Already gone.
    }
    if (announce && !this.loop.stopped) this.setState({ state: 'reader-offline', detail: reason.slice(0, 200) });
    this.kick();
  }

  /** One command, one reply (§2.3): flush RX, write, wait for a frame, a bad checksum or the timeout. */
  private async exchange(name: CommandName, timeoutMs = commandTimeoutMs[name]): Promise<Reply> {
    const link = this.link;
    if (!link) return { kind: 'closed' };
    link.parser.reset();
    const reply = await new Promise<Reply>((resolve) => {
      const cancel = this.options.clock.setTimer(timeoutMs, () => {
        link.waiter = null;
        resolve({ kind: 'timeout', partial: link.parser.hasPartialFrame });
      });
      link.waiter = (r) => {
        cancel();
        resolve(r);
      };
      link.transport.write(encodeCommand(name)).catch(() => {
        this.resolveWaiter({ kind: 'closed' }, link);
      });
    });
    link.parser.reset();
    if (reply.kind === 'timeout') {
      this.consecutiveTimeouts++;
      this.log('timeout', { command: name, partial: reply.partial });
    } else if (reply.kind === 'response') {
      this.consecutiveTimeouts = 0;
      if (reply.response.sw3 !== 0x90 && reply.response.sw3 !== 0x9f) {
        this.log('status', { command: name, sw3: reply.response.sw3, sw1: reply.response.sw1, sw2: reply.response.sw2 });
      }
    } else if (reply.kind === 'bad-checksum') {
      this.log('bad-checksum', { command: name });
    }
    // The module takes one command at a time and wants a short gap after each reply (§10.4).
    if (reply.kind !== 'closed') await this.delay(INTER_COMMAND_GAP_MS);
    return reply;
  }

  private async resetSam(): Promise<Reply> {
    await this.exchange('resetSam');
    await this.delay(1000);
    return this.exchange('samStatus');
  }

  /** After repeated timeouts: is the reader still there? If not, drop the link and reconnect. */
  private async checkHealth(): Promise<void> {
    const reply = await this.exchange('samStatus');
    if (reply.kind === 'response' && describeStatus(reply.response.sw3).action !== 'sam-fault') {
      this.consecutiveTimeouts = 0;
      return;
    }
    if (reply.kind === 'response') {
      const after = await this.resetSam();
      if (after.kind === 'response' && after.response.sw3 === 0x90) return;
    }
    await this.dropLink(reply.kind === 'response' ? 'SAM module fault' : 'reader not answering', true);
  }

  private async pollOnce(): Promise<Step> {
    if (this.consecutiveTimeouts >= 3) {
      await this.checkHealth();
      return 'again';
    }
    if (this.visitDone) {
      // Is the card we already handled still on the reader? (§10.2: probe with 0x30 0x03.)
      const probe = await this.exchange('readAdditionalAddress');
      if (!this.session) return 'again';
      if (probe.kind === 'response' && (probe.response.sw3 === 0x90 || probe.response.sw3 === 0x91)) {
        if (this.current.state !== 'retry-placement') this.setState({ state: 'waiting', hint: 'remove-card' });
        return 'again';
      }
      this.visitDone = false;
      this.failures = 0;
    }
    if (this.current.state !== 'retry-placement') this.setState({ state: 'waiting' });
    const find = await this.exchange('findCard');
    if (!this.session) return 'again';
    if (find.kind !== 'response') return 'again';
    const status = describeStatus(find.response.sw3);
    if (find.response.sw3 !== 0x9f) {
      if (status.action === 'sam-fault') await this.checkHealth();
      else if (status.action === 'not-id-card') this.setState({ state: 'retry-placement', reason: 'not-id-card' });
      else if (status.action === 'no-card' && this.current.state === 'retry-placement' && this.failures === 0) this.setState({ state: 'waiting' });
      return 'again';
    }
    this.setState({ state: 'reading' });
    const select = await this.exchange('selectCard');
    if (!this.session) return 'again';
    if (select.kind !== 'response' || select.response.sw3 !== 0x90) return this.failed('moved');
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const read = await this.exchange('readBaseInfo');
      if (!this.session) return 'again';
      if (read.kind === 'closed') return 'again';
      // A corrupted frame can be re-read in place (§2.3 step 5); anything else restarts from find.
      if (read.kind === 'bad-checksum') continue;
      if (read.kind === 'timeout') return this.failed('moved');
      const action = describeStatus(read.response.sw3).action;
      if (action === 'card-rejected') return this.failed('card-rejected');
      if (action === 'not-id-card') return this.failed('not-id-card');
      if (read.response.sw3 !== 0x90) return this.failed('moved');
      const base = decodeBaseInfo(read.response.data);
      read.response.data.fill(0);
      if (!base.ok) continue;
      const card = decodeCardText(base.text, { today: this.options.clock.today() });
      base.text.fill(0);
      // A number that fails its check digit points to a corrupt read: re-read (§7), flag it if it persists.
      if (!card.numberValid && attempt < this.attempts) continue;
      if (card.type === 'resident') {
        const extra = await this.exchange('readAdditionalAddress');
        if (extra.kind === 'response' && extra.response.sw3 === 0x90) {
          const address = decodeAdditionalAddress(extra.response.data);
          if (address) card.latestAddress = address;
        }
      }
      return this.deliver(card);
    }
    return this.failed('moved');
  }

  private deliver(card: CardRecord): Step {
    const session = this.session;
    if (!session) return 'again';
    this.session = null;
    this.visitDone = true;
    this.failures = 0;
    this.log('read-ok', { type: card.type, numberValid: card.numberValid });
    this.setState({ state: 'read-ok' });
    try {
      session.consumer(card);
    } catch (error) {
      this.log('consumer-error', { error: error instanceof Error ? error.name : 'unknown' });
    }
    return 'done';
  }

  private failed(reason: RetryReason): Step {
    this.failures++;
    if (this.failures >= this.attempts) {
      // Stop hammering a card that will not read; wait for it to be taken away.
      this.visitDone = true;
      this.setState({ state: 'retry-placement', reason: 'unreadable' });
    } else {
      this.setState({ state: 'retry-placement', reason });
    }
    return 'again';
  }

  // ---- plumbing ----

  private setState(next: ReaderState): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.events.emit('state', next);
  }

  /** A sleep that startRead/cancel/stop/link changes cut short. */
  private sleep(ms: number): Promise<void> {
    return this.loop.sleep(ms);
  }

  /** A plain delay nobody interrupts (command gaps, SAM reset). */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.options.clock.setTimer(ms, resolve));
  }

  private kick(): void {
    this.loop.wake();
  }
}

/** What a reader may answer to SAM status (§5): 0x90, or a SAM fault it reports there. */
export function answersSamStatus(sw3: number): boolean {
  return sw3 === 0x90 || describeStatus(sw3).action === 'sam-fault';
}
