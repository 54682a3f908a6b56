/**
 * A law pack installed into a RUNNING browser-mode kiosk (content install from the CLI, another
 * process's view of the same data folder): the search screen answers from the new library at the
 * next idle moment, without a restart. Before: 「劳动合同法第47条」 says the library is missing;
 * after: the citation opens the article.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebKiosk } from '../../electron/node/host/start-web-kiosk';
import { buildLawPack } from '../../kiosk-content/authoring/pack-builder/build-pack';
import { generatePackKeys } from '../../kiosk-content/src/packs/node/pack-keys';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import type { CliIo } from '../../scripts/cli/command';
import { commands } from '../../scripts/cli/commands';
import { runCli } from '../../scripts/cli/run-cli';
import { appVersion, repoRoot } from '../../scripts/lib/repo-paths';
import { saveScreenshot, waitForFonts, waitForHome } from './support/browser';
import { useBrowser, withKioskPage } from './support/kiosk-suite';
import { startSpecKiosk } from './support/spec-kiosk';

const statute = path.join(path.resolve(repoRoot, '../shared'), 'data', 'laws', '社会法', '劳动合同法(2012-12-28).md');
const browser = useBrowser();
let tmp: string;
let kiosk: RunningWebKiosk;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-live-pack-'));
  const dataDir = path.join(tmp, 'data');
  mkdirSync(path.join(dataDir, 'config'), { recursive: true });
  // Switch after 1 s without a resident's call (the default is a minute).
  writeFileSync(path.join(dataDir, 'config', 'content.json'), JSON.stringify({ sources: [], idleSeconds: 1 }));
  kiosk = await startSpecKiosk(dataDir);
});

afterAll(async () => {
  await kiosk.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function searchExampleCitation(page: Page): Promise<void> {
  await page.getByTestId('home-button').click();
  await waitForHome(page);
  await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
  await page.locator('main[data-screen="search"]').waitFor();
  await page.getByTestId('example-chip').filter({ hasText: zhCN['search.example.article'] }).click();
  await page.getByTestId('search-results').waitFor();
  await waitForFonts(page);
}

describe('a law pack installed into the running kiosk', () => {
  it('the search screen answers from it without a restart', async () => {
    await withKioskPage(browser(), kiosk.url, 'small', async ({ page }) => {
      await searchExampleCitation(page);
      expect(await page.getByTestId('library-missing').innerText()).toBe(zhCN['search.libraryMissing']);

      const laws = path.join(tmp, 'laws', '社会法');
      mkdirSync(laws, { recursive: true });
      copyFileSync(statute, path.join(laws, path.basename(statute)));
      const keys = generatePackKeys(path.join(tmp, 'keys'), 'editor');
      const pack = await buildLawPack(path.join(tmp, 'laws'), {
        out: path.join(tmp, 'laws.fpk'),
        version: '2026.1.0',
        minAppVersion: appVersion(),
        keyFile: keys.privateFile,
      });
      const input = new PassThrough();
      input.end();
      const io: CliIo = { stdout: () => undefined, stderr: () => undefined, stdin: input, env: { KIOSK_DATA_DIR: path.join(tmp, 'data') } };
      expect(await runCli(['content', 'install', pack.out, '--pubkey', keys.publicFile], commands, io)).toBe(0);

      // Leave the kiosk idle, then ask again, until the screen answers from the new library.
      await expect
        .poll(
          async () => {
            await new Promise((r) => setTimeout(r, 2500));
            await searchExampleCitation(page);
            return page.getByTestId('citation-open').count();
          },
          { timeout: 45_000, interval: 500 },
        )
        .toBe(1);
      expect(await page.getByTestId('citation-open').innerText()).toContain('第四十七条');
      await saveScreenshot(page, 'live-law-pack', 'small-after-install');
      await page.getByTestId('citation-open').click();
      await page.getByTestId('article-screen').waitFor();
      expect(await page.getByTestId('article-screen').getAttribute('data-article-key')).toBe('劳动合同法|第四十七条');
    });
  });
});
