import type { StatsSummary } from '../contract/stats-api';

/**
 * The monthly statistics report as CSV for the justice bureau (opens in Excel/WPS: UTF-8 with a
 * BOM). Three tables one after the other, each with its own heading row:
 *   1. 每日汇总 — one row per day, one column per measure;
 *   2. 分类明细 — the month's counts per category, procedure, step, reason or device;
 *   3. 未找到结果的查询 — what residents searched for and did not find, most frequent first, for
 *      editors writing the next Q&A (already redacted; only texts typed in ≥ 2 sessions).
 * Nothing in it comes from a resident except those redacted no-result texts.
 */

const dailyColumns: Array<[string, (rows: StatsSummary['rows']) => number]> = [
  ['使用次数', (r) => sum(r, 'session')],
  ['搜索次数', (r) => sum(r, 'search')],
  ['无结果搜索', (r) => sum(r, 'search-no-result')],
  ['打开问答', (r) => sum(r, 'qa-opened')],
  ['开始办事指南', (r) => sum(r, 'procedure-started')],
  ['完成办事指南', (r) => sum(r, 'procedure-finished')],
  ['中途放弃', (r) => sum(r, 'procedure-abandoned')],
  ['打印凭条', (r) => sum(r, 'receipt-printed')],
  ['满意', (r) => sum(r, 'satisfaction', 'satisfied')],
  ['基本满意', (r) => sum(r, 'satisfaction', 'neutral')],
  ['不满意', (r) => sum(r, 'satisfaction', 'unsatisfied')],
  ['设备故障', (r) => sum(r, 'device-error')],
];

const metricLabels: Record<string, string> = {
  session: '使用次数（按结束方式）',
  search: '搜索（按类别）',
  'qa-opened': '打开问答（按类别）',
  'procedure-started': '开始办事指南',
  'procedure-finished': '完成办事指南',
  'procedure-abandoned': '中途放弃（指南#停在哪一步）',
  'receipt-printed': '打印凭条（按种类）',
  satisfaction: '满意度',
  'feedback-reason': '不满意的原因',
  'device-error': '设备故障（设备:状态）',
};

/** The 每日汇总 column names and one row's counts (the fleet report's per-terminal table uses the same columns). */
export const dailyColumnNames = (): string[] => dailyColumns.map(([name]) => name);
export const dailyCounts = (rows: StatsSummary['rows']): number[] => dailyColumns.map(([, count]) => count(rows));

function sum(rows: StatsSummary['rows'], metric: string, key?: string): number {
  return rows.filter((r) => r.metric === metric && (key === undefined || r.key === key)).reduce((total, r) => total + r.count, 0);
}

/** One CSV field: quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (fields: Array<string | number>): string => `${fields.map(csvField).join(',')}\r\n`;

export function formatStatsCsv(
  summary: StatsSummary,
  labels: { keyLabel?: (metric: string, key: string) => string; title?: string; noResultNote?: string } = {},
): string {
  const keyLabel = labels.keyLabel ?? ((_metric: string, key: string) => key);
  let out = '\uFEFF';
  out += line([`${labels.title ?? '法通使用统计'} ${summary.from} 至 ${summary.to}`]);
  out += '\r\n';

  out += line(['每日汇总']);
  out += line(['日期', ...dailyColumns.map(([name]) => name)]);
  const days = [...new Set(summary.rows.map((r) => r.day))].sort();
  for (const day of days) {
    const rows = summary.rows.filter((r) => r.day === day);
    out += line([day, ...dailyColumns.map(([, count]) => count(rows))]);
  }
  out += line(['合计', ...dailyColumns.map(([, count]) => count(summary.rows))]);
  out += '\r\n';

  out += line(['分类明细']);
  out += line(['项目', '类别', '次数']);
  const totals = new Map<string, number>();
  for (const r of summary.rows) {
    if (r.metric === 'search-no-result') continue;
    const k = `${r.metric}\u0000${r.key}`;
    totals.set(k, (totals.get(k) ?? 0) + r.count);
  }
  for (const [k, count] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    const [metric = '', key = ''] = k.split('\u0000');
    out += line([metricLabels[metric] ?? metric, keyLabel(metric, key), count]);
  }
  out += '\r\n';

  out += line(['未找到结果的查询（已去除号码等个人信息；至少两次不同的使用中出现）']);
  out += line(['查询内容', '次数', '最近一次']);
  for (const q of summary.noResult) out += line([q.query, q.count, q.lastDay]);
  if (labels.noResultNote !== undefined) out += line([labels.noResultNote]);
  else if (summary.noResult.length === 0) out += line(['（无）']);
  return out;
}

/** The first and last day of a month given as YYYY-MM, or null if it is not one. */
export function monthRange(month: string): { from: string; to: string } | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const m = Number(match[2]);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
