import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import type { SessionEndReason } from '../../electron/common/contract/session-api';
import type { StatsSummary } from '../../electron/common/contract/stats-api';
import { localDay } from '../../electron/common/domain/query-redaction';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { searchCategory } from '../../electron/node/services/stats-service';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { statsCommand } from '../../scripts/cli/commands/stats-command';
import { defaultContentDir } from '../../scripts/lib/repo-paths';

/**
 * Issue 9 — a full scripted day at one terminal, through the real host (direct link, real SQLite
 * stats.db): residents search (some typing their phone, ID number or name), open answers, walk and
 * abandon procedures, rate the service; a device fails. The counts must come out exactly, and the
 * monthly CSV export must carry nothing that looks like a name, a phone or an ID number.
 */
const personal = {
  phones: ['13812345678', '13987654321', '010-87654321'],
  ids: ['110105194912310021', '11010519491231002X'],
  names: ['王小明', '赵六六', '李秀英'],
};

describe('statistics of a scripted day', () => {
  let dataDir: string;
  let host: KioskHost;
  let api: KioskApi;
  const expected = new Map<string, number>();
  const add = (metric: string, key: string, by = 1) => expected.set(`${metric}|${key}`, (expected.get(`${metric}|${key}`) ?? 0) + by);
  let csv = '';
  let summary: StatsSummary;
  const today = localDay(new Date());

  const search = async (text: string) => {
    const result = await api.search.query({ text });
    const category = searchCategory(result);
    add('search', category);
    if (category === 'none') add('search-no-result', '');
    return result;
  };
  /** A search the script means to find nothing (a precondition: the library must indeed have nothing). */
  const searchNothing = async (text: string) => {
    expect(searchCategory(await search(text)), text).toBe('none');
  };
  const end = async (reason: SessionEndReason) => {
    add('session', reason);
    await api.session.end({ reason });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-stats-day-'));
    host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger: createMemoryLogger() });
    api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
    // Read on the host directly: through the API it would count as a procedure opened.
    const mediation = host.generations.procedures.get('people-mediation');
    if (!mediation) throw new Error('people-mediation missing from the default content');
    const [first, second] = mediation.procedure.stepOrder;
    if (!first || !second) throw new Error('people-mediation has fewer than two steps');

    // 1. Unpaid wages: a search that finds answers, one answer opened, 首页, 满意.
    const wages = await search('老板拖欠工资怎么办');
    const qa = wages.qa[0];
    expect(qa).toBeDefined();
    if (qa) {
      await api.qa.get({ id: qa.id });
      add('qa-opened', qa.domain);
    }
    await end('home');
    await api.stats.record({ kind: 'feedback', rating: 'satisfied', reasons: [] });
    add('satisfaction', 'satisfied');

    // 2. Someone types their phone and their name into the box; nothing found; walks away.
    await searchNothing(`火星移民 ${personal.phones[0]}`);
    await searchNothing(`本人${personal.names[0]} 火星移民 ${personal.ids[0]}`);
    await end('idle');

    // 3. Another resident, the same unanswerable question with another phone number; 不满意, 没找到.
    await searchNothing(`火星移民 ${personal.phones[1]}`);
    await searchNothing(`火星移民 ${personal.phones[1]}`); // tried twice in one session: one session
    await searchNothing(`${personal.names[1]}的火星护照 ${personal.phones[2]}`);
    await end('home');
    await api.stats.record({ kind: 'feedback', rating: 'unsatisfied', reasons: [] });
    await api.stats.record({ kind: 'feedback-reason', reason: 'not-found' });
    add('satisfaction', 'unsatisfied');
    add('feedback-reason', 'not-found');

    // 4. A procedure abandoned at its second question (returning to it from an article counts once).
    await api.procedures.get({ id: 'people-mediation' });
    add('procedure-started', 'people-mediation');
    await api.stats.record({ kind: 'procedure-step', procedureId: 'people-mediation', stepId: first });
    await api.stats.record({ kind: 'procedure-step', procedureId: 'people-mediation', stepId: second });
    await api.procedures.get({ id: 'people-mediation' });
    await api.stats.record({ kind: 'procedure-step', procedureId: 'people-mediation', stepId: 'made-up-step' });
    await end('idle');
    add('procedure-abandoned', `people-mediation#${second}`);

    // 5. The same procedure to its outcome; 完成; 基本满意.
    await api.procedures.get({ id: 'people-mediation' });
    add('procedure-started', 'people-mediation');
    await api.stats.record({ kind: 'procedure-step', procedureId: 'people-mediation', stepId: first });
    await api.stats.record({ kind: 'procedure-step', procedureId: 'people-mediation', stepId: 'outcome' });
    await api.stats.record({ kind: 'procedure-finished', procedureId: 'people-mediation' });
    add('procedure-finished', 'people-mediation');
    await end('finish');
    await api.stats.record({ kind: 'feedback', rating: 'neutral', reasons: ['too-slow'] });
    add('satisfaction', 'neutral');
    add('feedback-reason', 'too-slow');

    // 6. The name-and-ID search again in another session: common enough to list, but redacted.
    await searchNothing(`本人${personal.names[0]} 火星移民 ${personal.ids[1]}`);
    await searchNothing(`${personal.names[2]}`);
    await end('home');

    // 7. Nobody did anything: 首页 on the untouched home screen, then the idle timer.
    await api.session.end({ reason: 'home' });
    await api.session.end({ reason: 'idle' });

    // The printer runs out of paper once (reported twice), the ID reader is unplugged.
    host.devices.report('printer', { state: 'attention', detail: 'paper out' });
    host.devices.report('printer', { state: 'attention', detail: 'paper out, cover open' });
    host.devices.report('idReader', { state: 'offline' });
    add('device-error', 'printer:attention');
    add('device-error', 'idReader:offline');

    // stats.summary needs the admin token (admin screen only); this unprovisioned host is read directly.
    summary = host.stats.summary(today, today);
    host.close();

    const out = path.join(dataDir, 'report.csv');
    const stdout: string[] = [];
    const code = await statsCommand.run(['export', '--month', today.slice(0, 7), '--out', out], {
      stdout: (t) => stdout.push(t),
      stderr: () => undefined,
      stdin: new PassThrough(),
      env: { KIOSK_DATA_DIR: dataDir },
    });
    expect(code).toBe(0);
    expect(stdout.join('')).toContain('wrote');
    csv = readFileSync(out, 'utf8');
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts exactly what happened, by day and key', () => {
    const actual = new Map(summary.rows.map((r) => [`${r.metric}|${r.key}`, r.count]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(new Set(summary.rows.map((r) => r.day))).toEqual(new Set([today]));
    // The script made sure of both kinds of search.
    expect(expected.get('search-no-result|')).toBeGreaterThanOrEqual(5);
    expect([...expected.keys()].some((k) => k.startsWith('search|') && k !== 'search|none')).toBe(true);
  });

  it('lists the no-result searches typed in two sessions, redacted, most frequent first', () => {
    expect(summary.noResult).toEqual([
      { query: '本人… 火星移民 …', count: 2, lastDay: today },
      { query: '火星移民 …', count: 2, lastDay: today },
    ]);
  });

  it('exports a CSV with the daily totals and the readable no-result list', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    const header = lines.find((l) => l.startsWith('日期,'))?.split(',') ?? [];
    const day = lines.find((l) => l.startsWith(`${today},`))?.split(',') ?? [];
    const column = (name: string) => Number(day[header.indexOf(name)]);
    // Six sessions with activity; the two empty ends of script step 7 are not sessions.
    expect(column('使用次数')).toBe(6);
    expect(column('无结果搜索')).toBe(expected.get('search-no-result|'));
    expect(column('开始办事指南')).toBe(2);
    expect(column('完成办事指南')).toBe(1);
    expect(column('中途放弃')).toBe(1);
    expect(column('不满意')).toBe(1);
    expect(column('设备故障')).toBe(2);
    const listStart = lines.findIndex((l) => l.startsWith('查询内容,'));
    expect(lines.slice(listStart + 1, listStart + 3)).toEqual([`本人… 火星移民 …,2,${today}`, `火星移民 …,2,${today}`]);
    expect(csv).toContain(`中途放弃（指南#停在哪一步）,people-mediation#`);
  });

  it('carries no name, phone or ID number from the inputs, nor anything shaped like one', () => {
    for (const value of [...personal.phones, ...personal.ids, ...personal.names]) expect(csv).not.toContain(value);
    expect(csv).not.toMatch(/\d{6,}/);
    expect(csv).not.toMatch(/1[3-9]\d{9}/);
    expect(csv).not.toMatch(/\d{17}[\dXx]/);
  });

  it('keeps the names typed in one session only out of the statistics files on the device, in any encoding', () => {
    // 赵六六 and 李秀英 come without a marker (我叫/本人), so redaction keeps them: only a keyed hash is stored.
    const files = readdirSync(path.join(dataDir, 'db')).filter((name) => name.startsWith('stats'));
    expect(files).toContain('stats.db');
    for (const name of [personal.names[1] ?? '', personal.names[2] ?? '']) {
      const needles = [Buffer.from(name, 'utf8'), Buffer.from(name, 'utf16le'), Buffer.from(name, 'utf16le').swap16()];
      for (const file of files)
        expect(
          needles.some((n) => readFileSync(path.join(dataDir, 'db', file)).includes(n)),
          `${name} in ${file}`,
        ).toBe(false);
    }
  });
});
