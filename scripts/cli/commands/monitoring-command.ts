import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { agentConfig } from '../../../electron/node/provisioning/monitoring-agent-config';
import { readStoredTerminalConfig } from '../../../electron/node/provisioning/terminal-config-store';
import { resolveDataDir } from '../../../electron/node/system/data-dir';
import { UsageError, type CliCommand } from '../command';
import { singleActionCommand } from '../parse';

const usage = `Usage: npm run cli -- monitoring agent-config --out <prometheus-agent.yml>
       npm run cli -- monitoring agent-config --stdout

Writes the configuration of the terminal's Prometheus agent (README → Fleet monitoring) from the
provisioned \`metrics\` and \`monitoring\` fields: it reads 127.0.0.1:<metrics.port>/metrics every
monitoring.scrapeSeconds and remote-writes to monitoring.remoteWriteUrl with the terminal id and
region as external labels. The shipped unit fatong-monitoring-agent.service reads
/etc/fatong/prometheus-agent.yml. Exit 1 when the terminal has no monitoring provisioned.`;

export const monitoringCommand: CliCommand = singleActionCommand({
  name: 'monitoring',
  summary: "Write the terminal's Prometheus agent configuration (remote write to the district)",
  usage,
  action: 'agent-config',
  example: 'monitoring agent-config --out file.yml',
  options: { out: { type: 'string' }, stdout: { type: 'boolean', default: false } },
  async run(values, io) {
    if (!values.out && !values.stdout) throw new UsageError('--out <file.yml> or --stdout is required');
    const { config, problems } = readStoredTerminalConfig(path.join(resolveDataDir(io.env), 'config'));
    if (!config) {
      io.stderr(
        `monitoring: ${problems.length > 0 ? `the provisioned configuration is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}` : 'the terminal is not provisioned: run `provision --file <config.yaml>` first'}\n`,
      );
      return 1;
    }
    if (!config.monitoring || !config.metrics) {
      io.stderr(
        'monitoring: no district monitoring is provisioned: add monitoring: {remoteWriteUrl, …} and metrics: {port} — 未配置区县监控：请在配置中填写 monitoring 和 metrics\n',
      );
      return 1;
    }
    const text = agentConfig(config);
    if (values.stdout) io.stdout(text);
    if (values.out) {
      mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
      writeFileSync(values.out, text, { mode: 0o644 });
      io.stdout(
        `wrote ${values.out}: terminal ${config.terminalId} → ${config.monitoring.remoteWriteUrl} every ${String(config.monitoring.scrapeSeconds)} s\n`,
      );
    }
    return 0;
  },
});
