import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../common/contract/library-api';
import { MIN_SESSIONS_TO_SHOW, searchCategory, SqliteStatsService } from './stats-service';

const result = (query: string, parts: Partial<SearchResult> = {}): SearchResult => ({
  query,
  citation: null,
  alsoSearched: [],
  qa: [],
  articles: [],
  procedures: [],
  libraryInstalled: true,
  ...parts,
});
const qaHit = (domain: string) =>
  ({
    id: `${domain}-x`,
    question: { text: 'q', marks: [] },
    domain,
    domainLabel: domain,
    snippet: { text: 's', marks: [] },
    score: 1,
  }) as unknown as SearchResult['qa'][number];

describe('SqliteStatsService', () => {
  let dir: string;
  let now: Date;
  let stats: SqliteStatsService;
  const count = (metric: string, key = '', day = '2026-11-22') => stats.summary(day, day).rows.find((r) => r.metric === metric && r.key === key)?.count ?? 0;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fatong-stats-'));
    now = new Date(2026, 10, 22, 9, 0);
    stats = new SqliteStatsService({ dbDir: dir, now: () => now, isKnownStep: (p, s) => p === 'divorce' && ['kids', 'property', 'outcome'].includes(s) });
  });
  afterEach(() => {
    stats.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts searches by category and the no-result ones', () => {
    expect(searchCategory(result('x', { qa: [qaHit('labour')] }))).toBe('labour');
    stats.searched(result('欠工资', { qa: [qaHit('labour')] }));
    stats.searched(result('第47条', { citation: { key: 'k', found: true, display: 'd' } }));
    stats.searched(result('火星移民'));
    expect(count('search', 'labour')).toBe(1);
    expect(count('search', 'law')).toBe(1);
    expect(count('search', 'none')).toBe(1);
    expect(count('search-no-result')).toBe(1);
  });

  it('lists a no-result query only once enough different sessions typed it, redacted', () => {
    for (let session = 0; session < MIN_SESSIONS_TO_SHOW; session++) {
      stats.searched(result('火星移民 13812345678'));
      stats.searched(result('火星移民 13812345678')); // the same resident again: still one session
      stats.searched(result('我叫王小明 怎么办'));
      if (session === 0) stats.searched(result('赵六六的房子'));
      stats.endSession('home');
    }
    const { noResult } = stats.summary('2026-11-22', '2026-11-22');
    expect(noResult).toEqual([
      { query: '我叫… 怎么办', count: 2, lastDay: '2026-11-22' },
      { query: '火星移民 …', count: 2, lastDay: '2026-11-22' },
    ]);
    expect(count('search-no-result')).toBe(7);
  });

  it('counts a procedure once per session, and where it was abandoned', () => {
    stats.procedureOpened('divorce');
    stats.record({ kind: 'procedure-step', procedureId: 'divorce', stepId: 'kids' });
    stats.procedureOpened('divorce'); // back from a cited article
    stats.record({ kind: 'procedure-step', procedureId: 'divorce', stepId: 'property' });
    stats.record({ kind: 'procedure-step', procedureId: 'divorce', stepId: 'no-such-step' });
    stats.endSession('idle');
    stats.procedureOpened('divorce');
    stats.record({ kind: 'procedure-step', procedureId: 'divorce', stepId: 'outcome' });
    stats.record({ kind: 'procedure-finished', procedureId: 'divorce' });
    stats.record({ kind: 'procedure-finished', procedureId: 'divorce' });
    stats.endSession('finish');
    expect(count('procedure-started', 'divorce')).toBe(2);
    expect(count('procedure-finished', 'divorce')).toBe(1);
    expect(count('procedure-abandoned', 'divorce#property')).toBe(1);
    expect(count('session', 'idle')).toBe(1);
    expect(count('session', 'finish')).toBe(1);
  });

  it('does not count a session in which nothing happened', () => {
    stats.endSession('idle');
    stats.endSession('home');
    expect(stats.summary('2026-11-22', '2026-11-22').rows).toEqual([]);
  });

  it('counts satisfaction, reasons, device faults on entering a fault, printed receipts once per job — by day', () => {
    stats.record({ kind: 'feedback', rating: 'unsatisfied', reasons: ['not-found', 'not-found'] });
    stats.record({ kind: 'feedback-reason', reason: 'too-slow' });
    stats.deviceStatus({ printer: { state: 'ready' }, idReader: { state: 'not-configured' } });
    stats.deviceStatus({ printer: { state: 'attention' }, idReader: { state: 'not-configured' } });
    stats.deviceStatus({ printer: { state: 'attention', detail: 'paper' }, idReader: { state: 'offline' } });
    const job = {
      id: 'j1',
      title: '办事指南：申请离婚',
      state: 'done' as const,
      sends: 1,
      needsDecision: false,
      waitingForPrinter: false,
      createdAt: 0,
      updatedAt: 0,
    };
    const printer = { state: 'ready' as const, residentMessage: '', detail: '', checkedAt: null };
    stats.printStatus({ printer, jobs: [job] });
    stats.printStatus({ printer, jobs: [job] });
    now = new Date(2026, 10, 23, 8, 0);
    stats.record({ kind: 'feedback', rating: 'satisfied', reasons: [] });
    expect(count('satisfaction', 'unsatisfied')).toBe(1);
    expect(count('feedback-reason', 'not-found')).toBe(1);
    expect(count('feedback-reason', 'too-slow')).toBe(1);
    expect(count('device-error', 'printer:attention')).toBe(1);
    expect(count('device-error', 'idReader:offline')).toBe(1);
    expect(count('receipt-printed', '办事指南')).toBe(1);
    expect(count('satisfaction', 'satisfied')).toBe(0);
    expect(count('satisfaction', 'satisfied', '2026-11-23')).toBe(1);
  });
});

describe('SqliteStatsService and person names', () => {
  it('never stores a bare name typed by enough sessions in clear: 「欧阳某某 欠钱」', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-stats-names-'));
    const stats = new SqliteStatsService({ dbDir: dir, now: () => new Date(2026, 10, 22, 9, 0), isKnownStep: () => false });
    try {
      for (let session = 0; session < MIN_SESSIONS_TO_SHOW + 1; session++) {
        stats.searched(result('欧阳某某 欠钱'));
        stats.searched(result('张三欠我钱'));
        stats.searched(result('高利贷 白条'));
        stats.endSession('home');
      }
      const { noResult } = stats.summary('2026-11-22', '2026-11-22');
      const stored = noResult.map((r) => r.query);
      expect(stored).toContain('… 欠钱');
      expect(stored).toContain('…欠我钱');
      expect(stored).toContain('高利贷 白条');
      expect(stored.join(' ')).not.toMatch(/欧阳|张三/);
    } finally {
      stats.close();
    }
    const bytes = readdirSync(dir)
      .map((f) => readFileSync(path.join(dir, f)).toString('utf8'))
      .join('');
    expect(bytes).not.toContain('欧阳');
    expect(bytes).not.toContain('张三');
    rmSync(dir, { recursive: true, force: true });
  });
});
