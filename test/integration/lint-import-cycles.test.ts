import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { probeMessages } from './support/lint-probe';

/**
 * No import cycles in electron/, kiosk-content/, native-adapters/ or renderer/ (eslint.config.js →
 * import-x/no-cycle). Each probe lints an existing file as if it also imported a file that already
 * imports it, closing a loop; `npx eslint .` being clean is what proves the tree has none.
 */
const cycleMessages = (file: string, source: string) => probeMessages(file, source, ['import-x/no-cycle']);

const closesLoop: Array<[string, string, string]> = [
  ['renderer', 'renderer/src/lib/navigation-stack.ts', "import { NavigationProvider } from './navigation';\nexport const probe = NavigationProvider;"],
  ['electron', 'electron/common/contract/receipt-api.ts', "import { kioskContract } from './kiosk-api';\nexport const probe = kioskContract;"],
  [
    'kiosk-content',
    'kiosk-content/src/procedures/common/expression.ts',
    "import { compileProcedure } from './compile-procedure';\nexport const probe = compileProcedure;",
  ],
  [
    'native-adapters',
    'native-adapters/thermal-printer/service/printer-status.ts',
    "import { ThermalPrinterService } from './thermal-printer-service';\nexport const probe = ThermalPrinterService;",
  ],
];

describe('lint-enforced absence of import cycles', () => {
  it.each(closesLoop)('rejects an import that closes a loop in %s', async (_name, file, source) => {
    expect(await cycleMessages(file, source)).not.toEqual([]);
  });

  it('allows a type-only import back (erased at build time)', async () => {
    const source = "import type { ScreenEntry } from './navigation-stack';\nexport type Probe = ScreenEntry;";
    expect(await cycleMessages('renderer/src/lib/navigation-stack-probe.ts', source)).toEqual([]);
    expect(
      await cycleMessages(
        'renderer/src/lib/navigation-stack.ts',
        "import type { NavigationProvider } from './navigation';\nexport type Probe = typeof NavigationProvider;",
      ),
    ).toEqual([]);
  });

  it('passes the files as they are', async () => {
    for (const [, file] of closesLoop) {
      expect(await cycleMessages(file, readFileSync(path.join(repoRoot, file), 'utf8'))).toEqual([]);
    }
  });
});
