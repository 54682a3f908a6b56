import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { readStoredTerminalConfig, provisionTerminal } from '../../electron/node/provisioning/terminal-config-store';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { IdCardSimulator } from '../../native-adapters/id-card-reader/simulator/id-card-simulator';
import { sampleCards } from '../../native-adapters/id-card-reader/simulator/sample-cards';
import { PrinterSimulator } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import type { CliIo } from '../../scripts/cli/command';
import { monitoringCommand } from '../../scripts/cli/commands/monitoring-command';
import { selftestCommand, type SelftestItem } from '../../scripts/cli/commands/selftest-command';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { openPtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';
import { freePort, startAgent, startTool, type ToolProcess } from './support/prometheus-processes';
import { requireTool } from './support/prometheus-tools';

/**
 * One terminal's /metrics: Prometheus naming (promtool check metrics), no resident data after a
 * session with an ID card read and a search for a name and ID number, and the monitoring path's
 * failures kept away from the kiosk: an unreachable district, wrong credentials (selftest).
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const card = sampleCards.resident;
if (card.type !== 'resident') throw new Error('the sample resident card changed');
/** The fictional card's personal fields and what a resident typed: none may reach the exposition. */
const SECRETS = [card.name, card.idNumber, card.birthDate, card.address, card.authority, '测试样例 110101198001010010 欠钱', '欠钱'];

function io(env: NodeJS.ProcessEnv): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: new PassThrough(), env: { ...process.env, ...env } },
    out: () => out,
    err: () => err,
  };
}

async function terminalWithDevices(
  monitoring: Record<string, unknown> | null,
): Promise<{ host: KioskHost; api: KioskApi; dataDir: string; metricsUrl: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-metrics-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const printerPair = await openPtyPair();
  const readerPair = await openPtyPair();
  const printerEnd = new SerialTransport({ path: printerPair.b, baudRate: 115200 });
  const readerEnd = new SerialTransport({ path: readerPair.b, baudRate: 115200 });
  await printerEnd.open();
  await readerEnd.open();
  const printer = new PrinterSimulator(printerEnd, { paperWidth: 58, png: false });
  const reader = new IdCardSimulator(readerEnd, { card });
  printer.start();
  reader.start();
  cleanups.push(async () => {
    printer.stop();
    reader.stop();
    await printerEnd.close();
    await readerEnd.close();
    await printerPair.close();
    await readerPair.close();
  });
  const port = await freePort();
  const provisioned = provisionTerminal(
    path.join(dataDir, 'config'),
    {
      terminalId: 'metrics-01',
      site: '测试站点（虚构）',
      region: '110101',
      adminPin: '583920',
      printer: { port: printerPair.a, baudRate: 115200, width: 58, flowControl: 'none' },
      idReader: { port: readerPair.a, baudRate: 115200 },
      metrics: { port },
      monitoring,
    },
    { baseDir: dataDir },
  );
  if (!provisioned.ok) throw new Error(provisioned.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: '0.1.0-test', logger: createMemoryLogger() });
  cleanups.push(() => host.closeAsync());
  const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  const metricsUrl = `http://127.0.0.1:${String(port)}/metrics`;
  return { host, api, dataDir, metricsUrl };
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${String(ms / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('terminal /metrics', () => {
  it('follows the Prometheus conventions and carries no personal data after a session with an ID card read', async () => {
    const { api, metricsUrl } = await terminalWithDevices(null);
    await until('reader and printer ready', async () => {
      const d = await api.devices.getStatus();
      return d.printer.state === 'ready' && d.idReader.state === 'ready';
    });
    // A resident's session: the card is read (masked fields only reach the screen), they search for their own name and number.
    await api.idcard.startRead({ fields: ['maskedName', 'maskedIdNumber', 'cardType'] });
    await until('card read', async () => (await api.idcard.getState()).state === 'read-ok');
    await api.search.query({ text: '测试样例 110101198001010010 欠钱', limit: 5 });
    await api.search.query({ text: '劳动合同 解除', limit: 5 });
    await api.session.end({ reason: 'finish' });

    const res = await fetch(metricsUrl);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    // Masked forms are not exported either: no name or number in any shape.
    expect(text).not.toMatch(/测\*+例|110101\*+/);
    expect(text).toMatch(/^fatong_sessions_total\{end="finish"\} 1$/m);
    expect(text).toMatch(/^fatong_searches_total\{category="[a-z-]+"\} [1-9]/m);
    expect(text).toMatch(/^fatong_device_state\{device="idReader",state="ready"\} 1$/m);
    expect(text).toMatch(/^fatong_printer_paper_state\{state="ok"\} 1$/m);
    expect(text).toMatch(/^fatong_disk_free_bytes\{dir="data"\} \d+/m);
    expect(text).toMatch(/^fatong_content_info\{slot="content",pack="[^"]+",version="[^"]+"\} 1$/m);
    // Every label value is an id, an enum or a short Chinese word (safeLabelValue).
    for (const m of text.matchAll(/="([^"]*)"/g)) expect(m[1]).toMatch(/^([A-Za-z0-9._:#-]{0,64}|[\u4e00-\u9fff]{1,8})$/);

    const lint = spawnSync(requireTool('promtool'), ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
    expect(lint.status).toBe(0);
  });

  it('an unreachable or hanging district never reaches the kiosk: the agent buffers, the kiosk answers', async () => {
    // A district that accepts connections and never answers (worse than a closed port).
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          hanging.closeAllConnections();
          hanging.close(() => resolve());
        }),
    );
    const url = `http://127.0.0.1:${String((hanging.address() as AddressInfo).port)}/api/v1/write`;
    const { api, dataDir, metricsUrl } = await terminalWithDevices({ remoteWriteUrl: url, scrapeSeconds: 1 });
    const config = path.join(dataDir, 'prometheus-agent.yml');
    const cli = io({ KIOSK_DATA_DIR: dataDir });
    expect(await monitoringCommand.run(['agent-config', '--out', config], cli.io), cli.err()).toBe(0);
    const agent: ToolProcess = await startAgent(config, path.join(dataDir, 'agent-wal'));
    // Stopping it would wait for its flush deadline on the hanging district: kill it.
    cleanups.push(() => agent.stop('SIGKILL'));

    // The agent reads the kiosk and keeps what it cannot send.
    await until('agent scraped the kiosk and holds unsent samples', async () => {
      const scraped = await promQueryAgentMetric(agent.url, 'prometheus_agent_active_series');
      const pending = await promQueryAgentMetric(agent.url, 'prometheus_remote_storage_samples_pending');
      return scraped > 0 && pending > 0;
    });
    // Meanwhile the kiosk serves residents and its own /metrics as usual.
    for (let i = 0; i < 5; i++) expect((await api.search.query({ text: '劳动合同', limit: 3 })).qa.length).toBeGreaterThan(0);
    expect((await fetch(metricsUrl)).status).toBe(200);
    expect(hanging.listening).toBe(true);
  });
  it('keeps the readings taken while the district is down and delivers them when it is back (the agent WAL)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-wal-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'central.yml'), 'global: {}\nstorage:\n  tsdb:\n    out_of_order_time_window: 7d\n');
    const port = await freePort();
    const startCentral = () =>
      startTool(
        requireTool('prometheus'),
        [
          `--config.file=${path.join(dir, 'central.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'central')}`,
          `--web.listen-address=127.0.0.1:${String(port)}`,
          '--web.enable-remote-write-receiver',
        ],
        `http://127.0.0.1:${String(port)}`,
        '/-/ready',
      );
    let central = await startCentral();
    cleanups.push(() => central.stop());
    const { dataDir } = await terminalWithDevices({ remoteWriteUrl: `${central.url}/api/v1/write`, scrapeSeconds: 1 });
    const config = path.join(dataDir, 'prometheus-agent.yml');
    const cli = io({ KIOSK_DATA_DIR: dataDir });
    expect(await monitoringCommand.run(['agent-config', '--out', config], cli.io), cli.err()).toBe(0);
    const agent = await startAgent(config, path.join(dataDir, 'agent-wal'));
    cleanups.push(() => agent.stop('SIGKILL'));
    /** Raw samples of fatong_up stored with timestamps in (from, to] (a range selector: no lookback filling gaps). */
    const upSamples = async (from: number, to: number): Promise<number> => {
      const range = `${String(Math.floor((to - from) / 1000))}s`;
      const res = await fetch(`${central.url}/api/v1/query?${new URLSearchParams({ query: `fatong_up[${range}]`, time: String(to / 1000) }).toString()}`);
      const json = (await res.json()) as { data: { result: Array<{ values: unknown[] }> } };
      return json.data.result.reduce((n, r) => n + r.values.length, 0);
    };
    await until('first readings at the district', async () => (await upSamples(Date.now() - 60_000, Date.now())) > 0);

    // The district goes away for a while; the kiosk and its agent go on.
    await central.stop();
    const outageFrom = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const outageTo = Date.now();
    central = await startCentral();
    // Readings timestamped inside the outage (only the agent can have them) arrive once its retry reaches the district again.
    await until('readings of the outage delivered', async () => (await upSamples(outageFrom + 1000, outageTo - 1000)) >= 3, 60_000);
  }, 90_000);
});

async function promQueryAgentMetric(agentUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${agentUrl}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('selftest: the district credentials', () => {
  it('names rejected credentials (HTTP 401) and passes with the right ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-selftest-monitoring-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // A central Prometheus behind basic auth (web config; bcrypt of "fatong-test-password", cost 4).
    const webConfig = path.join(dir, 'web.yml');
    writeFileSync(webConfig, 'basic_auth_users:\n  bj-dc-01: $2b$04$Gp2SJ3cUaZiMJsXLgY4ri.jpX21y8yQJPCYUr.kpS0/CYlgPUHjwC\n');
    writeFileSync(path.join(dir, 'prometheus.yml'), 'global: {}\n');
    const port = await freePort();
    const central = await startTool(
      requireTool('prometheus'),
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${String(port)}`,
        `--web.config.file=${webConfig}`,
        '--web.enable-remote-write-receiver',
      ],
      `http://127.0.0.1:${String(port)}`,
      '/-/healthy',
      { authorization: `Basic ${Buffer.from('bj-dc-01:fatong-test-password').toString('base64')}` },
    );
    cleanups.push(() => central.stop());

    const dataDir = path.join(dir, 'terminal');
    mkdirSync(dataDir);
    const wrong = path.join(dir, 'wrong-password');
    const right = path.join(dir, 'password');
    writeFileSync(wrong, 'not-the-password\n');
    writeFileSync(right, 'fatong-test-password\n');
    const selftest = async (passwordFile: string): Promise<SelftestItem | undefined> => {
      const r = provisionTerminal(
        path.join(dataDir, 'config'),
        {
          terminalId: 'bj-dc-01',
          site: '测试站点（虚构）',
          region: '110101',
          adminPin: '583920',
          metrics: { port: 9464 },
          monitoring: { remoteWriteUrl: `${central.url}/api/v1/write`, basicAuth: { username: 'bj-dc-01', passwordFile } },
        },
        { baseDir: dataDir },
      );
      expect(r.ok).toBe(true);
      expect(readStoredTerminalConfig(path.join(dataDir, 'config')).config?.monitoring?.basicAuth?.passwordFile).toBe(passwordFile);
      const cli = io({ KIOSK_DATA_DIR: dataDir });
      await selftestCommand.run(['--json'], cli.io);
      return (JSON.parse(cli.out()) as { items: SelftestItem[] }).items.find((i) => i.name === 'monitoring');
    };
    const rejected = await selftest(wrong);
    expect(rejected).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/rejects the credentials \(HTTP 401\): check monitoring\.basicAuth/) as unknown,
    });
    const accepted = await selftest(right);
    expect(accepted).toMatchObject({ ok: true, reason: expect.stringMatching(/accepts remote write with these credentials \(HTTP 204\)/) as unknown });
    // The empty write stored nothing.
    const auth = { authorization: `Basic ${Buffer.from('bj-dc-01:fatong-test-password').toString('base64')}` };
    const series = await fetch(`${central.url}/api/v1/label/__name__/values`, { headers: auth });
    expect(((await series.json()) as { data: string[] }).data.filter((n) => n.startsWith('fatong_'))).toEqual([]);
  });
});
