import { decodeResponseBody } from '../../../native-adapters/id-card-reader/codec/frame';
import { FrameParser } from '../../../native-adapters/id-card-reader/codec/frame-parser';
import {
  BAUD_PROBE_TIMEOUT_MS,
  BAUD_RATES as READER_BAUD_RATES,
  commandTimeoutMs,
  encodeCommand,
} from '../../../native-adapters/id-card-reader/codec/commands';
import { decodeSamId } from '../../../native-adapters/id-card-reader/codec/sam-id';
import { describeStatusByte } from './printer-status-byte';
import { realTimeStatus } from '../../../native-adapters/thermal-printer/codec/escpos-commands';
import { isStatusReply } from '../../../native-adapters/thermal-printer/service/printer-status';
import type { ByteTransport } from '../../../native-adapters/transport/byte-transport';
import { SerialTransport } from '../../../native-adapters/transport/serial/serial-transport';
import { errorMessage } from '../../common/errors/error-message';

/** Receipt printers ship at 9600 or 19200 baud far more often than faster; try those first. */
export const PRINTER_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
const PRINTER_REPLY_MS = 400;

export type ProbeResult =
  | { port: string; kind: 'printer'; baudRate: number; detail: string }
  | { port: string; kind: 'id-reader'; baudRate: number; samId: string | null; detail: string }
  | { port: string; kind: 'unknown'; detail: string };

export type OpenAt = (port: string, baudRate: number) => ByteTransport;
const serialAt: OpenAt = (port, baudRate) => new SerialTransport({ path: port, baudRate, flowControl: 'none' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `request` and collects bytes until `done(bytes)` or the timeout. */
async function exchange(transport: ByteTransport, request: Uint8Array, timeoutMs: number, done: (bytes: Uint8Array) => boolean): Promise<Uint8Array> {
  let received = new Uint8Array(0);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const unsubscribe = transport.onData((chunk) => {
    const next = new Uint8Array(received.length + chunk.length);
    next.set(received);
    next.set(chunk, received.length);
    received = next;
    if (done(received)) finish();
  });
  try {
    await transport.write(request);
    await Promise.race([finished, sleep(timeoutMs)]);
  } finally {
    unsubscribe();
  }
  return received;
}

async function withPort<T>(open: OpenAt, port: string, baudRate: number, use: (t: ByteTransport) => Promise<T>): Promise<T | { error: string }> {
  const transport = open(port, baudRate);
  try {
    await transport.open();
  } catch (error) {
    return { error: errorMessage(error) };
  }
  try {
    return await use(transport);
  } finally {
    await transport.close().catch(() => undefined);
  }
}

/** An ESC/POS printer answers DLE EOT 1 with one status byte whose fixed bits are 0x12 (spec §6.1). */
export async function probePrinter(port: string, open: OpenAt = serialAt): Promise<ProbeResult | { error: string } | null> {
  for (const baudRate of PRINTER_BAUD_RATES) {
    const result = await withPort(open, port, baudRate, async (t) => {
      const bytes = await exchange(t, realTimeStatus(1), PRINTER_REPLY_MS, (b) => b.some(isStatusReply));
      const status = bytes.find(isStatusReply);
      return status === undefined ? null : ({ port, kind: 'printer', baudRate, detail: describeStatusByte(status) } as const);
    });
    if (result === null) continue;
    return result;
  }
  return null;
}

/**
 * An ID-card reader answers SAM status (0x11 0xFF) with a framed 0x90 (spec §3, §1 baud order); then its SAM id.
 * `bauds` narrows the rates tried (selftest passes the provisioned idReader.baudRate alone).
 */
export async function probeIdReader(
  port: string,
  open: OpenAt = serialAt,
  bauds: readonly number[] = READER_BAUD_RATES,
): Promise<ProbeResult | { error: string } | null> {
  for (const baudRate of bauds) {
    const result = await withPort(open, port, baudRate, async (t) => {
      const ask = async (name: 'samStatus' | 'readSamId', ms: number) => {
        const parser = new FrameParser();
        let body: Uint8Array | null = null;
        await exchange(t, encodeCommand(name), ms, (bytes) => {
          parser.reset();
          for (const event of parser.push(bytes)) if (event.kind === 'frame') body = event.body;
          return body !== null;
        });
        return body ? decodeResponseBody(body) : null;
      };
      const status = await ask('samStatus', BAUD_PROBE_TIMEOUT_MS);
      if (!status) return null;
      if (status.sw3 !== 0x90)
        return { port, kind: 'id-reader', baudRate, samId: null, detail: `SAM status SW3=${status.sw3.toString(16).padStart(2, '0')} (not ready)` } as const;
      await sleep(20);
      const sam = await ask('readSamId', commandTimeoutMs.readSamId);
      const samId = sam && sam.sw3 === 0x90 ? (decodeSamId(sam.data)?.display ?? null) : null;
      return { port, kind: 'id-reader', baudRate, samId, detail: `SAM ready${samId ? `, SAM id ${samId}` : ''}` } as const;
    });
    if (result === null) continue;
    return result;
  }
  return null;
}

/**
 * Identifies what answers on a port: first as an ESC/POS printer (DLE EOT is harmless to a reader,
 * whose frame parser drops it), then as an ID reader. A port that answers as a printer is never
 * sent reader frames (a printer would print them).
 */
export async function probePort(port: string, open: OpenAt = serialAt): Promise<ProbeResult> {
  const printer = await probePrinter(port, open);
  if (printer && 'error' in printer) return { port, kind: 'unknown', detail: `cannot open: ${printer.error}` };
  if (printer) return printer;
  const reader = await probeIdReader(port, open);
  if (reader && 'error' in reader) return { port, kind: 'unknown', detail: `cannot open: ${reader.error}` };
  if (reader) return reader;
  return { port, kind: 'unknown', detail: `no answer to DLE EOT (${PRINTER_BAUD_RATES.join('/')}) nor to SAM status (${READER_BAUD_RATES.join('/')})` };
}
