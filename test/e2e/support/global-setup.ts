/**
 * Global setup of the e2e project (test/vitest.config.ts): one real kiosk host for all specs.
 * Builds the renderer if its sources changed, starts the browser-mode kiosk in this process on a
 * free loopback port with a fresh data folder, hands the URL to the specs (inject('kioskBaseUrl')),
 * and stops it afterwards. The host log is kept under test/artifacts/ for people to read.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startWebKiosk } from '../../../electron/node/host/start-web-kiosk';
import { createFileLogger } from '../../../electron/node/system/logger';
import { openContentDb } from '../../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws } from '../../../kiosk-content/authoring/law-import/import-laws';
import { ensureRendererBuilt } from '../../../scripts/build/build-renderer';
import { appVersion, defaultContentDir, rendererDist, repoRoot } from '../../../scripts/lib/repo-paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running kiosk, e.g. http://127.0.0.1:41234/ (with the trailing slash). */
    kioskBaseUrl: string;
    /** Its KIOSK_DATA_DIR (a fresh temporary folder). */
    kioskDataDir: string;
  }
}

const artifactsDir = path.join(repoRoot, 'test', 'artifacts');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureRendererBuilt({ quiet: true });

  const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-'));
  // A terminal as a technician leaves it: the national library imported from ../shared (read at
  // test time, never copied into the repo). The no-library path is covered by the integration tests.
  const db = openContentDb(path.join(dataDir, 'db', 'content.db'));
  try {
    importLaws(db, path.resolve(repoRoot, '../shared/data/laws'));
  } finally {
    db.close();
  }
  // Quiet: warnings go to the log file (copied to test/artifacts/ at the end), not the test output.
  const logger = createFileLogger({ dir: path.join(dataDir, 'logs') });
  let kiosk: Awaited<ReturnType<typeof startWebKiosk>>;
  try {
    kiosk = await startWebKiosk({
      dataDir,
      appVersion: appVersion(),
      staticDir: rendererDist,
      contentDir: defaultContentDir,
      port: 0,
      logger,
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  project.provide('kioskBaseUrl', kiosk.url);
  project.provide('kioskDataDir', dataDir);

  return async () => {
    await kiosk.close();
    const log = path.join(dataDir, 'logs', 'kiosk.log');
    if (existsSync(log)) {
      mkdirSync(artifactsDir, { recursive: true });
      copyFileSync(log, path.join(artifactsDir, 'e2e-host.log'));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
