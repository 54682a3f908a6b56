import { describe, expect, it } from 'vitest';
import { keyOfLabels, labelsOfKey, safeLabelValue, usageCounterForStat } from '../../common/domain/usage-metrics';
import { createTerminalMetrics, type TerminalMetricsSource } from './terminal-metrics';

function source(patch: Partial<TerminalMetricsSource> = {}): TerminalMetricsSource {
  return {
    appVersion: '0.1.0',
    startedAt: Date.parse('2026-11-22T08:00:00Z'),
    now: () => Date.parse('2026-11-22T08:01:40Z'),
    content: () => ({
      content: { id: 'bj-content', version: '2026.11.2', created: '2026-11-20T00:00:00Z' },
      laws: null,
      lastSuccessfulSync: '2026-11-22T07:00:00Z',
    }),
    devices: () => ({ printer: { state: 'attention' }, idReader: { state: 'offline' } }),
    printerState: () => 'paper-out',
    usageTotals: () => [
      { metric: 'search', key: 'labor', count: 7 },
      { metric: 'search-no-result', key: '', count: 2 },
      { metric: 'procedure-abandoned', key: 'legal-aid-precheck#income', count: 1 },
      { metric: 'device-error', key: 'printer:attention', count: 3 },
      { metric: 'receipt-printed', key: '办事指南', count: 4 },
      { metric: 'qa-opened', key: '张三110101198001010010', count: 1 },
    ],
    problemCounts: () => [{ level: 'error', kind: 'receipts.send-failed', count: 2 }],
    printJobs: () => ({ done: 4, failed: 1, cancelled: 0 }),
    disk: () => ({ freeBytes: 1_000_000, sizeBytes: 2_000_000 }),
    ...patch,
  };
}

describe('terminal metrics', () => {
  it('exposes states one-hot, usage totals as counters with their keys split into labels, and base units', async () => {
    const text = await createTerminalMetrics(source()).metrics();
    expect(text).toContain('fatong_uptime_seconds 100');
    expect(text).toContain('fatong_printer_paper_state{state="out"} 1');
    expect(text).toContain('fatong_printer_paper_state{state="ok"} 0');
    expect(text).toContain('fatong_device_state{device="idReader",state="offline"} 1');
    expect(text).toContain('# TYPE fatong_searches_total counter');
    expect(text).toContain('fatong_searches_total{category="labor"} 7');
    expect(text).toContain('fatong_searches_no_result_total 2');
    expect(text).toContain('fatong_procedures_abandoned_total{procedure="legal-aid-precheck",step="income"} 1');
    expect(text).toContain('fatong_device_faults_total{device="printer",state="attention"} 3');
    expect(text).toContain('fatong_documents_printed_total{kind="办事指南"} 4');
    expect(text).toContain('fatong_print_jobs_total{outcome="failed"} 1');
    expect(text).toContain('fatong_errors_total{level="error",kind="receipts.send-failed"} 2');
    expect(text).toContain('fatong_content_created_timestamp_seconds{slot="content"} 1795132800');
    expect(text).toContain('fatong_disk_free_bytes{dir="data"} 1000000');
    // A key that looks like a name and an ID number never becomes a label value.
    expect(text).not.toContain('110101198001010010');
    expect(text).toContain('fatong_qa_opened_total{domain="other"} 1');
  });

  it('leaves out what it cannot read (no disk reading, embedded content without a build time)', async () => {
    const text = await createTerminalMetrics(
      source({
        disk: () => null,
        content: () => ({ content: { id: 'fatong-default', version: '0.1.0', created: null }, laws: null, lastSuccessfulSync: null }),
      }),
    ).metrics();
    expect(text).not.toMatch(/^fatong_disk_free_bytes\{/m);
    expect(text).not.toMatch(/^fatong_content_created_timestamp_seconds\{/m);
    expect(text).toContain('fatong_content_last_successful_sync_timestamp_seconds 0');
  });
});

describe('usage counters ↔ statistics keys', () => {
  it('round-trips keys with and without separators', () => {
    for (const [stat, key] of [
      ['procedure-abandoned', 'p#step'],
      ['device-error', 'idReader:offline'],
      ['session', 'idle'],
      ['search-no-result', ''],
    ] as const) {
      const counter = usageCounterForStat(stat);
      if (!counter) throw new Error(stat);
      expect(keyOfLabels(counter, labelsOfKey(counter, key))).toBe(key);
    }
  });

  it('lets only ids and short Chinese words through', () => {
    expect(safeLabelValue('legal-aid-precheck')).toBe('legal-aid-precheck');
    expect(safeLabelValue('法条')).toBe('法条');
    expect(safeLabelValue('测试样例 欠钱')).toBe('other');
    expect(safeLabelValue('13800000000')).toBe('other');
    expect(safeLabelValue('<script>')).toBe('other');
  });
});
