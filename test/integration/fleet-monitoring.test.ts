import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import { localDay } from '../../electron/common/domain/query-redaction';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { provisionTerminal } from '../../electron/node/provisioning/terminal-config-store';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { PrinterSimulator } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import type { CliCommand, CliIo } from '../../scripts/cli/command';
import { monitoringCommand } from '../../scripts/cli/commands/monitoring-command';
import { statsCommand } from '../../scripts/cli/commands/stats-command';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { openPtyPair, type PtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';
import { freePort, promQuery, startAgent, startAlertmanager, startCentral, type ToolProcess } from './support/prometheus-processes';

/**
 * A district on loopback: the central Prometheus (remote-write receiver, the shipped rules with
 * every alert's `for:` shortened to 2 s, 1 s evaluation, a 20 s lookback so a terminal on a busy
 * CI machine does not look silent) and Alertmanager (the shipped routing, its webhook pointed at a
 * receiver in this test), and five terminals — each a real KioskHost with its receipt printer
 * simulator on a socat pty, provisioned with `metrics` and `monitoring`, and its own Prometheus
 * agent from `monitoring agent-config`.
 */

const TERMINALS = 5;
const PROCEDURE = 'legal-aid-precheck';
const OUTCOME = 'centre-checks';

interface Notification {
  status: 'firing' | 'resolved';
  alerts: Array<{ status: 'firing' | 'resolved'; labels: Record<string, string>; annotations: Record<string, string> }>;
}

interface Terminal {
  id: string;
  dataDir: string;
  pair: PtyPair;
  printerEnd: SerialTransport;
  simulator: PrinterSimulator;
  host: KioskHost | null;
  api: KioskApi | null;
  agent: ToolProcess | null;
  agentConfig: string;
}

let root: string;
let webhook: Server;
let webhookUrl: string;
const notifications: Notification[] = [];
let alertmanager: ToolProcess;
let central: ToolProcess;
const terminals: Terminal[] = [];

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${String(ms / 1000)} s\ncentral: ${central.output().slice(-1500)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function runCli(command: CliCommand, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: new PassThrough(), env: { ...process.env, ...env } };
  const code = await command.run(args, io);
  return { code, out, err };
}

function startHost(t: Terminal): void {
  t.host = new KioskHost({ dataDir: t.dataDir, contentDir: defaultContentDir, appVersion: '0.1.0-test', logger: createMemoryLogger() });
  t.api = createRpcClient(kioskContract, createDirectLink(t.host.rpc)) as KioskApi;
}

/** What a few residents do on terminal i: sessions, searches (one with nothing found), Q&A, a printed receipt. */
async function useTerminal(t: Terminal, i: number): Promise<void> {
  const api = t.api;
  if (!api) throw new Error('host not running');
  for (let s = 0; s <= i; s++) {
    await api.search.query({ text: '劳动合同 解除 赔偿', limit: 5 });
    if (s % 2 === 0) await api.search.query({ text: '测试用不存在的词语甲乙丙', limit: 5 });
    await api.session.end({ reason: s % 2 === 0 ? 'home' : 'finish' });
  }
  if (i % 2 === 0) {
    await until(`printer of ${t.id} ready`, async () => (await api.receipts.getStatus()).printer.state === 'ready');
    await api.procedures.get({ id: PROCEDURE });
    const preview = await api.receipts.previewOutcome({ procedureId: PROCEDURE, outcomeId: OUTCOME, reasons: [] });
    if (!preview) throw new Error('no receipt preview');
    const result = await api.receipts.print({
      target: { kind: 'outcome', procedureId: PROCEDURE, outcomeId: OUTCOME, reasons: [] },
      reference: preview.reference,
    });
    await until(`receipt on ${t.id} printed`, async () => (await api.receipts.getStatus()).jobs.find((j) => j.id === result?.job.id)?.state === 'done');
    await api.session.end({ reason: 'finish' });
  }
}

function alertsSeen(alertname: string, terminal: string, status: 'firing' | 'resolved'): Notification['alerts'] {
  return notifications.flatMap((n) => n.alerts).filter((a) => a.labels['alertname'] === alertname && a.labels['terminal'] === terminal && a.status === status);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'fatong-fleet-'));
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      notifications.push(JSON.parse(body) as Notification);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${String((webhook.address() as AddressInfo).port)}/fatong-alerts`;
  alertmanager = await startAlertmanager(path.join(root, 'alertmanager'), webhookUrl);
  central = await startCentral({
    dir: path.join(root, 'central'),
    alertmanagerUrl: alertmanager.url,
    alertFor: '2s',
    evaluationInterval: '1s',
    lookbackDelta: '20s',
  });

  for (let i = 0; i < TERMINALS; i++) {
    const id = `fleet-0${String(i + 1)}`;
    const dataDir = path.join(root, id);
    mkdirSync(dataDir);
    const pair = await openPtyPair();
    const printerEnd = new SerialTransport({ path: pair.b, baudRate: 115200 });
    await printerEnd.open();
    const simulator = new PrinterSimulator(printerEnd, { paperWidth: 58, png: false });
    simulator.start();
    const provisioned = provisionTerminal(
      path.join(dataDir, 'config'),
      {
        terminalId: id,
        site: `测试站点${String(i + 1)}（虚构）`,
        region: '110101',
        adminPin: '583920',
        printer: { port: pair.a, baudRate: 115200, width: 58, flowControl: 'none' },
        metrics: { port: await freePort() },
        monitoring: { remoteWriteUrl: `${central.url}/api/v1/write`, scrapeSeconds: 1 },
      },
      { baseDir: dataDir },
    );
    if (!provisioned.ok) throw new Error(provisioned.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    const agentConfig = path.join(dataDir, 'prometheus-agent.yml');
    const written = await runCli(monitoringCommand, ['agent-config', '--out', agentConfig], { KIOSK_DATA_DIR: dataDir });
    expect(written.code, written.err).toBe(0);
    const t: Terminal = { id, dataDir, pair, printerEnd, simulator, host: null, api: null, agent: null, agentConfig };
    terminals.push(t);
    startHost(t);
    t.agent = await startAgent(agentConfig, path.join(dataDir, 'agent-wal'));
  }
  for (const [i, t] of terminals.entries()) await useTerminal(t, i);
}, 150_000);

afterAll(async () => {
  for (const t of terminals) {
    await t.agent?.stop();
    await t.host?.closeAsync();
    t.simulator.stop();
    await t.printerEnd.close();
    await t.pair.close();
  }
  await central?.stop();
  await alertmanager?.stop();
  await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
  rmSync(root, { recursive: true, force: true });
});

describe('fleet monitoring on Prometheus and Alertmanager', () => {
  it('every terminal reports to the central Prometheus through its agent, labelled with its id and region', async () => {
    const up = await until('five terminals reporting', async () => {
      const r = await promQuery(central.url, 'fatong_up');
      return r.length === TERMINALS ? r : undefined;
    });
    expect(up.map((s) => s.metric['terminal']).sort()).toEqual(terminals.map((t) => t.id));
    expect(up.every((s) => s.metric['region'] === '110101' && s.metric['job'] === 'fatong')).toBe(true);
    const printers = await promQuery(central.url, 'fatong_printer_paper_state{state="ok"} == 1');
    expect(printers).toHaveLength(TERMINALS);
  });

  it('a printer out of paper: the paper alert reaches the webhook naming that terminal; a stopped terminal: the silent alert', async () => {
    const paperless = terminals[1];
    const stopped = terminals[3];
    if (!paperless || !stopped) throw new Error('terminals missing');
    paperless.simulator.runOutOfPaper();
    await stopped.agent?.stop('SIGKILL');
    stopped.agent = null;
    await stopped.host?.closeAsync();
    stopped.host = null;

    const paper = await until('FatongPrinterPaperOut at the webhook', () => alertsSeen('FatongPrinterPaperOut', paperless.id, 'firing')[0]);
    expect(paper.annotations['summary']).toBe(`终端 ${paperless.id} 的凭条打印机缺纸已超过 5 分钟，群众无法打印，请到现场装纸。`);
    const silent = await until('FatongTerminalSilent at the webhook', () => alertsSeen('FatongTerminalSilent', stopped.id, 'firing')[0]);
    expect(silent.labels).toMatchObject({ terminal: stopped.id, region: '110101', severity: 'critical' });
    expect(silent.annotations['summary']).toContain(`终端 ${stopped.id} 已超过 15 分钟没有上报`);
    // Only those two terminals are named.
    const named = new Set(
      notifications
        .flatMap((n) => n.alerts)
        .filter((a) => a.status === 'firing')
        .map((a) => `${a.labels['alertname'] ?? ''}/${a.labels['terminal'] ?? ''}`),
    );
    expect([...named].sort()).toEqual([`FatongPrinterPaperOut/${paperless.id}`, `FatongTerminalSilent/${stopped.id}`]);

    // Restored: paper loaded, the terminal started again (host and agent): both alerts resolve.
    paperless.simulator.loadPaper();
    startHost(stopped);
    stopped.agent = await startAgent(stopped.agentConfig, path.join(stopped.dataDir, 'agent-wal'));
    await until('paper alert resolved', () => alertsSeen('FatongPrinterPaperOut', paperless.id, 'resolved')[0]);
    await until('silent alert resolved', () => alertsSeen('FatongTerminalSilent', stopped.id, 'resolved')[0]);
  }, 150_000);

  it('stats export --fleet: the district CSV is the sum of the terminals’ own exports', async () => {
    const month = localDay(new Date()).slice(0, 7);
    // Each terminal's own export, and the totals the central Prometheus must have caught up with.
    const own: string[] = [];
    for (const t of terminals) {
      const file = path.join(root, `${t.id}.csv`);
      const r = await runCli(statsCommand, ['export', '--month', month, '--out', file], { KIOSK_DATA_DIR: t.dataDir });
      expect(r.code, r.err).toBe(0);
      own.push(readFileSync(file, 'utf8'));
    }
    const ownTables = own.map(parseCsv);
    const expectedSearches = ownTables.reduce((sum, t) => sum + Number(t.daily.get('合计')?.[1] ?? 0), 0);
    expect(expectedSearches).toBeGreaterThan(0);
    await until('central caught up with every search', async () => {
      const r = await promQuery(central.url, 'sum(last_over_time(fatong_searches_total[1h]))');
      return Number(r[0]?.value[1] ?? -1) === expectedSearches || undefined;
    });

    const out = path.join(root, 'district.csv');
    const r = await runCli(statsCommand, ['export', '--fleet', '--prometheus', central.url, '--month', month, '--out', out], {});
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`${String(TERMINALS)} terminal(s)`);
    const district = parseCsv(readFileSync(out, 'utf8'));

    // 每日汇总: every day and column is the sum of the terminals' rows.
    const days = new Set(ownTables.flatMap((t) => [...t.daily.keys()]));
    expect([...district.daily.keys()].sort()).toEqual([...days].sort());
    for (const day of days) {
      const sum = ownTables.map((t) => t.daily.get(day) ?? []).reduce((acc, row) => acc.map((v, k) => v + Number(row[k] ?? 0)), new Array<number>(12).fill(0));
      expect(district.daily.get(day)?.map(Number), day).toEqual(sum);
    }
    // 分类明细: every category count is the sum.
    const detail = new Map<string, number>();
    for (const t of ownTables) for (const [k, v] of t.detail) detail.set(k, (detail.get(k) ?? 0) + v);
    expect(Object.fromEntries(district.detail)).toEqual(Object.fromEntries(detail));
    // 各终端合计: one row per terminal equal to its own month total.
    for (const [i, t] of terminals.entries()) expect(district.perTerminal.get(t.id)).toEqual(ownTables[i]?.daily.get('合计'));
    expect(readFileSync(out, 'utf8')).toContain('查询内容不离开终端');
  });
});

/** The tables of a statistics CSV (per terminal or fleet): 每日汇总 rows by date, 分类明细 counts by item+category, 各终端合计. */
function parseCsv(text: string): { daily: Map<string, string[]>; detail: Map<string, number>; perTerminal: Map<string, string[]> } {
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  const daily = new Map<string, string[]>();
  const detail = new Map<string, number>();
  const perTerminal = new Map<string, string[]>();
  let section = '';
  for (const line of lines) {
    if (line === '') {
      section = '';
      continue;
    }
    const fields = line.split(',');
    if (section === '' && fields.length === 1) {
      section = fields[0] ?? '';
      continue;
    }
    if (fields[0] === '日期' || fields[0] === '项目' || fields[0] === '终端') continue;
    if (section === '每日汇总') daily.set(fields[0] ?? '', fields.slice(1));
    else if (section === '分类明细') detail.set(`${fields[0] ?? ''}|${fields[1] ?? ''}`, Number(fields[2]));
    else if (section === '各终端合计' && fields[0] !== '合计') perTerminal.set(fields[0] ?? '', fields.slice(1));
  }
  return { daily, detail, perTerminal };
}
