import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import type { ReceiptPreview } from '../../electron/common/contract/receipt-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { importLaws } from '../../kiosk-content/authoring/law-import/import-laws';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';

/**
 * Law vintage on the real host: the default content's law-vintage.yaml lists 治安管理处罚法 (revised
 * 2025-06-27, in force 2026-01-01) and 婚姻登记条例 (revised 2025-04-06, in force 2025-05-10). The
 * article screen's data, the Q&A's data, the Q&A and article slips and the procedure bundle and
 * outcome slip that cite them carry the notice, built from the list; an unlisted law carries none.
 */
const SECURITY_NOTICE = '《治安管理处罚法》已于2025年6月27日修订，自2026年1月1日起施行，条文序号和内容可能有变化，请向工作人员核实';
const MARRIAGE_NOTICE = '《婚姻登记条例》已于2025年4月6日修订，自2025年5月10日起施行，条文序号和内容可能有变化，请向工作人员核实';

const textOf = (preview: ReceiptPreview | null): string => (preview?.layout.lines ?? []).flatMap((l) => (l.kind === 'text' ? [l.text] : [])).join('');

describe('law vintage notices', () => {
  let dataDir: string;
  let host: KioskHost;
  let api: KioskApi;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-vintage-'));
    const staging = path.join(dataDir, 'laws', '行政法');
    mkdirSync(staging, { recursive: true });
    copyFileSync(path.resolve(repoRoot, '../shared/data/laws/行政法/治安管理处罚法(2012-10-26).md'), path.join(staging, '治安管理处罚法(2012-10-26).md'));
    copyFileSync(path.resolve(repoRoot, '../shared/data/laws/诉讼与非诉讼程序法/行政复议法(2023-09-01).md'), path.join(staging, '行政复议法(2023-09-01).md'));
    const db = openContentDb(path.join(dataDir, 'db', 'content.db'));
    try {
      importLaws(db, path.join(dataDir, 'laws'));
    } finally {
      db.close();
    }
    host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger: createMemoryLogger() });
    api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  });
  afterAll(async () => {
    await host?.closeAsync();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts the notice on an article of a listed law and on its slip, and none on an unlisted law', async () => {
    const article = await api.library.getArticle({ key: '治安管理处罚法|第四十三条' });
    expect(article?.vintageNotice).toBe(SECURITY_NOTICE);
    expect(textOf(await api.receipts.previewArticle({ key: '治安管理处罚法|第四十三条' }))).toContain(SECURITY_NOTICE.slice(0, 20));
    expect((await api.library.getArticle({ key: '行政复议法|第二十条' }))?.vintageNotice).toBeNull();
  });

  it('puts it on a Q&A citing the law and on the Q&A slip', async () => {
    const qa = await api.qa.get({ id: 'administrative-police-penalty' });
    expect(qa?.vintageNotices).toEqual([SECURITY_NOTICE]);
    expect(textOf(await api.receipts.previewQa({ id: 'administrative-police-penalty' }))).toContain('请注意');
    expect((await api.qa.get({ id: 'labour-arbitration-award-final' }))?.vintageNotices).toEqual([]);
  });

  it('hands the procedure its cited listed laws and prints the notice on the outcome slip that cites one', async () => {
    const bundle = await api.procedures.get({ id: 'divorce' });
    expect(bundle?.lawNotices).toEqual([{ law: '婚姻登记条例', notice: MARRIAGE_NOTICE }]);
    const outcomeId = bundle?.procedure.outcomeOrder.find((id) => bundle.procedure.outcomes[id]?.cites.some((c) => c.law === '婚姻登记条例')) ?? '';
    expect(outcomeId).not.toBe('');
    const slip = textOf(await api.receipts.previewOutcome({ procedureId: 'divorce', outcomeId, reasons: [] }));
    expect(slip).toContain('请注意');
    expect(slip).toContain('《婚姻登记条例》已于2025年4月6日修订');
  });
});
