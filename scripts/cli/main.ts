/** `npm run cli -- <command> …`: the one entry point for technicians' and editors' tools. */
import { commands } from './commands/index';
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2), commands, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
