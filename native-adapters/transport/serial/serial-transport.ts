import { createNanoEvents } from 'nanoevents';
import { SerialPort } from 'serialport';
import type { ByteTransport, TransportEvents } from '../byte-transport';

export type FlowControl = 'none' | 'rtscts' | 'xonxoff';

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
  flowControl?: FlowControl;
}

/**
 * The one module that imports serialport: a ByteTransport over a serial device (RS-232,
 * USB-serial, or a pseudo-terminal in tests). It reports an unplugged device through onClose so
 * the device service can reopen the port when it comes back, without restarting the kiosk.
 */
export class SerialTransport implements ByteTransport {
  private port: SerialPort | null = null;
  private readonly events = createNanoEvents<TransportEvents>();
  private closingOnPurpose = false;

  constructor(private readonly options: SerialTransportOptions) {}

  get path(): string {
    return this.options.path;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const flow = this.options.flowControl ?? 'none';
    const settings = {
      path: this.options.path,
      baudRate: this.options.baudRate,
      dataBits: 8 as const,
      parity: 'none' as const,
      stopBits: 1 as const,
      rtscts: flow === 'rtscts',
      xon: flow === 'xonxoff',
      xoff: flow === 'xonxoff',
      autoOpen: false,
      // A kiosk must not hang on a device another process holds.
      lock: true,
    };
    const port = new SerialPort(settings);
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    this.closingOnPurpose = false;
    port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.events.emit('data', bytes);
    });
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      this.port = null;
      if (this.closingOnPurpose) return;
      const reason = error?.disconnected ? 'device disconnected' : (error?.message ?? 'port closed');
      this.events.emit('close', reason);
    });
    port.on('error', () => {
      // Errors also surface as a rejected write or a 'close'; an unhandled 'error' event would crash the host.
    });
    this.port = port;
  }

  async write(data: Uint8Array): Promise<void> {
    const port = this.requirePort();
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (error) => (error ? reject(error) : resolve()));
    });
  }

  async drain(): Promise<void> {
    const port = this.requirePort();
    await new Promise<void>((resolve, reject) => port.drain((error) => (error ? reject(error) : resolve())));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    return this.events.on('close', listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return;
    this.closingOnPurpose = true;
    await new Promise<void>((resolve) => port.close(() => resolve()));
    this.port = null;
  }

  private requirePort(): SerialPort {
    if (!this.port?.isOpen) throw new Error(`serial port ${this.options.path} is not open`);
    return this.port;
  }
}

/** Serial ports the OS lists (for `devices` and provisioning); pseudo-terminals are not listed. */
export async function listSerialPorts(): Promise<Array<{ path: string; manufacturer: string | null; vendorId: string | null; productId: string | null }>> {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    manufacturer: p.manufacturer ?? null,
    vendorId: p.vendorId ?? null,
    productId: p.productId ?? null,
  }));
}
