import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliCommand, type CliIo } from './command';
import { runCli } from './run-cli';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdin: new PassThrough(), env: {} };
  return { value, out, err };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'say it back',
  usage: 'Usage: echo <word>',
  async run(args, cliIo) {
    if (args.length === 0) throw new UsageError('echo needs a word');
    if (args[0] === 'boom') throw new Error('disk full\nstack…');
    cliIo.stdout(args.join(' '));
    return 0;
  },
};
const contentLint: CliCommand = {
  name: 'content lint',
  summary: 'lint',
  usage: 'Usage: content lint <dir>',
  run: async (args, c) => (c.stdout(`lint ${args[0]}`), 0),
};

describe('the CLI dispatcher', () => {
  it('lists commands for help and exits 0; with no command it exits 2', async () => {
    const a = io();
    expect(await runCli(['help'], [echo], a.value)).toBe(0);
    expect(a.out.join('')).toContain('echo  say it back');
    expect(await runCli([], [echo], io().value)).toBe(2);
  });

  it('prints a command’s --help', async () => {
    const a = io();
    expect(await runCli(['echo', '--help'], [echo], a.value)).toBe(0);
    expect(a.out.join('')).toContain('Usage: echo <word>');
  });

  it('exits 2 with one line for bad input and unknown commands', async () => {
    const a = io();
    expect(await runCli(['echo'], [echo], a.value)).toBe(2);
    expect(a.err).toEqual(['error: echo needs a word\n']);
    const b = io();
    expect(await runCli(['nope'], [echo], b.value)).toBe(2);
    expect(b.err.join('')).toMatch(/unknown command "nope"/);
  });

  it('exits 1 on a failure, keeping only the first line of the reason', async () => {
    const a = io();
    expect(await runCli(['echo', 'boom'], [echo], a.value)).toBe(1);
    expect(a.err).toEqual(['error: disk full\n']);
  });

  it('dispatches two-word commands', async () => {
    const a = io();
    expect(await runCli(['content', 'lint', 'dir'], [contentLint], a.value)).toBe(0);
    expect(a.out).toEqual(['lint dir']);
  });
});
