import { parseArgs, type ParseArgsConfig } from 'node:util';

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>>;
import { UsageError, type CliCommand, type CliIo } from './command';

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
 * A command whose first word names its one action (`stats export …`, `monitoring agent-config …`).
 * No arguments prints the usage and exits 2, --help prints it and exits 0, any other first word is
 * a usage error that shows `example`; the words after the action are parsed with `options` and
 * `run` gets their values.
 */
export function singleActionCommand<O extends Options>(command: {
  name: string;
  summary: string;
  usage: string;
  action: string;
  example: string;
  options: O;
  run(values: Parsed<O>['values'], io: CliIo): Promise<number>;
}): CliCommand {
  return {
    name: command.name,
    summary: command.summary,
    usage: command.usage,
    async run(args, io) {
      if (wantsHelp(args) || args.length === 0) {
        io.stdout(`${command.usage}\n`);
        return args.length === 0 ? 2 : 0;
      }
      const [action, ...rest] = args;
      if (action !== command.action) throw new UsageError(`unknown ${command.name} command "${action ?? ''}" (try: ${command.example})`);
      return command.run(parseCommandArgs(rest, command.options).values, io);
    },
  };
}
