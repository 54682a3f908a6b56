import { stringify } from 'yaml';
import type { StoredTerminalConfig } from '../../common/config/terminal-config';

export interface AgentConfigOptions {
  /** Seconds the agent waits to fill a batch before sending (default: the scrape interval, at most 5). */
  sendDeadlineSeconds?: number;
}

/**
 * The Prometheus agent-mode configuration of one terminal, from its provisioned `metrics` and
 * `monitoring` fields: scrape the kiosk's loopback /metrics and remote-write to the district with
 * the terminal id (and region) as external labels. While the district is unreachable the agent
 * keeps the samples in its write-ahead log (--storage.agent.path, kept up to
 * --storage.agent.retention.max-time) and sends them, oldest first, when it is back; the kiosk
 * never waits on any of this. Credentials stay in their files (password_file, credentials_file).
 */
export function agentConfig(config: Pick<StoredTerminalConfig, 'terminalId' | 'region' | 'metrics' | 'monitoring'>, options: AgentConfigOptions = {}): string {
  const monitoring = config.monitoring;
  if (!monitoring) throw new Error('monitoring is not provisioned (monitoring: {remoteWriteUrl, …} in the terminal configuration)');
  if (!config.metrics) throw new Error('metrics is not provisioned (metrics: {port}): the agent has nothing to read');
  const interval = monitoring.scrapeSeconds;
  const deadline = options.sendDeadlineSeconds ?? Math.min(5, interval);
  const remoteWrite: Record<string, unknown> = {
    url: monitoring.remoteWriteUrl,
    remote_timeout: '30s',
    queue_config: { batch_send_deadline: `${String(deadline)}s`, min_backoff: '1s', max_backoff: '1m', max_shards: 2 },
  };
  if (monitoring.basicAuth) remoteWrite['basic_auth'] = { username: monitoring.basicAuth.username, password_file: monitoring.basicAuth.passwordFile };
  if (monitoring.bearerTokenFile) remoteWrite['authorization'] = { type: 'Bearer', credentials_file: monitoring.bearerTokenFile };
  if (monitoring.tlsCaFile) remoteWrite['tls_config'] = { ca_file: monitoring.tlsCaFile };
  const document = {
    global: {
      scrape_interval: `${String(interval)}s`,
      scrape_timeout: `${String(Math.min(10, interval))}s`,
      external_labels: { terminal: config.terminalId, region: config.region },
    },
    scrape_configs: [{ job_name: 'fatong', static_configs: [{ targets: [`127.0.0.1:${String(config.metrics.port)}`] }] }],
    remote_write: [remoteWrite],
  };
  return `# Prometheus agent of Fatong terminal ${config.terminalId}, written by \`fatong monitoring agent-config\`
# from the provisioned configuration; provision again and re-run it instead of editing this file.
${stringify(document)}`;
}

/** The agent's command line (the systemd unit and the integration test use the same flags). */
export function agentArgs(paths: { configFile: string; walDir: string; listen: string }): string[] {
  return [
    '--enable-feature=agent',
    `--config.file=${paths.configFile}`,
    `--storage.agent.path=${paths.walDir}`,
    // A week offline is still delivered; the district accepts it (out_of_order_time_window).
    '--storage.agent.retention.max-time=7d',
    '--storage.agent.wal-compression',
    `--web.listen-address=${paths.listen}`,
  ];
}
