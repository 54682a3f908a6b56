/**
 * Regional data in real Chromium against the real host: a terminal provisioned for region 110101 with
 * a district content pack (kiosk-content/default + test/fixtures/regional-district/regional.yaml, built,
 * signed and installed like any pack) shows the district's offices on every outcome of every procedure,
 * and the pack's hardship standard (1800 元, TEST DATA) decides the legal-aid means question.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureBundle, ProcedureListItem } from '../../electron/common/contract/procedures-api';
import type { ReceiptPreview } from '../../electron/common/contract/receipt-api';
import type { RunningWebKiosk } from '../../electron/node/host/start-web-kiosk';
import { buildContentPack } from '../../kiosk-content/authoring/pack-builder/build-pack';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { generatePackKeys, readPublicKey } from '../../kiosk-content/src/packs/node/pack-keys';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { appVersion, defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';
import { openKioskPage, saveScreenshot, type KioskPage } from './support/browser';
import { callHost, expectReadableAndPressable, useBrowser } from './support/kiosk-suite';
import { startSpecKiosk } from './support/spec-kiosk';

const SPEC = 'regional';
const PROCEDURE = 'legal-aid-precheck';
const fixture = path.join(repoRoot, 'test/fixtures/regional-district');

let dataDir = '';
let kiosk: RunningWebKiosk | undefined;
let baseUrl = '';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-regional-'));
  // The district pack: the default content with the district's regional.yaml and its own id.
  const folder = path.join(dataDir, 'district-content');
  cpSync(defaultContentDir, folder, { recursive: true });
  cpSync(path.join(fixture, 'regional.yaml'), path.join(folder, 'regional.yaml'));
  const keys = generatePackKeys(path.join(dataDir, 'keys'), 'district');
  const pack = path.join(dataDir, 'district.fpk');
  await buildContentPack(folder, { out: pack, version: '9.0.0', minAppVersion: appVersion(), keyFile: keys.privateFile });
  const store = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: appVersion(), defaultContentDir });
  await store.install(pack, { trustedKeys: [readPublicKey(keys.publicFile)] });

  kiosk = await startSpecKiosk(dataDir, {
    terminalId: 'E2E-REGIONAL',
    siteName: '测试路1号测试站点（测试数据）',
    region: '110101',
    printer: null,
    idReader: null,
  });
  baseUrl = kiosk.url;
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a terminal in 110101 with the district pack', () => {
  it('names a district office, with its address, for every outcome of every procedure, on screen data and on the receipt', async () => {
    const list = await callHost<ProcedureListItem[]>(baseUrl, 'procedures.list');
    expect(list.length).toBeGreaterThan(0);
    let checked = 0;
    for (const item of list) {
      const bundle = await callHost<ProcedureBundle | null>(baseUrl, 'procedures.get', { id: item.id });
      if (!bundle) throw new Error(`${item.id} not served`);
      expect(bundle.config.legalAidIncomeThreshold).toBe(1800);
      for (const outcomeId of bundle.procedure.outcomeOrder) {
        const kind = bundle.procedure.outcomes[outcomeId]?.office ?? null;
        if (kind === null) continue;
        const offices = bundle.offices.filter((o) => o.kind === kind);
        expect(offices.length, `${item.id}/${outcomeId}: no office of kind ${kind}`).toBeGreaterThan(0);
        for (const office of offices) {
          expect(office.name, `${item.id}/${outcomeId}`).toContain('测试');
          expect(office.address).toMatch(/^测试路\d+号$/);
          expect(office.name).not.toContain('别的测试区');
        }
        const receipt = await callHost<ReceiptPreview | null>(baseUrl, 'receipts.previewOutcome', { procedureId: item.id, outcomeId, reasons: [] });
        const text = (receipt?.layout.lines ?? []).flatMap((l) => (l.kind === 'text' ? [l.text] : [])).join('\n');
        expect(text, `${item.id}/${outcomeId} receipt`).toContain(offices[0]?.address ?? '?');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  const browser = useBrowser();
  let opened: KioskPage | undefined;
  beforeAll(async () => {
    opened = await openKioskPage(browser(), baseUrl, { viewport: 'small' });
  });
  afterAll(async () => {
    await opened?.close();
  });
  const page = (): Page => {
    if (!opened) throw new Error('no page');
    return opened.page;
  };

  async function answerLegalAid(income: string, household: string): Promise<void> {
    const p = page();
    await p.goto(baseUrl);
    await p.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
    await p.locator(`[data-testid="guide"][data-guide-id="${PROCEDURE}"]`).click();
    // A tapped answer shows as chosen for a moment before the next question comes: wait for each question.
    const at = (step: string) => p.locator(`[data-testid="procedure-screen"][data-step="${step}"]`).waitFor();
    const tap = async (step: string, value: string) => {
      await at(step);
      await p.locator(`[data-testid="option"][data-value="${value}"]`).click();
    };
    const typeNumber = async (digits: string) => {
      await p.locator('[data-testid="keypad"] [data-key="clear"]').click();
      for (const digit of digits) await p.locator(`[data-testid="keypad"] [data-key="${digit}"]`).click();
    };
    await p.getByTestId('idcard-skip').click();
    await tap('matter', 'wages');
    await tap('exemption', 'none');
    await tap('special-group', 'none');
    await at('migrant');
    await p.getByTestId('answer-no').click();
    await at('income');
    await typeNumber(income);
    await p.getByTestId('next').click();
    await at('household');
    await typeNumber(household);
    await p.getByTestId('next').click();
    await p.getByTestId('summary-confirm').click();
    await p.getByTestId('outcome').waitFor();
  }

  it('decides the means question by the pack standard: 1500 元 per person is within 1800 元', async () => {
    await answerLegalAid('3000', '2');
    const p = page();
    expect(await p.getByTestId('outcome').getAttribute('data-outcome')).toBe('likely-eligible');
    expect(await p.getByTestId('reasons').innerText()).toContain('家里人均月收入 1500 元，未超本地标准 1800 元。');
    const office = p.getByTestId('outcome-office');
    const text = await office.innerText();
    expect(text).toContain('测试区法律援助中心（测试数据）');
    expect(text).toContain('测试路1号');
    expect(text).toContain('000-00000000');
    expect(text).not.toContain('别的测试区');
    expect(text).not.toContain(zhCN['procedure.outcome.askStaff']);
    await expectReadableAndPressable(p);
    await saveScreenshot(p, SPEC, 'small-likely-eligible');
  });

  it('and 2000 元 per person is over it', async () => {
    await answerLegalAid('4000', '2');
    const p = page();
    expect(await p.getByTestId('outcome').getAttribute('data-outcome')).toBe('over-threshold');
    expect(await p.getByTestId('reasons').innerText()).toContain('家里人均月收入 2000 元，超过本地标准 1800 元。');
    expect(await p.getByTestId('outcome-office').innerText()).toContain('测试路1号');
    await saveScreenshot(p, SPEC, 'small-over-threshold');
  });
});
