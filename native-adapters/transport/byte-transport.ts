/**
 * The hardware contract every device service is written against (serialport's
 * BindingPortInterface, reduced to what a kiosk needs). The serial implementation is the only
 * code that imports serialport; tests use pseudo-terminals or the in-memory transport.
 */
export interface ByteTransport {
  readonly path: string;
  open(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  /** Resolves when everything written has left the host (tcdrain). */
  drain(): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Fired once when the device disappears or the port closes unexpectedly. */
  onClose(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

/** The events behind onData and onClose, for the transports' emitters. */
export interface TransportEvents {
  data: (chunk: Uint8Array) => void;
  close: (reason: string) => void;
}
