import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import type { ProcedureBundle } from '../../electron/common/contract/procedures-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { validateTerminalConfig } from '../../electron/common/config/terminal-config';
import { provisionTerminal } from '../../electron/node/provisioning/terminal-config-store';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { answer, confirmSummary, currentView, isAnswerError, startSession, type OutcomeView } from '../../kiosk-content/src/procedures/common';
import { defaultContentDir } from '../../scripts/lib/repo-paths';

/**
 * The provisioned terminal configuration reaches procedures: a host that reads a provisioned
 * terminal.json (no `terminal` passed in) hands its region, site and legal-aid standard to the
 * procedure engine, and the standard changes the legal-aid pre-check's outcome. The site, region and
 * the income standard are fictional test values.
 */
const provisioned = {
  terminalId: 'test-config-01',
  site: '测试路1号测试站点（测试数据）',
  region: '110101',
  legalAidIncomeThreshold: 2500,
  offices: [{ id: 'site-legal-aid', kind: 'legal-aid-centre', name: '测试站点法律援助工作站（测试数据）', address: '测试路1号', phone: '000-00000000' }],
  adminPin: '583920',
};

/** Household income 3000 元 for 2 people: 1500 per person. */
const answers = [null, 'wages', 'none', 'none', false, 3000, 2];

function outcomeOf(bundle: ProcedureBundle): OutcomeView {
  const context = { config: bundle.config, today: '2026-11-22' };
  let session = startSession(bundle.procedure);
  for (const value of answers) {
    const next = answer(bundle.procedure, session, value, context);
    if (isAnswerError(next)) throw new Error(next.message);
    session = next;
  }
  const view = currentView(bundle.procedure, confirmSummary(session), context);
  if (view.kind !== 'outcome') throw new Error(`expected an outcome, got ${view.kind}`);
  return view;
}

describe('terminal configuration → procedures', () => {
  const hosts: KioskHost[] = [];
  let tmp: string;

  function start(name: string, provision: boolean): KioskApi {
    const dataDir = path.join(tmp, name);
    if (provision) {
      const result = provisionTerminal(path.join(dataDir, 'config'), provisioned, { baseDir: tmp });
      if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    }
    const host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger: createMemoryLogger() });
    hosts.push(host);
    return createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  }

  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'fatong-terminal-procedures-'));
  });
  afterAll(async () => {
    for (const host of hosts) await host.closeAsync();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('hands the provisioned region, site and legal-aid standard to the procedures', async () => {
    const api = start('provisioned', true);
    const bundle = await api.procedures.get({ id: 'legal-aid-precheck' });
    expect(bundle?.config).toEqual({
      legalAidIncomeThreshold: 2500,
      legalAidStandardSource: '本机配置',
      region: '110101',
      siteName: '测试路1号测试站点（测试数据）',
    });
    expect((await api.system.getInfo()).siteName).toBe('测试路1号测试站点（测试数据）');
  });

  it('the provisioned standard decides the legal-aid pre-check; without one the centre checks', async () => {
    const configured = await start('with-standard', true).procedures.get({ id: 'legal-aid-precheck' });
    const unprovisioned = await start('unprovisioned', false).procedures.get({ id: 'legal-aid-precheck' });
    if (!configured || !unprovisioned) throw new Error('legal-aid-precheck is missing from the default content');

    const eligible = outcomeOf(configured);
    expect(eligible.outcomeId).toBe('likely-eligible');
    expect(eligible.computed.perPerson).toBe(1500);
    expect(eligible.reasons).toEqual(['家里人均月收入 1500 元，未超本地标准 2500 元。']);

    const unset = outcomeOf(unprovisioned);
    expect(unset.outcomeId).toBe('centre-checks');
    expect(unset.reasons).toEqual(['本机还没有设置本地的经济困难标准。']);
  });

  it("puts the site's own provisioned office under 去哪里办; address, hours or phone it does not give stay unknown", async () => {
    const bundle = await start('site-office', true).procedures.get({ id: 'legal-aid-precheck' });
    expect(bundle?.offices).toEqual([
      {
        id: 'site-legal-aid',
        kind: 'legal-aid-centre',
        name: '测试站点法律援助工作站（测试数据）',
        address: '测试路1号',
        hours: null,
        phone: '000-00000000',
        handles: ['法律援助申请', '法律咨询'],
      },
    ]);
  });

  it('refuses a provisioned office field by field, in English and Chinese', () => {
    const result = validateTerminalConfig({ ...provisioned, offices: [{ id: 'Site Office', kind: 'legal-aid-centre', name: '', phone: '电话' }] });
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^offices\[0\]\.id: got "Site Office"; allowed: office id: lower-case letters.* — .*地点编号/),
      expect.stringMatching(/^offices\[0\]\.name: got ""; allowed: the office name residents see.* — .*居民看到的地点名称/),
      expect.stringMatching(/^offices\[0\]\.phone: got "电话"; allowed: phone: digits and dashes only.* — .*电话：只含数字和连字符/),
    ]);
  });
});
