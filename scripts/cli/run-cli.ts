import { UsageError, type CliCommand, type CliIo } from './command';
import { wantsHelp } from './parse';
import { errorMessage } from '../../electron/common/errors/error-message';

export function formatCommandList(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run cli -- <command> [options]   (every command takes --help)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Dispatches argv to a command; returns the process exit code. Separate from main() for tests. */
export async function runCli(argv: string[], commands: CliCommand[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(formatCommandList(commands));
    return name === undefined ? 2 : 0;
  }
  // Commands may have two words (`content lint`); the longest match wins.
  const command = commands.find((c) => c.name === `${name} ${rest[0] ?? ''}`) ?? commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`error: unknown command "${name}" (npm run cli -- help lists them)\n`);
    return 2;
  }
  const args = command.name.includes(' ') ? rest.slice(1) : rest;
  if (wantsHelp(args)) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const message = errorMessage(error);
    io.stderr(`error: ${message.split('\n')[0]}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
