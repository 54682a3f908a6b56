import { existsSync } from 'node:fs';
import path from 'node:path';
import { applySetting, type ConfigProblem } from '../../../electron/common/config/terminal-config';
import { prepareDataDir, resolveDataDir } from '../../../electron/node/system/data-dir';
import {
  parseConfigText,
  provisionTerminal,
  readStoredTerminalConfig,
  redactConfig,
  storedAsInput,
  terminalConfigFile,
} from '../../../electron/node/provisioning/terminal-config-store';
import { readConfigFileText } from '../../../electron/node/provisioning/config-file-text';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandArgs } from '../parse';

const printProblems = (io: CliIo, problems: ConfigProblem[]): void => {
  io.stderr(`provision: ${String(problems.length)} problem${problems.length === 1 ? '' : 's'}; nothing was written — 配置有误，未写入任何内容:\n`);
  for (const p of problems) io.stderr(`  ${p.path}: ${p.message}\n`);
};

/** Exit codes: 0 written, 1 invalid configuration (every problem on stderr, nothing written), 2 usage. */
export const provisionCommand: CliCommand = {
  name: 'provision',
  summary: "Validate and install this terminal's configuration (YAML) under KIOSK_DATA_DIR/config",
  usage: `Usage: npm run cli -- provision --file <config.yaml> [--set <path>=<value> …] [--json]
       npm run cli -- provision --set <path>=<value> [--set …]      (change the installed one)

Validates the whole configuration and, only when every field is valid, writes it to
KIOSK_DATA_DIR/config/terminal.json (atomically; the admin PIN is stored only as a scrypt hash).
Each problem names the field and what is allowed; on any problem nothing is written and the
previous configuration stays in force. Restart the kiosk to apply it.

  --file  YAML file (see README → Provisioning for every key). Trusted keys may be PEM text or a
          .pub path relative to the file; they are inlined.
  --set   one value, applied after --file (or to the installed configuration without --file):
          printer.port=/dev/ttyS1, printer.baudRate=19200, idReader.baudRate=null,
          languages=zh-CN,en, adminPin=583920, monitoring=null … (repeatable)
  --json  print {ok, file} or {ok:false, problems:[{path, message}]} on stdout`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      file: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    });
    if (!values.file && values.set.length === 0) throw new UsageError('give --file <config.yaml> and/or --set <path>=<value>');
    const dataDir = prepareDataDir(resolveDataDir(io.env));
    let value: unknown;
    let baseDir = process.cwd();
    const fail = (problems: ConfigProblem[]): number => {
      if (values.json) io.stdout(`${JSON.stringify({ ok: false, problems })}\n`);
      printProblems(io, problems);
      return 1;
    };
    if (values.file) {
      const file = path.resolve(values.file);
      if (!existsSync(file)) throw new UsageError(`no such file: ${values.file}`);
      baseDir = path.dirname(file);
      const text = readConfigFileText(file);
      if (!text.ok) return fail(text.problems);
      const parsed = parseConfigText(text.text);
      if (!parsed.ok) return fail(parsed.problems);
      value = parsed.value;
    } else {
      value = storedAsInput(dataDir.config);
      if (value === null) throw new UsageError('this terminal is not provisioned yet: give --file <config.yaml>');
    }
    for (const assignment of values.set) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) break;
      const next = applySetting(value as Record<string, unknown>, assignment);
      if (!next.ok) return fail([next.problem]);
      value = next.value;
    }
    const result = provisionTerminal(dataDir.config, value, { baseDir });
    if (!result.ok) return fail(result.problems);
    if (values.json) io.stdout(`${JSON.stringify({ ok: true, file: result.file })}\n`);
    else
      io.stdout(
        `provisioned terminal ${result.config.terminalId} (${result.config.site}, region ${result.config.region}) → ${result.file}\n` +
          `restart the kiosk to apply it — 重启终端后生效\n`,
      );
    return 0;
  },
};

export const configShowCommand: CliCommand = {
  name: 'config show',
  summary: "Print this terminal's provisioned configuration (secrets hidden)",
  usage: `Usage: npm run cli -- config show [--json]

Prints KIOSK_DATA_DIR/config/terminal.json with the admin PIN hash hidden and trusted keys shown by
their key id. Exit 1 when the terminal is not provisioned or the stored file is not valid.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
    const dataDir = resolveDataDir(io.env);
    const configDir = path.join(dataDir, 'config');
    const { config, problems } = readStoredTerminalConfig(configDir);
    if (!config) {
      const reason =
        problems.length > 0
          ? `the stored configuration is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`
          : 'this terminal is not provisioned (run `provision --file <config.yaml>`)';
      if (values.json) io.stdout(`${JSON.stringify({ provisioned: false, file: terminalConfigFile(configDir), problems })}\n`);
      io.stderr(`config show: ${reason}\n`);
      return 1;
    }
    const shown = redactConfig(config);
    if (values.json) io.stdout(`${JSON.stringify({ provisioned: true, file: terminalConfigFile(configDir), config: shown })}\n`);
    else {
      const { stringify } = await import('yaml');
      io.stdout(`# ${terminalConfigFile(configDir)}\n${stringify(shown)}`);
    }
    return 0;
  },
};
