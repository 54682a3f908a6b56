/**
 * One technicians' / editors' command. `npm run cli -- <name> …` finds it in the registry
 * (scripts/cli/commands/index.ts). A command throws UsageError for bad input: the CLI prints
 * its one-line reason and exits 2; any other failure exits 1.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full usage text printed by `<name> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
