import type { DeviceState } from '../../common/contract/kiosk-api';
import type { ByteTransport } from '../../../native-adapters/transport/byte-transport';
import type { CardRecord } from '../../../native-adapters/id-card-reader/codec/card-text';
import { projectCard, scrubCard, type ProjectableField, type ProjectedCard } from '../../../native-adapters/id-card-reader/codec/mask';
import { serialTransportFactory, systemReaderClock } from '../../../native-adapters/id-card-reader/node/reader-node';
import { IdCardReaderService, type ReaderClock, type ReaderState } from '../../../native-adapters/id-card-reader/service/id-card-reader-service';
import type { Logger } from '../system/logger';
import type { DeviceStatusService } from './device-status-service';
import { Emitter, type Unsubscribe } from '../../common/events/emitter';

export interface IdCardServiceOptions {
  /** The provisioned serial port of the reader; null/undefined = not configured. */
  port: string | null | undefined;
  /** The provisioned baud rate: the only one opened; null/undefined = auto-detect (see IdCardReaderService). */
  baudRate?: number | null;
  devices: DeviceStatusService;
  logger: Logger;
  clock?: ReaderClock;
  /** Tests substitute the transport; production opens the serial port at each probed baud rate. */
  openTransport?: (baudRate: number) => ByteTransport;
}

/** What the UI sees: the reader state and, after a read, only the fields the procedure declared (masked/derived). */
export type IdCardReadState = ReaderState & { result?: ProjectedCard };

/**
 * Owns the ID-card reader for the host: keeps the home screen's reader line live through
 * DeviceStatusService and runs one read at a time for the UI. The card record never leaves this
 * file: it is projected onto the declared fields the moment it arrives and then scrubbed. The
 * projection itself is dropped by wipe() (home button, finish, idle timeout).
 */
export class IdCardService {
  private readonly reader: IdCardReaderService;
  private readonly changed = new Emitter<IdCardReadState>();
  private result: ProjectedCard | null = null;
  private readonly log: Logger;

  constructor(private readonly options: IdCardServiceOptions) {
    this.log = options.logger.child('idcard');
    const clock = options.clock ?? systemReaderClock;
    const open = options.openTransport ?? (options.port ? serialTransportFactory(options.port) : null);
    this.reader = new IdCardReaderService({
      openTransport: open,
      baudRate: options.baudRate ?? null,
      clock,
      log: (event, fields) => this.log.log(event === 'timeout' || event === 'status' ? 'debug' : 'info', `reader.${event}`, fields),
    });
    this.reader.onDidChangeState((state) => {
      options.devices.report('idReader', deviceStateOf(state, options.port));
      this.log.log('debug', 'state', { state: state.state, reason: 'reason' in state ? state.reason : undefined });
      this.emit();
    });
    options.devices.report('idReader', deviceStateOf(this.reader.state, options.port));
  }

  start(): void {
    this.reader.start();
  }

  getState(): IdCardReadState {
    const state = this.reader.state;
    return this.result ? { ...state, result: { ...this.result } } : { ...state };
  }

  /**
   * Starts the place-card screen's read; the procedure declares the fields it needs. `keep` (the
   * document service) receives the record before it is scrubbed and copies what it must print.
   */
  startRead(fields: readonly ProjectableField[], keep?: (card: CardRecord) => void): void {
    this.result = null;
    const clock = this.options.clock ?? systemReaderClock;
    this.reader.startRead((card) => {
      this.result = projectCard(card, fields, clock.today());
      keep?.(card);
      scrubCard(card);
      this.emit();
    });
  }

  cancel(): void {
    this.reader.cancel();
    this.result = null;
    this.emit();
  }

  /** End of the resident's session: nothing of the card survives in this process's state. */
  wipe(): void {
    this.reader.wipe();
    this.result = null;
    this.emit();
  }

  onDidChangeState(listener: (state: IdCardReadState) => void): Unsubscribe {
    return this.changed.on(listener);
  }

  async close(): Promise<void> {
    this.result = null;
    await this.reader.stop();
  }

  private emit(): void {
    this.changed.fire(this.getState());
  }
}

function deviceStateOf(state: ReaderState, port: string | null | undefined): DeviceState {
  const where = port ? { detail: port } : {};
  switch (state.state) {
    case 'not-configured':
      return { state: 'not-configured' };
    case 'connecting':
      return { state: 'connecting', ...where };
    case 'reader-offline':
      return { state: 'offline', detail: state.detail.slice(0, 200) };
    case 'retry-placement':
    case 'idle':
    case 'waiting':
    case 'reading':
    case 'read-ok':
      return { state: 'ready', ...where };
  }
}
