/**
 * The usage counts of the statistics store (one row per day, metric and key) as Prometheus
 * counters: one metric name per kind of count, the key split into labels with bounded values
 * (categories, content ids, enum values — never a query text). The terminal exports them
 * (electron/node/provisioning/terminal-metrics.ts) and the district's monthly report reads them
 * back from the central Prometheus (scripts/cli/commands/fleet-stats.ts), so both directions use
 * this one table.
 */

export interface UsageCounter {
  /** The statistics store's metric (electron/node/services/stats-service.ts StatsMetric). */
  stat: string;
  /** Prometheus name (a counter: ends in _total). */
  name: string;
  help: string;
  /** Labels the key is split into; none = the key is always ''. */
  labels: readonly string[];
  /** Separator of a two-label key as the store writes it (`procedure#step`, `printer:offline`). */
  separator?: string;
}

export const USAGE_COUNTERS: readonly UsageCounter[] = [
  { stat: 'session', name: 'fatong_sessions_total', help: 'Resident sessions ended, by how they ended.', labels: ['end'] },
  {
    stat: 'search',
    name: 'fatong_searches_total',
    help: 'Searches answered, by the category of the best answer (legal domain, law, procedure, none).',
    labels: ['category'],
  },
  {
    stat: 'search-no-result',
    name: 'fatong_searches_no_result_total',
    help: 'Searches that found nothing (the text itself never leaves the terminal).',
    labels: [],
  },
  { stat: 'qa-opened', name: 'fatong_qa_opened_total', help: 'Q&A answers opened, by legal domain.', labels: ['domain'] },
  { stat: 'procedure-started', name: 'fatong_procedures_started_total', help: 'Procedures (办事指南) started, by procedure id.', labels: ['procedure'] },
  {
    stat: 'procedure-finished',
    name: 'fatong_procedures_completed_total',
    help: 'Procedures that reached an outcome, by procedure id.',
    labels: ['procedure'],
  },
  {
    stat: 'procedure-abandoned',
    name: 'fatong_procedures_abandoned_total',
    help: 'Procedures left before an outcome, by procedure id and the last step shown.',
    labels: ['procedure', 'step'],
    separator: '#',
  },
  { stat: 'receipt-printed', name: 'fatong_documents_printed_total', help: 'Receipts printed (a job reaching done), by kind.', labels: ['kind'] },
  { stat: 'satisfaction', name: 'fatong_ratings_total', help: 'One-tap ratings, by rating.', labels: ['rating'] },
  { stat: 'feedback-reason', name: 'fatong_feedback_reasons_total', help: 'Reasons chosen after a rating.', labels: ['reason'] },
  {
    stat: 'device-error',
    name: 'fatong_device_faults_total',
    help: 'Devices entering attention or offline, by device and state.',
    labels: ['device', 'state'],
    separator: ':',
  },
];

const byStat = new Map(USAGE_COUNTERS.map((c) => [c.stat, c]));
const byName = new Map(USAGE_COUNTERS.map((c) => [c.name, c]));

export function usageCounterForStat(stat: string): UsageCounter | undefined {
  return byStat.get(stat);
}

export function usageCounterForName(name: string): UsageCounter | undefined {
  return byName.get(name);
}

/**
 * A label value that can never carry a resident's data: ids (letters, digits, . _ - : #, ≤ 64)
 * or a short Chinese word (≤ 8 characters, a receipt kind such as 办事指南); never six or more
 * digits in a row (an ID, phone or case number). Anything else becomes "other".
 */
export function safeLabelValue(value: string): string {
  if (/\d{6,}/.test(value)) return 'other';
  if (/^[A-Za-z0-9._:#-]{0,64}$/.test(value)) return value;
  if (/^[\u4e00-\u9fff]{1,8}$/.test(value)) return value;
  return 'other';
}

/** The labels of one store key (the key split at the counter's separator; the rest stays in the last label). */
export function labelsOfKey(counter: UsageCounter, key: string): Record<string, string> {
  const labels: Record<string, string> = {};
  if (counter.labels.length === 0) return labels;
  if (counter.labels.length === 1 || !counter.separator) {
    labels[counter.labels[0] ?? 'key'] = safeLabelValue(key);
    return labels;
  }
  const at = key.indexOf(counter.separator);
  const [first = 'key', second = 'key2'] = counter.labels;
  labels[first] = safeLabelValue(at < 0 ? key : key.slice(0, at));
  labels[second] = safeLabelValue(at < 0 ? '' : key.slice(at + counter.separator.length));
  return labels;
}

/** The store key of a series' labels (inverse of labelsOfKey for keys that were safe). */
export function keyOfLabels(counter: UsageCounter, labels: Record<string, string>): string {
  if (counter.labels.length === 0) return '';
  const values = counter.labels.map((l) => labels[l] ?? '');
  return counter.separator ? values.join(counter.separator) : (values[0] ?? '');
}
