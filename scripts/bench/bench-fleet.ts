/**
 * npm run bench:fleet [-- --terminals 200 --seconds 120 --scrape 15]
 *
 * Load check of the district side: N simulated terminals remote-writing to the central Prometheus
 * (the shipped scripts/monitoring/prometheus.yml and rules, remote-write receiver on) for a while;
 * prints the samples per second the central ingested, its resident memory, the series it holds,
 * the remote-write bytes per sample, and the samples lost on the way (target 0).
 *
 * How the terminals are simulated: one Node process serves N /metrics endpoints, each the real
 * exposition of createTerminalMetrics (a busy terminal: every category, procedure step, reason and
 * error kind has counts, so the series count is the worst case), with counters growing between
 * scrapes; one Prometheus in agent mode scrapes all N with a distinct `terminal` label each (the
 * label a terminal's own agent adds) and remote-writes them. The central receives the same series
 * and samples per second as from N agents; what differs is the number of HTTP connections (a few
 * shards instead of N), which costs the central little next to ingesting the samples. N real agents
 * (30–60 MB each) do not fit on a 2-core test machine beside the central.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { USAGE_COUNTERS } from '../../electron/common/domain/usage-metrics';
import { agentArgs } from '../../electron/node/provisioning/monitoring-agent-config';
import { createTerminalMetrics, type TerminalMetricsSource } from '../../electron/node/provisioning/terminal-metrics';
import { legalDomainIds } from '../../kiosk-content/src/legal-domains/common/legal-domains';
import { freePort, requireTool, startTool, type ToolProcess } from '../lib/prometheus-process';
import { repoRoot } from '../lib/repo-paths';

const { values } = parseArgs({
  options: { terminals: { type: 'string', default: '200' }, seconds: { type: 'string', default: '120' }, scrape: { type: 'string', default: '15' } },
  strict: true,
});
const TERMINALS = Number(values.terminals);
const SECONDS = Number(values.seconds);
const SCRAPE = Number(values.scrape);

/** Every key a busy terminal has counts for: the content's procedures and their steps, all domains, all enums. */
function busyKeys(): Array<{ metric: string; key: string }> {
  const procedures = ['civil-suit', 'divorce', 'labour-dispute', 'legal-aid-precheck', 'notarisation', 'people-mediation'];
  const keys: Record<string, string[]> = {
    session: ['home', 'finish', 'idle', 'admin'],
    search: [...legalDomainIds, 'law', 'procedure', 'none'],
    'search-no-result': [''],
    'qa-opened': [...legalDomainIds],
    'procedure-started': procedures,
    'procedure-finished': procedures,
    'procedure-abandoned': procedures.flatMap((p) => ['start', 'who', 'what', 'evidence', 'summary'].map((s) => `${p}#${s}`)),
    'receipt-printed': ['办事指南', '法条', '问答'],
    satisfaction: ['satisfied', 'neutral', 'unsatisfied'],
    'feedback-reason': ['not-found', 'hard-to-read', 'hard-to-use', 'device-problem', 'too-slow', 'other'],
    'device-error': ['printer:attention', 'printer:offline', 'idReader:attention', 'idReader:offline'],
  };
  return USAGE_COUNTERS.flatMap((c) => (keys[c.stat] ?? []).map((key) => ({ metric: c.stat, key })));
}

function simulatedTerminal(index: number): TerminalMetricsSource {
  const started = Date.now() - index * 1000;
  const totals = busyKeys().map((k, i) => ({ ...k, count: (index * 7 + i * 13) % 50 }));
  const errors = ['receipts.send-failed', 'content.sync-failed', 'idcard.read-failed', 'stats.failed', 'api.internal-error'].flatMap((kind) => [
    { level: 'warn' as const, kind, count: index % 3 },
    { level: 'error' as const, kind, count: index % 2 },
  ]);
  const jobs = { done: index, failed: 0, cancelled: 0 };
  return {
    appVersion: '0.1.0',
    startedAt: started,
    now: () => Date.now(),
    content: () => ({
      content: { id: 'district-content', version: '2026.11.2', created: '2026-11-20T00:00:00Z' },
      laws: { id: 'national-laws', version: '2026.10', created: '2026-10-01T00:00:00Z' },
      lastSuccessfulSync: new Date(started).toISOString(),
    }),
    devices: () => ({ printer: { state: 'ready' }, idReader: { state: 'ready' } }),
    printerState: () => 'ready',
    // Residents keep using the terminal: a few counters grow between scrapes.
    usageTotals: () => {
      for (let i = 0; i < 3; i++) {
        const row = totals[Math.floor(Math.random() * totals.length)];
        if (row) row.count++;
      }
      jobs.done++;
      return totals;
    },
    problemCounts: () => errors,
    printJobs: () => jobs,
    disk: () => ({ freeBytes: 40e9 - index * 1e6, sizeBytes: 64e9 }),
  };
}

/** One reading of a Prometheus' own /metrics: the sum of each metric's series. */
async function ownMetrics(url: string): Promise<(name: string) => number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return (name) => [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function metricValue(url: string, name: string): Promise<number> {
  return (await ownMetrics(url))(name);
}

async function query(url: string, promql: string): Promise<number> {
  const json = (await (await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql }).toString()}`)).json()) as {
    error?: string;
    data?: { result: Array<{ value: [number, string] }> };
  };
  if (!json.data) throw new Error(`${promql}: ${json.error ?? 'no data'}`);
  return Number(json.data.result[0]?.value[1] ?? NaN);
}

/** Samples a range selector holds (counted here: count_over_time would merge series that differ only by name). */
async function storedSamples(url: string, selector: string): Promise<number> {
  const json = (await (await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: selector }).toString()}`)).json()) as {
    error?: string;
    data?: { result: Array<{ values: unknown[] }> };
  };
  if (!json.data) throw new Error(`${selector}: ${json.error ?? 'no data'}`);
  return json.data.result.reduce((n, s) => n + s.values.length, 0);
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fatong-bench-fleet-'));
  const processes: ToolProcess[] = [];
  const registries = Array.from({ length: TERMINALS }, (_, i) => createTerminalMetrics(simulatedTerminal(i)));
  const server = createServer((req, res) => {
    const index = Number(/^\/t\/(\d+)\/metrics$/.exec(req.url ?? '')?.[1] ?? -1);
    const registry = registries[index];
    if (!registry) return void res.writeHead(404).end();
    void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoints = `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const seriesPerTerminal = (await registries[0]?.getMetricsAsJSON())?.reduce((n, m) => n + m.values.length, 0) ?? 0;

  try {
    // The central Prometheus: the shipped configuration, this machine's free ports.
    const centralPort = await freePort();
    const config = parse(readFileSync(path.join(repoRoot, 'scripts/monitoring/prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      alerting?: unknown;
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    };
    config.rule_files = config.rule_files.map((f) => path.join(repoRoot, 'scripts/monitoring', f));
    delete config.alerting;
    for (const s of config.scrape_configs) s.static_configs = [{ targets: [`127.0.0.1:${String(centralPort)}`] }];
    writeFileSync(path.join(dir, 'central.yml'), stringify(config));
    const central = await startTool(
      requireTool('prometheus'),
      [
        `--config.file=${path.join(dir, 'central.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'central')}`,
        `--web.listen-address=127.0.0.1:${String(centralPort)}`,
        '--web.enable-remote-write-receiver',
        '--log.level=warn',
      ],
      `http://127.0.0.1:${String(centralPort)}`,
      '/-/ready',
    );
    processes.push(central);

    // One agent for all simulated terminals, each target labelled like a terminal's own agent labels it.
    const agentConfig = {
      global: { scrape_interval: `${String(SCRAPE)}s`, scrape_timeout: `${String(Math.min(10, SCRAPE))}s` },
      scrape_configs: [
        {
          job_name: 'fatong',
          metrics_path: '/metrics',
          static_configs: Array.from({ length: TERMINALS }, (_, i) => ({
            targets: [endpoints],
            labels: { terminal: `bench-${String(i).padStart(4, '0')}`, region: '110101', __metrics_path__: `/t/${String(i)}/metrics` },
          })),
        },
      ],
      remote_write: [{ url: `${central.url}/api/v1/write`, queue_config: { batch_send_deadline: '5s' } }],
    };
    writeFileSync(path.join(dir, 'agent.yml'), stringify(agentConfig));
    const agentPort = await freePort();
    const agent = await startTool(
      requireTool('prometheus'),
      [
        ...agentArgs({ configFile: path.join(dir, 'agent.yml'), walDir: path.join(dir, 'agent-wal'), listen: `127.0.0.1:${String(agentPort)}` }),
        '--log.level=warn',
      ],
      `http://127.0.0.1:${String(agentPort)}`,
      '/-/ready',
    );
    processes.push(agent);

    const appendedBefore = await metricValue(central.url, 'prometheus_tsdb_head_samples_appended_total');
    const t0 = Date.now();
    let peakRss = 0;
    process.stdout.write(
      `bench:fleet — ${String(TERMINALS)} terminals × ${String(seriesPerTerminal)} series, scraped every ${String(SCRAPE)} s, for ${String(SECONDS)} s\n`,
    );
    while (Date.now() - t0 < SECONDS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      peakRss = Math.max(peakRss, rssMb(central.child.pid));
    }
    const elapsed = (Date.now() - t0) / 1000;
    const appended = (await metricValue(central.url, 'prometheus_tsdb_head_samples_appended_total')) - appendedBefore;
    // The agent keeps scraping: read its counters once, give what it had sent a moment to be stored, then count at the central.
    const agentNow = await ownMetrics(agent.url);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sent = agentNow('prometheus_remote_storage_samples_total');
    const failed = agentNow('prometheus_remote_storage_samples_failed_total');
    const dropped = agentNow('prometheus_remote_storage_samples_dropped_total');
    const bytes = agentNow('prometheus_remote_storage_bytes_total');
    const agentAppended = agentNow('prometheus_agent_samples_appended_total');
    // Every sample of the simulated terminals the central stored (job="fatong": their series and the scrape's own up, scrape_* series).
    const stored = await storedSamples(central.url, `{job="fatong"}[${String(Math.ceil(elapsed) + 120)}s]`);
    const headSeries = await metricValue(central.url, 'prometheus_tsdb_head_series');
    const terminalsSeen = await query(central.url, 'count(count by (terminal) (fatong_up))');
    const fatongSeries = await query(central.url, 'count({__name__=~"fatong_.+"})');
    const outOfOrder = await metricValue(central.url, 'prometheus_tsdb_out_of_order_samples_total');
    const rss = rssMb(central.child.pid);

    const rows: Array<[string, string]> = [
      ['terminals reporting at the central', `${String(terminalsSeen)} / ${String(TERMINALS)}`],
      ['series per terminal (exposition)', String(seriesPerTerminal)],
      ['fatong series at the central', String(fatongSeries)],
      ['central head series (all)', String(headSeries)],
      ['samples the agent took in / sent / the central stored', `${String(agentAppended)} / ${String(sent)} / ${String(stored)}`],
      ['samples appended at the central during the run', String(Math.round(appended))],
      ['samples/s ingested (central, over the run)', (appended / elapsed).toFixed(0)],
      ['samples/s expected (terminals × series / scrape)', ((TERMINALS * seriesPerTerminal) / SCRAPE).toFixed(0)],
      ['remote-write bytes per sample (snappy protobuf)', (bytes / Math.max(1, sent)).toFixed(2)],
      ['in flight at the agent when read (taken in − sent)', String(agentAppended - sent)],
      [
        'dropped samples: agent dropped + failed + (sent − stored) (target 0)',
        `${String(dropped + failed + Math.max(0, sent - stored))} (${String(dropped)} dropped, ${String(failed)} failed; stored − sent ${String(stored - sent)}: sent after the reading)`,
      ],
      ['out-of-order samples rejected', String(outOfOrder)],
      ['central RSS now / peak (MB)', `${rss.toFixed(0)} / ${Math.max(peakRss, rss).toFixed(0)}`],
    ];
    for (const [name, value] of rows) process.stdout.write(`  ${name.padEnd(72)} ${value}\n`);
  } finally {
    for (const p of processes.reverse()) await p.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:fleet failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
