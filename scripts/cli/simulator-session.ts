import { createInterface } from 'node:readline';
import type { ByteTransport } from '../../native-adapters/transport/byte-transport';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import type { CliIo } from './command';

/** What a device simulator command runs on its end of the link. */
export interface SimulatorSession {
  /** The line printed once the simulator listens (it must say it is a simulator). */
  banner: string;
  /** Handles one stdin line and returns the state line to print. */
  onCommand(command: string): string;
  stop(): void;
}

/**
 * Opens the simulator's end of a link (one end of a socat pty pair, at 115200 baud: a pty does
 * not pace bytes), starts the simulator, feeds it stdin commands and runs until Ctrl-C, SIGTERM
 * or the other end closing. Shared by every `<device>-sim` command.
 */
export async function runSimulatorOnLink(link: string, io: CliIo, start: (transport: ByteTransport) => SimulatorSession): Promise<number> {
  const transport = new SerialTransport({ path: link, baudRate: 115200 });
  await transport.open();
  const session = start(transport);
  io.stdout(`${session.banner}\n`);
  const lines = createInterface({ input: io.stdin });
  lines.on('line', (line) => io.stdout(`${session.onCommand(line.trim())}\n`));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    transport.onClose(() => resolve());
  });
  lines.close();
  session.stop();
  await transport.close();
  return 0;
}
