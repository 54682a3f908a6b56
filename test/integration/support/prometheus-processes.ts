import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { agentArgs } from '../../../electron/node/provisioning/monitoring-agent-config';
import { repoRoot } from '../../../scripts/lib/repo-paths';
import { freePort, requireTool, startTool, type ToolProcess } from '../../../scripts/lib/prometheus-process';

export { freePort, startTool, type ToolProcess };

export interface CentralOptions {
  dir: string;
  alertmanagerUrl: string;
  /** Replaces every alert's `for:` (the test override of the shipped rules). */
  alertFor: string;
  evaluationInterval: string;
  lookbackDelta: string;
}

/**
 * The district's Prometheus from scripts/monitoring/prometheus.yml with the remote-write receiver,
 * and the shipped rules with a test override: a copy in which only each alert's `for:` is shorter.
 */
export async function startCentral(options: CentralOptions): Promise<ToolProcess> {
  const district = path.join(repoRoot, 'scripts/monitoring');
  const port = await freePort();
  const config = parse(readFileSync(path.join(district, 'prometheus.yml'), 'utf8')) as {
    global: Record<string, string>;
    rule_files: string[];
    alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
    scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
  };
  const rulesDir = path.join(options.dir, 'rules');
  mkdirSync(rulesDir, { recursive: true });
  config.rule_files = config.rule_files.map((file) => {
    const rules = parse(readFileSync(path.join(district, file), 'utf8')) as {
      groups: Array<{ interval?: string; rules: Array<{ alert?: string; for?: string }> }>;
    };
    for (const group of rules.groups) {
      if (group.interval) group.interval = options.evaluationInterval;
      for (const rule of group.rules) if (rule.alert) rule.for = options.alertFor;
    }
    const out = path.join(rulesDir, path.basename(file));
    writeFileSync(out, stringify(rules));
    return out;
  });
  config.global['evaluation_interval'] = options.evaluationInterval;
  config.global['scrape_interval'] = '5s';
  config.alerting.alertmanagers = [{ static_configs: [{ targets: [new URL(options.alertmanagerUrl).host] }] }];
  for (const scrape of config.scrape_configs) scrape.static_configs = [{ targets: [`127.0.0.1:${String(port)}`] }];
  const file = path.join(options.dir, 'prometheus.yml');
  writeFileSync(file, stringify(config));
  return startTool(
    requireTool('prometheus'),
    [
      `--config.file=${file}`,
      `--storage.tsdb.path=${path.join(options.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${String(port)}`,
      '--web.enable-remote-write-receiver',
      `--query.lookback-delta=${options.lookbackDelta}`,
      '--rules.alert.resend-delay=1s',
      '--log.level=warn',
    ],
    `http://127.0.0.1:${String(port)}`,
    '/-/ready',
  );
}

/** Alertmanager from scripts/monitoring/alertmanager.yml, its webhook pointed at `webhookUrl`, waits shortened. */
export async function startAlertmanager(dir: string, webhookUrl: string): Promise<ToolProcess> {
  const port = await freePort();
  const config = parse(readFileSync(path.join(repoRoot, 'scripts/monitoring/alertmanager.yml'), 'utf8')) as {
    route: Record<string, unknown>;
    receivers: Array<{ webhook_configs: Array<{ url: string }> }>;
  };
  config.route['group_wait'] = '1s';
  config.route['group_interval'] = '1s';
  for (const receiver of config.receivers) for (const hook of receiver.webhook_configs) hook.url = webhookUrl;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'alertmanager.yml');
  writeFileSync(file, stringify(config));
  return startTool(
    requireTool('prometheus-alertmanager'),
    [
      `--config.file=${file}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${String(port)}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    `http://127.0.0.1:${String(port)}`,
    '/-/ready',
  );
}

/** A terminal's agent as the shipped unit runs it (agentArgs), on a free loopback port. */
export async function startAgent(configFile: string, walDir: string): Promise<ToolProcess> {
  const port = await freePort();
  return startTool(
    requireTool('prometheus'),
    [...agentArgs({ configFile, walDir, listen: `127.0.0.1:${String(port)}` }), '--log.level=warn'],
    `http://127.0.0.1:${String(port)}`,
    '/-/ready',
  );
}

/** An instant query on a Prometheus' HTTP API. */
export async function promQuery(url: string, query: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query }).toString()}`);
  const json = (await res.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  if (json.status !== 'success') throw new Error(`query ${query}: ${json.error ?? res.status}`);
  return json.data.result;
}
