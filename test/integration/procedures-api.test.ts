import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { DEFAULT_RECEIPT_SITE, matchProcedures, ProcedureService, randomReference } from '../../electron/node/services/procedure-service';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { answer, confirmSummary, currentView, isAnswerError, startSession, type ProcedureContext } from '../../kiosk-content/src/procedures/common';
import { loadContentFolder } from '../../kiosk-content/src/content-folder/node/load-content-folder';
import { emptyRegionalData, resolveOffices } from '../../kiosk-content/src/regional/common/regional-data';
import { defaultContentDir } from '../../scripts/lib/repo-paths';

/** 办事指南 through the host and the direct link: list, get, the receipt preview, and procedure hits in search. */
describe('procedures API', () => {
  let dataDir: string;
  let host: KioskHost;
  let api: KioskApi;
  const logger = createMemoryLogger();
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-proc-'));
    host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger });
    api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  });
  afterAll(() => {
    host.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every default procedure that compiles, with its domain label', async () => {
    const list = await api.procedures.list();
    const ids = list.map((p) => p.id);
    expect(ids).toContain('legal-aid-precheck');
    const ready = logger.lines.find((l) => l.event === 'procedures.ready');
    expect(ready?.fields.count).toBe(list.length);
    const legalAid = list.find((p) => p.id === 'legal-aid-precheck');
    expect(legalAid).toMatchObject({ title: '法律援助申请预审', domain: 'legal-aid', domainLabel: '法律援助' });
    for (const item of list) expect(item.summary.length).toBeGreaterThan(0);
  });

  it('hands the compiled procedure (expression trees intact) with unconfigured config and its offices', async () => {
    const bundle = await api.procedures.get({ id: 'legal-aid-precheck' });
    expect(bundle).not.toBeNull();
    if (!bundle) return;
    expect(bundle.config).toEqual({ legalAidIncomeThreshold: null, legalAidStandardSource: null, region: null, siteName: null });
    expect(bundle.offices).toEqual([
      {
        id: 'legal-aid-centre',
        kind: 'legal-aid-centre',
        name: '法律援助中心',
        handles: ['法律援助申请', '法律咨询'],
        address: null,
        hours: null,
        phone: null,
      },
    ]);
    // The engine runs on what crossed the link (JSON round trip + zod) exactly as on the original.
    const context: ProcedureContext = { config: bundle.config, today: '2026-11-22' };
    let session = startSession(bundle.procedure);
    for (const value of [null, 'wages', 'none', 'none', false, 3000, 2]) {
      const next = answer(bundle.procedure, session, value, context);
      if (isAnswerError(next)) throw new Error(next.message);
      session = next;
    }
    const view = currentView(bundle.procedure, confirmSummary(session), context);
    expect(view.kind).toBe('outcome');
    if (view.kind !== 'outcome') return;
    expect(view.outcomeId).toBe('centre-checks');
    expect(view.computed.perPerson).toBe(1500);
    expect(view.reasons).toEqual(['本机还没有设置本地的经济困难标准。']);
  });

  it('hands the content holiday calendar with the procedure, and the divorce periods are counted on it', async () => {
    const bundle = await api.procedures.get({ id: 'divorce' });
    expect(bundle?.calendar?.years.map((y) => y.year)).toEqual([2025, 2026]);
    if (!bundle) return;
    const context: ProcedureContext = { config: bundle.config, today: '2025-10-08', calendar: bundle.calendar };
    let session = startSession(bundle.procedure);
    for (const value of ['all-agreed', true, true, { date: '2025-09-01' }]) {
      const next = answer(bundle.procedure, session, value, context);
      if (isAnswerError(next)) throw new Error(next.message);
      session = next;
    }
    const view = currentView(bundle.procedure, confirmSummary(session), context);
    expect(view.kind === 'outcome' ? view.outcomeId : view.kind).toBe('cooling-off');
    expect(view.kind === 'outcome' ? view.periods.withdrawEnd : null).toMatchObject({ known: true, end: '2025-10-09' });
  });

  it('answers null for an unknown procedure and rejects bad input', async () => {
    expect(await api.procedures.get({ id: 'no-such-guide' })).toBeNull();
    await expect(api.procedures.get({ id: '' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('lays out an outcome receipt for 58 mm with the default site name, a fresh reference and ask-staff office lines', async () => {
    const preview = await api.receipts.previewOutcome({
      procedureId: 'legal-aid-precheck',
      outcomeId: 'centre-checks',
      reasons: ['本机还没有设置本地的经济困难标准。'],
    });
    expect(preview).not.toBeNull();
    if (!preview) return;
    const { layout, reference } = preview;
    expect(layout.columns).toBe(32);
    expect(layout.dots).toBe(384);
    expect(layout.issues).toEqual([]);
    expect(reference).toMatch(/^[A-Z2-9]{6}$/);
    const texts = layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));
    expect(texts.some((t) => t.includes(DEFAULT_RECEIPT_SITE))).toBe(true);
    expect(texts.some((t) => t.includes(reference))).toBe(true);
    expect(texts.some((t) => t.includes('法律援助申请预审'))).toBe(true);
    expect(texts).toContain('地点：法律援助中心');
    expect(texts).toContain('地址：请咨询现场工作人员');
    expect(texts.some((t) => t.startsWith('□ 申请人的身份证'))).toBe(true);
    expect(texts).toContain('· 《法律援助法》第二十九条');
    // The reason prints right after the conclusion (wrapped to the paper).
    expect(texts.join('')).toContain('本机还没有设置本地的经济困难标准。');
    for (const line of layout.lines) if (line.kind === 'text') expect(line.indent + line.columns).toBeLessThanOrEqual(32);
    expect(layout.lines.at(-1)).toEqual({ kind: 'cut' });
    const again = await api.receipts.previewOutcome({ procedureId: 'legal-aid-precheck', outcomeId: 'centre-checks' });
    expect(again?.reference).not.toBe(reference);
  });

  it('answers null for an outcome that does not exist', async () => {
    expect(await api.receipts.previewOutcome({ procedureId: 'legal-aid-precheck', outcomeId: 'toString' })).toBeNull();
    expect(await api.receipts.previewOutcome({ procedureId: 'nope', outcomeId: 'centre-checks' })).toBeNull();
  });

  it('puts procedures into search results', async () => {
    const aid = await api.search.query({ text: '请不起律师' });
    expect(aid.procedures.map((p) => p.id)).toContain('legal-aid-precheck');
    const wages = await api.search.query({ text: '老板不发工资怎么办' });
    expect(wages.procedures[0]?.id).toBe('labour-dispute');
    expect(wages.procedures[0]?.title.marks.length).toBeGreaterThan(0);
    const divorce = await api.search.query({ text: '离婚' });
    expect(divorce.procedures[0]).toMatchObject({ id: 'divorce', title: { text: '离婚', marks: [[0, 2]] } });
    const dog = await api.search.query({ text: '被邻居家的狗咬了' });
    expect(dog.procedures).toEqual([]);
  });
});

describe('matchProcedures', () => {
  const entries = [
    { id: 'a', title: '法律援助申请预审', summary: '看看能不能申请法律援助。', keywords: ['请不起律师', '免费律师'] },
    { id: 'b', title: '办理公证', summary: '遗嘱、继承、委托书等公证。', keywords: ['公证处'] },
  ];
  it('matches a keyword inside the query, a title word, and a glossary word at half weight', () => {
    expect(matchProcedures(entries, '我请不起律师怎么办', []).map((h) => h.id)).toEqual(['a']);
    expect(matchProcedures(entries, '公证', [{ term: '公证', weight: 1 }])).toEqual([
      { id: 'b', title: { text: '办理公证', marks: [[2, 4]] }, summary: entries[1]?.summary },
    ]);
    expect(
      matchProcedures(entries, 'x', [
        { term: '法律援助', weight: 0.5 },
        { term: '申请', weight: 0.5 },
      ]).map((h) => h.id),
    ).toEqual(['a']);
  });
  it('does not match on one summary word or on single characters', () => {
    expect(matchProcedures(entries, '继承', [{ term: '继承', weight: 1 }])).toEqual([]);
    expect(matchProcedures(entries, '法', [{ term: '法', weight: 1 }])).toEqual([]);
  });
  it('makes readable references', () => {
    for (let i = 0; i < 50; i++) expect(randomReference()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });
});

describe('a broken procedure file', () => {
  it('is logged and left out; the others still load', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-proc-broken-'));
    try {
      cpSync(path.join(defaultContentDir, 'procedures'), path.join(dir, 'procedures'), { recursive: true });
      writeFileSync(path.join(dir, 'procedures', 'broken.yaml'), 'id: broken\ntitle: 坏的\nstart: nowhere\nsteps: {}\n');
      const log = createMemoryLogger();
      const service = new ProcedureService({
        contentDir: dir,
        offices: resolveOffices(loadContentFolder(defaultContentDir).directory.offices, emptyRegionalData, null),
        logger: log,
      });
      expect(service.list().map((p) => p.id)).not.toContain('broken');
      expect(service.list().map((p) => p.id)).toContain('legal-aid-precheck');
      const leftOut = log.lines.find((l) => l.event === 'procedures.left-out');
      expect(leftOut?.fields.file).toBe('broken.yaml');
      expect(String(leftOut?.fields.first)).toMatch(/^broken\.yaml:\d+: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('placeholders in outcome texts on the receipt', () => {
  it('prints the values the engine put into the outcome texts (OutcomeView.fills), not 「{name}」', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-proc-fills-'));
    try {
      cpSync(path.join(defaultContentDir, 'procedures'), path.join(dir, 'procedures'), { recursive: true });
      const file = path.join(dir, 'procedures', 'enforcement.yaml');
      const text = readFileSync(file, 'utf8');
      const edited = text.replace(
        '    conclusion: 生效的文书对方不履行的，可以向法院申请强制执行，要在两年内申请。',
        "    conclusion: '生效的文书对方不履行的，可以申请强制执行，最后一天是{applyEnd}。'",
      );
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      const service = new ProcedureService({
        contentDir: dir,
        offices: resolveOffices(loadContentFolder(defaultContentDir).directory.offices, emptyRegionalData, null),
        logger: createMemoryLogger(),
      });
      const filled = service.outcomeReceiptInput('enforcement', 'apply-enforcement', [], { applyEnd: '2026年7月1日（星期三）' });
      expect(filled?.conclusion).toBe('生效的文书对方不履行的，可以申请强制执行，最后一天是2026年7月1日（星期三）。');
      // Without the engine's values the text keeps the placeholder as written (the linter keeps that from shipping).
      expect(service.outcomeReceiptInput('enforcement', 'apply-enforcement')?.conclusion).toContain('{applyEnd}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses fills that are not placeholder names', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-proc-fills-api-'));
    const host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger: createMemoryLogger() });
    try {
      const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
      const target = { procedureId: 'enforcement', outcomeId: 'apply-enforcement' };
      expect(await api.receipts.previewOutcome({ ...target, fills: { applyEnd: '2026年7月1日（星期三）' } })).not.toBeNull();
      await expect(api.receipts.previewOutcome({ ...target, fills: { '<b>': 'x' } })).rejects.toMatchObject({ code: 'invalid-input' });
    } finally {
      host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
