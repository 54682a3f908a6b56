import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ignore = ['**/node_modules/**', '**/dist/**', 'test/tools/**'];

/**
 * Three suites, one runner:
 *   unit         *.test.ts(x) beside the code — pure, no Electron, no hardware, no network
 *   integration  test/integration — real SQLite files, real serial ports over socat ptys, real HTTP
 *   e2e          test/e2e — the built renderer in Debian's Chromium against the real host over HTTP
 */
export default defineConfig({
  root,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{electron,renderer,kiosk-content,native-adapters,scripts}/**/*.test.{ts,tsx}'],
          exclude: ignore,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ignore,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          exclude: ignore,
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
