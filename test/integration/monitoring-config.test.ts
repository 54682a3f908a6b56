import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateTerminalConfig, type StoredTerminalConfig } from '../../electron/common/config/terminal-config';
import { agentConfig } from '../../electron/node/provisioning/monitoring-agent-config';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { requireTool, runTool } from './support/prometheus-tools';

/** The district's Prometheus and Alertmanager configuration and the terminals' agent configuration, checked by Debian's own tools. */
const district = path.join(repoRoot, 'scripts/monitoring');
const dir = mkdtempSync(path.join(tmpdir(), 'fatong-agent-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function provisioned(monitoring: Record<string, unknown>): StoredTerminalConfig {
  const result = validateTerminalConfig({
    terminalId: 'bj-dc-01',
    site: '测试站点',
    region: '110101',
    adminPin: '583920',
    metrics: { port: 9464 },
    monitoring,
  });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return { ...result.config, adminPinHash: 'unused' } as unknown as StoredTerminalConfig;
}

describe('district monitoring configuration', () => {
  it('promtool check config: the central Prometheus with its rule files', () => {
    const out = runTool(requireTool('promtool'), ['check', 'config', 'prometheus.yml'], district);
    expect(out).toContain('SUCCESS: 2 rule files found');
    expect(out).toMatch(/SUCCESS: 7 rules found/);
  });

  it('promtool test rules: every alert and recording rule against its unit tests', () => {
    const tests = readdirSync(path.join(district, 'rules-tests')).filter((f) => f.endsWith('.test.yml'));
    expect(tests.length).toBeGreaterThan(0);
    const out = runTool(requireTool('promtool'), ['test', 'rules', ...tests.map((t) => path.join('rules-tests', t))], district);
    expect(out).toContain('SUCCESS');
    expect(out).not.toContain('FAILED');
  });

  it('amtool check-config: the Alertmanager routing to the webhook', () => {
    const out = runTool(requireTool('amtool'), ['check-config', 'alertmanager.yml'], district);
    expect(out).toContain('SUCCESS');
    expect(out).toContain('1 receivers');
  });

  it('every alert has a plain-Chinese summary naming the terminal', async () => {
    const { parse } = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const rules = parse(readFileSync(path.join(district, 'rules/fatong-alerts.yml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ alert: string; annotations: { summary: string } }> }>;
    };
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.map((a) => a.alert).sort()).toEqual([
      'FatongContentBehind',
      'FatongDiskLow',
      'FatongErrorRateHigh',
      'FatongIdReaderOffline',
      'FatongPrinterCoverOpen',
      'FatongPrinterPaperOut',
      'FatongTerminalSilent',
    ]);
    for (const a of alerts) expect(a.annotations.summary, a.alert).toMatch(/^终端 \{\{ \$labels\.terminal \}\} .*[\u4e00-\u9fff].*。$/);
  });
});

describe('terminal agent configuration', () => {
  it('basic auth + CA file: promtool accepts it; credentials stay in their files', () => {
    const passwordFile = path.join(dir, 'password');
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(passwordFile, 'not-a-real-password\n');
    writeFileSync(caFile, '');
    const text = agentConfig(
      provisioned({ remoteWriteUrl: 'https://monitor.example.org/api/v1/write', basicAuth: { username: 'bj-dc-01', passwordFile }, tlsCaFile: caFile }),
    );
    const file = path.join(dir, 'agent.yml');
    writeFileSync(file, text);
    expect(runTool(requireTool('promtool'), ['check', 'config', '--syntax-only', file])).toContain('SUCCESS');
    expect(text).toContain(`password_file: ${passwordFile}`);
    expect(text).not.toContain('not-a-real-password');
    expect(text).toMatch(/external_labels:\n\s+terminal: bj-dc-01\n\s+region: "110101"/);
    expect(text).toContain('- 127.0.0.1:9464');
  });

  it('bearer token file', () => {
    const tokenFile = path.join(dir, 'token');
    writeFileSync(tokenFile, 'x');
    const text = agentConfig(provisioned({ remoteWriteUrl: 'http://10.0.0.5:9090/api/v1/write', bearerTokenFile: tokenFile, scrapeSeconds: 15 }));
    const file = path.join(dir, 'agent-bearer.yml');
    writeFileSync(file, text);
    expect(runTool(requireTool('promtool'), ['check', 'config', '--syntax-only', file])).toContain('SUCCESS');
    expect(text).toContain(`credentials_file: ${tokenFile}`);
    expect(text).toContain('scrape_interval: 15s');
  });
});
