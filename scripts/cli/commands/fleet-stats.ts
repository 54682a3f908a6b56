import type { StatsSummary } from '../../../electron/common/contract/stats-api';
import { csvField, dailyColumnNames, dailyCounts, formatStatsCsv } from '../../../electron/common/domain/stats-csv';
import { keyOfLabels, USAGE_COUNTERS } from '../../../electron/common/domain/usage-metrics';

type Rows = StatsSummary['rows'];

export interface FleetMonth {
  from: string;
  to: string;
  /** Each terminal's rows (same shape as its own stats.db summary). */
  terminals: Map<string, Rows>;
  /** The sum over all terminals. */
  district: Rows;
}

interface RangeSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local midnight of `day` (YYYY-MM-DD) at a fixed UTC offset, in Unix seconds. */
function midnight(day: string, utcOffsetMinutes: number): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000 - utcOffsetMinutes * 60;
}

function dayAt(unixSeconds: number, utcOffsetMinutes: number): string {
  const t = new Date((unixSeconds + utcOffsetMinutes * 60) * 1000);
  return `${String(t.getUTCFullYear())}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

async function queryRange(prometheus: string, query: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
  const url = new URL('api/v1/query_range', prometheus.endsWith('/') ? prometheus : `${prometheus}/`);
  const body = new URLSearchParams({ query, start: String(start), end: String(end), step: String(step) });
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new Error(
      `cannot reach the district Prometheus at ${url.origin}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`,
      { cause: error },
    );
  }
  const json = (await response.json().catch(() => null)) as { status?: string; error?: string; data?: { result?: RangeSeries[] } } | null;
  if (!response.ok || json?.status !== 'success')
    throw new Error(`${url.href} answered HTTP ${String(response.status)}: ${json?.error ?? 'not a Prometheus API answer'}`);
  return json.data?.result ?? [];
}

/**
 * One month of usage per terminal from the central Prometheus. The counters are the terminals'
 * statistics-store totals (they only grow), so a day's count is the last value known at the end
 * of the day minus the last value known at its start: `last_over_time(counter[40d])` at each local
 * midnight (one query_range with a one-day step per counter). A count made after a terminal's last
 * reading before midnight lands in the next day (within one scrape interval); a month's total is
 * exact once the terminal reported after the month ended.
 */
export async function fleetMonth(prometheus: string, range: { from: string; to: string }, utcOffsetMinutes: number): Promise<FleetMonth> {
  const start = midnight(range.from, utcOffsetMinutes);
  const end = midnight(range.to, utcOffsetMinutes) + 86_400;
  const terminals = new Map<string, Rows>();
  for (const counter of USAGE_COUNTERS) {
    const series = await queryRange(prometheus, `last_over_time(${counter.name}[40d])`, start, end, 86_400);
    for (const s of series) {
      const terminal = s.metric['terminal'];
      if (!terminal) continue;
      const values = new Map(s.values.map(([t, v]) => [Math.round(t), Number(v)]));
      const key = keyOfLabels(counter, s.metric);
      const rows = terminals.get(terminal) ?? [];
      terminals.set(terminal, rows);
      for (let t = start; t < end; t += 86_400) {
        const after = values.get(t + 86_400);
        if (after === undefined) continue;
        const before = values.get(t) ?? 0;
        // A smaller value than the day before: the store was reset; count from zero.
        const count = after >= before ? after - before : after;
        if (count > 0) rows.push({ day: dayAt(t, utcOffsetMinutes), metric: counter.stat, key, count });
      }
    }
  }
  const totals = new Map<string, Rows[number]>();
  for (const rows of terminals.values()) {
    for (const r of rows) {
      const k = `${r.day}\u0000${r.metric}\u0000${r.key}`;
      const t = totals.get(k);
      if (t) t.count += r.count;
      else totals.set(k, { ...r });
    }
  }
  const order = (a: Rows[number], b: Rows[number]) => a.day.localeCompare(b.day) || a.metric.localeCompare(b.metric) || a.key.localeCompare(b.key);
  for (const rows of terminals.values()) rows.sort(order);
  return { from: range.from, to: range.to, terminals, district: [...totals.values()].sort(order) };
}

/**
 * The district's monthly CSV: the per-terminal report's three tables for the district total (the
 * no-result texts never leave a terminal, so that table points to the terminals' own exports),
 * then 各终端合计 — one row per terminal with the 每日汇总 columns summed over the month.
 */
export function formatFleetCsv(month: FleetMonth, keyLabel: (metric: string, key: string) => string): string {
  const ids = [...month.terminals.keys()].sort();
  let out = formatStatsCsv(
    { from: month.from, to: month.to, rows: month.district, noResult: [] },
    { keyLabel, title: `法通使用统计（全区 ${String(ids.length)} 台终端合计）`, noResultNote: '（查询内容不离开终端：见各终端自己的导出）' },
  );
  const line = (fields: Array<string | number>): string => `${fields.map(csvField).join(',')}\r\n`;
  out += '\r\n';
  out += line(['各终端合计']);
  out += line(['终端', ...dailyColumnNames()]);
  for (const id of ids) out += line([id, ...dailyCounts(month.terminals.get(id) ?? [])]);
  out += line(['合计', ...dailyCounts(month.district)]);
  return out;
}
