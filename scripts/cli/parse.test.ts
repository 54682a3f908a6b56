import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from './command';
import { singleActionCommand } from './parse';

function io() {
  const out: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: () => undefined, stdin: new PassThrough(), env: {} };
  return { value, out };
}

const calls: { out: string | undefined; dry: boolean }[] = [];
const exportCommand = singleActionCommand({
  name: 'report',
  summary: 'write the report',
  usage: 'Usage: report export --out <file>',
  action: 'export',
  example: 'report export --out file.csv',
  options: { out: { type: 'string' }, dry: { type: 'boolean', default: false } },
  async run(values) {
    calls.push({ out: values.out, dry: values.dry });
    return 0;
  },
});

describe('a command with one action word', () => {
  it('prints its usage: exit 2 with no arguments, 0 for --help, without running the action', async () => {
    const bare = io();
    expect(await exportCommand.run([], bare.value)).toBe(2);
    expect(bare.out.join('')).toBe('Usage: report export --out <file>\n');
    const help = io();
    expect(await exportCommand.run(['export', '--help'], help.value)).toBe(0);
    expect(help.out.join('')).toContain('Usage: report export');
    expect(calls).toEqual([]);
  });

  it('passes the parsed options after the action word to run', async () => {
    expect(await exportCommand.run(['export', '--out', 'a.csv', '--dry'], io().value)).toBe(0);
    expect(calls).toEqual([{ out: 'a.csv', dry: true }]);
  });

  it('names the call to make for another first word, and rejects unknown options', async () => {
    await expect(exportCommand.run(['import'], io().value)).rejects.toThrow(
      new UsageError('unknown report command "import" (try: report export --out file.csv)'),
    );
    await expect(exportCommand.run(['export', '--bogus'], io().value)).rejects.toThrow(UsageError);
  });
});
