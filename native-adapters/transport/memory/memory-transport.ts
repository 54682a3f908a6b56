import { createNanoEvents } from 'nanoevents';
import type { ByteTransport, TransportEvents } from '../byte-transport';

/**
 * An in-memory ByteTransport for device-service tests, modelled on serialport's MockBinding:
 * `echo` sends written bytes straight back, `record` keeps every write in `recording`,
 * `emitData` plays bytes arriving from the line, `lastWrite` is the latest write, and
 * `unplug` closes the port as a pulled USB cable does, and `onOpen` can refuse to open. `connectMemoryTransports` joins two ends
 * into a cable, so a simulator can sit on the far end. Timing stays in the caller's clock:
 * bytes are delivered on a microtask, never on a timer.
 */
export interface MemoryTransportOptions {
  echo?: boolean;
  record?: boolean;
  /** Called with each write while open (a fake device answering commands). */
  onWrite?: (bytes: Uint8Array, port: MemoryTransport) => void;
  /** Called by open(); an Error returned rejects the open (an unplugged device). */
  onOpen?: (port: MemoryTransport) => Error | null;
}

export class MemoryTransport implements ByteTransport {
  isOpen = false;
  lastWrite: Uint8Array | null = null;
  readonly recording: Uint8Array[] = [];
  peer: MemoryTransport | null = null;
  private readonly events = createNanoEvents<TransportEvents>();

  constructor(
    readonly path: string,
    private readonly options: MemoryTransportOptions = {},
  ) {}

  open(): Promise<void> {
    const error = this.options.onOpen?.(this) ?? null;
    if (error) return Promise.reject(error);
    this.isOpen = true;
    return Promise.resolve();
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new Error('port not open'));
    const bytes = data.slice();
    this.lastWrite = bytes;
    if (this.options.record) this.recording.push(bytes);
    this.options.onWrite?.(bytes, this);
    if (this.options.echo) this.emitDataSoon(bytes);
    const peer = this.peer;
    if (peer) void Promise.resolve().then(() => peer.emitData(bytes.slice()));
    return Promise.resolve();
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    return this.events.on('close', listener);
  }

  close(): Promise<void> {
    this.isOpen = false;
    return Promise.resolve();
  }

  /** Bytes arriving from the line, delivered now. */
  emitData(chunk: Uint8Array): void {
    this.events.emit('data', chunk);
  }

  /** Bytes arriving from the line on the next microtask (as a reply to a write would). */
  emitDataSoon(chunk: Uint8Array): void {
    void Promise.resolve().then(() => this.emitData(chunk));
  }

  /** The device disappears: the port closes and close listeners hear why. */
  unplug(reason = 'device disconnected'): void {
    this.isOpen = false;
    this.events.emit('close', reason);
  }
}

/** Two ends of one in-memory cable: what one end writes, the other receives. */
export function connectMemoryTransports(a: MemoryTransport, b: MemoryTransport): [MemoryTransport, MemoryTransport] {
  a.peer = b;
  b.peer = a;
  return [a, b];
}
