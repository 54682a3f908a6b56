import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatStatsCsv, monthRange } from '../../../electron/common/domain/stats-csv';
import { SqliteStatsService } from '../../../electron/node/services/stats-service';
import { resolveDataDir } from '../../../electron/node/system/data-dir';
import { legalDomains } from '../../../kiosk-content/src/legal-domains/common/legal-domains';
import { UsageError, type CliCommand } from '../command';
import { fleetMonth, formatFleetCsv } from './fleet-stats';
import { singleActionCommand } from '../parse';

const usage = `Usage: npm run cli -- stats export --month YYYY-MM --out <file.csv>
       npm run cli -- stats export --fleet --prometheus <url> --month YYYY-MM --out <file.csv> [--utc-offset +08:00]

Writes the month's usage statistics of this terminal (KIOSK_DATA_DIR/db/stats.db) as CSV for the
justice bureau: daily totals, counts per category / procedure / step, and the searches that found
nothing (redacted; only texts typed in at least two sessions) for editors writing new Q&A.

--fleet reads every terminal's counters from the district's central Prometheus (its HTTP API at
<url>, e.g. http://monitor.example.org:9090) instead: the same tables for the district total, then
one row per terminal (各终端合计). Days are counted from local midnight at --utc-offset (default:
this computer's offset).`;

function parseOffset(text: string): number | null {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > 14 * 60 ? null : (m[1] === '-' ? -1 : 1) * minutes;
}

const reasonLabels: Record<string, string> = {
  'not-found': '没找到想要的',
  'hard-to-read': '字看不清',
  'hard-to-use': '不会操作',
  'device-problem': '机器有问题',
  'too-slow': '太慢',
  other: '其他',
};
const ratingLabels: Record<string, string> = { satisfied: '满意', neutral: '基本满意', unsatisfied: '不满意' };
const sessionLabels: Record<string, string> = { home: '按首页结束', finish: '办完结束', idle: '无人操作自动结束', admin: '管理员结束' };

export function keyLabel(metric: string, key: string): string {
  if (metric === 'search' || metric === 'qa-opened') {
    if (key === 'law') return '法律条文';
    if (key === 'procedure') return '办事指南';
    if (key === 'none') return '无结果';
    return (legalDomains as Record<string, string>)[key] ?? key;
  }
  if (metric === 'satisfaction') return ratingLabels[key] ?? key;
  if (metric === 'feedback-reason') return reasonLabels[key] ?? key;
  if (metric === 'session') return sessionLabels[key] ?? key;
  return key;
}

export const statsCommand: CliCommand = singleActionCommand({
  name: 'stats',
  summary: 'Export the monthly usage statistics (no personal data) as CSV, of this terminal or of the fleet (--fleet)',
  usage,
  action: 'export',
  example: 'stats export --month YYYY-MM --out file.csv',
  options: {
    month: { type: 'string' },
    out: { type: 'string' },
    fleet: { type: 'boolean', default: false },
    prometheus: { type: 'string' },
    'utc-offset': { type: 'string' },
  },
  async run(values, io) {
    const range = values.month ? monthRange(values.month) : null;
    if (!range) throw new UsageError('--month YYYY-MM is required, e.g. --month 2026-11');
    if (!values.out) throw new UsageError('--out <file.csv> is required');
    if (values.fleet) {
      if (!values.prometheus || !/^https?:\/\/[^\s/]+/.test(values.prometheus))
        throw new UsageError('--fleet needs --prometheus <http(s) URL of the district Prometheus>, e.g. http://monitor.example.org:9090');
      const offset = values['utc-offset'] === undefined ? -new Date().getTimezoneOffset() : parseOffset(values['utc-offset']);
      if (offset === null) throw new UsageError(`--utc-offset must look like +08:00, got "${values['utc-offset'] ?? ''}"`);
      const month = await fleetMonth(values.prometheus, range, offset);
      writeFileSync(values.out, formatFleetCsv(month, keyLabel));
      io.stdout(
        `wrote ${values.out}: ${String(month.terminals.size)} terminal(s), ${String(new Set(month.district.map((r) => r.day)).size)} day(s) with activity\n`,
      );
      return 0;
    }
    const stats = new SqliteStatsService({ dbDir: path.join(resolveDataDir(io.env), 'db'), isKnownStep: () => false });
    try {
      const summary = stats.summary(range.from, range.to);
      writeFileSync(values.out, formatStatsCsv(summary, { keyLabel }));
      io.stdout(
        `wrote ${values.out}: ${String(new Set(summary.rows.map((r) => r.day)).size)} day(s) with activity, ${String(summary.noResult.length)} no-result quer${summary.noResult.length === 1 ? 'y' : 'ies'}\n`,
      );
    } finally {
      stats.close();
    }
    return 0;
  },
});
