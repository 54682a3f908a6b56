import { parseArgs, type ParseArgsConfig } from 'node:util';

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>>;
import { UsageError, type CliIo } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into one-line usage errors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'bad arguments') : 'bad arguments');
  }
}

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/**
 * For a command whose first word names its one action (`stats export …`, `monitoring agent-config …`):
 * the arguments after that word, or the exit code once the usage is printed (no arguments: 2,
 * --help: 0). Any other first word is a usage error that shows the call to make.
 */
export function argsAfterSubcommand(
  args: string[],
  io: Pick<CliIo, 'stdout'>,
  command: { name: string; usage: string; subcommand: string; example: string },
): string[] | number {
  if (wantsHelp(args) || args.length === 0) {
    io.stdout(`${command.usage}\n`);
    return args.length === 0 ? 2 : 0;
  }
  const [sub, ...rest] = args;
  if (sub !== command.subcommand) throw new UsageError(`unknown ${command.name} command "${sub ?? ''}" (try: ${command.example})`);
  return rest;
}
