import type { ByteTransport } from '../../transport/byte-transport';
import { encodeAdditionalAddress, encodeBaseInfo } from '../codec/base-info';
import { encodeCardText, type CardFields } from '../codec/card-text';
import { commandNameOf } from '../codec/commands';
import { decodeRequestBody, encodeResponse, MIN_REQUEST_LEN } from '../codec/frame';
import { FrameParser } from '../codec/frame-parser';
import { encodeSamId } from '../codec/sam-id';

export interface SimulatorOptions {
  /** The card on the reader (null with --no-card). */
  card: CardFields | null;
  /** 现住址（签注） the card carries, answered to 0x30 0x03; none → SW3 0x91. */
  latestAddress?: string;
  /** The first read sends part of the reply, then the card is lifted for `liftMs` and put back. */
  removeMidRead?: boolean;
  liftMs?: number;
  /** Line noise before every reply, and the first two base-info replies carry a flipped byte. */
  corrupt?: boolean;
  /** Replies come late and the base-info reply trickles in (still inside the spec's timeouts). */
  slow?: boolean;
  /** Timer used for delays (unit tests pass a fake clock's). */
  later?: (ms: number, fn: () => void) => void;
}

/**
 * A second-generation ID-card reader as seen from its UART (shared/protocols/idcard-reader.md):
 * answers reset/status/SAM-ID/find/select/read/additional-address with the spec's frames, and
 * behaves like the SAM modules described in §10 — find answers 0x80 for a card already read while
 * it stays on the reader, and 0x30 0x03 reveals whether that card is still there.
 */
export class IdCardSimulator {
  private readonly parser = new FrameParser(MIN_REQUEST_LEN);
  private readonly text: Uint8Array | null;
  private present: boolean;
  private selected = false;
  private readThisVisit = false;
  private readsServed = 0;
  private queue: Promise<void> = Promise.resolve();
  private disposeData: (() => void) | null = null;
  readonly served: string[] = [];

  private readonly later: (ms: number, fn: () => void) => void;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: SimulatorOptions,
  ) {
    this.later = options.later ?? ((ms, fn) => void setTimeout(fn, ms));
    this.text = options.card ? encodeCardText(options.card) : null;
    this.present = options.card !== null;
  }

  start(): void {
    this.disposeData = this.transport.onData((chunk) => {
      for (const event of this.parser.push(chunk)) {
        if (event.kind === 'bad-checksum') this.enqueue(() => this.reply(encodeResponse(0x10)));
        if (event.kind !== 'frame') continue;
        const body = event.body;
        this.enqueue(() => this.handle(body));
      }
    });
  }

  stop(): void {
    this.disposeData?.();
    this.disposeData = null;
  }

  /** Take the card off the reader (tests, or `remove` on the simulator's stdin). */
  removeCard(): void {
    this.present = false;
    this.selected = false;
    this.readThisVisit = false;
  }

  placeCard(): void {
    if (!this.text) return;
    this.present = true;
  }

  get cardPresent(): boolean {
    return this.present;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch(() => undefined);
  }

  private async handle(body: Uint8Array): Promise<void> {
    const request = decodeRequestBody(body);
    const name = request ? commandNameOf(request.cmd, request.para) : null;
    this.served.push(name ?? 'unknown');
    if (this.options.slow) await this.wait(name === 'readBaseInfo' ? 300 : 120);
    switch (name) {
      case 'resetSam':
      case 'samStatus':
        return this.reply(encodeResponse(0x90));
      case 'readSamId':
        return this.reply(encodeResponse(0x90, encodeSamId([5, 1, 20260101, 1, 1])));
      case 'findCard':
        if (!this.present || this.readThisVisit) return this.reply(encodeResponse(0x80));
        return this.reply(encodeResponse(0x9f, new Uint8Array(4)));
      case 'selectCard':
        if (!this.present) return this.reply(encodeResponse(0x81));
        this.selected = true;
        return this.reply(encodeResponse(0x90, new Uint8Array(8)));
      case 'readBaseInfo':
        return this.readBaseInfo();
      case 'readAdditionalAddress':
        if (!this.present || !this.selected) return this.reply(encodeResponse(0x41));
        if (!this.options.latestAddress) return this.reply(encodeResponse(0x91));
        return this.reply(encodeResponse(0x90, encodeAdditionalAddress(this.options.latestAddress)));
      default:
        return this.reply(encodeResponse(0x21));
    }
  }

  private async readBaseInfo(): Promise<void> {
    if (!this.present || !this.selected || !this.text) return this.reply(encodeResponse(0x41));
    this.readsServed++;
    const frame = encodeResponse(0x90, encodeBaseInfo(this.text));
    if (this.options.removeMidRead && this.readsServed === 1) {
      // The resident lifts the card while the 1295-byte reply is on the wire.
      await this.transport.write(frame.slice(0, 600));
      this.removeCard();
      this.later(this.options.liftMs ?? 1200, () => this.placeCard());
      return;
    }
    if (this.options.corrupt && this.readsServed <= 2) frame[14 + 40] = (frame[14 + 40] ?? 0) ^ 0x5a;
    this.readThisVisit = true;
    if (this.options.slow) {
      for (let i = 0; i < frame.length; i += 128) {
        await this.transport.write(frame.slice(i, i + 128));
        await this.wait(60);
      }
      return;
    }
    return this.reply(frame);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  private async reply(frame: Uint8Array): Promise<void> {
    if (this.options.corrupt) await this.transport.write(Uint8Array.of(0x00, 0xaa, 0x96, 0x69, 0xaa, 0xaa, 0x13));
    await this.transport.write(frame);
  }
}
