import { describe, expect, it } from 'vitest';
import { probeMessages } from './support/lint-probe';

/**
 * The layering in README → Architecture is enforced by eslint.config.js. These probes lint a
 * one-line file placed (virtually) in each layer, importing something that layer must not see,
 * and expect the boundary rule to fire — and a permitted import to pass.
 */
const boundaryMessages = (file: string, source: string) => probeMessages(file, source, ['fatong/layer-boundaries', 'no-restricted-imports']);

const forbidden: Array<[string, string, string]> = [
  ['pure content code → its own Node code', 'kiosk-content/src/qa/common/probe.ts', "import '../node/load-qa-folder';"],
  ["pure content code → another topic's Node code", 'kiosk-content/src/qa/common/probe.ts', "import '../../content-folder/node/load-content-folder';"],
  ['pure content code → node:fs', 'kiosk-content/src/laws/common/probe.ts', "import 'node:fs';"],
  ['pure content code → authoring tools', 'kiosk-content/src/laws/common/probe.ts', "import '../../../authoring/law-import/assemble-library';"],
  ['terminal content code → authoring tools', 'kiosk-content/src/packs/node/probe.ts', "import '../../../authoring/pack-builder/build-pack';"],
  ['host → authoring tools', 'electron/node/probe.ts', "import '../../kiosk-content/authoring/law-import/import-laws';"],
  ['electron/common → authoring tools', 'electron/common/probe.ts', "import '../../kiosk-content/authoring/search-model/train-search-model';"],
  ['electron shell → authoring tools', 'electron/main/probe.ts', "import '../../kiosk-content/authoring/pack-builder/pack-tools';"],
  ['device adapter → authoring tools', 'native-adapters/thermal-printer/node/probe.ts', "import '../../../kiosk-content/authoring/pack-builder/build-pack';"],
  ['authoring tools → host', 'kiosk-content/authoring/law-import/probe.ts', "import '../../../electron/node/host/kiosk-host';"],
  ['renderer → authoring tools', 'renderer/src/probe.ts', "import '../../kiosk-content/authoring/law-import/import-laws';"],
  ['electron/common → host', 'electron/common/probe.ts', "import '../node/host/kiosk-host';"],
  ['electron/common → electron', 'electron/common/probe.ts', "import 'electron';"],
  ['renderer → host', 'renderer/src/probe.ts', "import '../../electron/node/host/kiosk-host';"],
  ['renderer → node:fs', 'renderer/src/probe.ts', "import 'node:fs';"],
  ['renderer → better-sqlite3', 'renderer/src/probe.ts', "import 'better-sqlite3';"],
  ['host → electron', 'electron/node/probe.ts', "import 'electron';"],
  ['host → renderer', 'electron/node/probe.ts', "import '../../renderer/src/app/App';"],
  ['preload → node:fs', 'electron/preload/probe.ts', "import 'node:fs';"],
  ['preload → host', 'electron/preload/probe.ts', "import '../node/host/kiosk-host';"],
  ['scripts → renderer', 'scripts/probe.ts', "import '../renderer/src/app/App';"],
  ['scripts → serialport', 'scripts/probe.ts', "import 'serialport';"],
  ['device codec → serialport', 'native-adapters/thermal-printer/codec/probe.ts', "import 'serialport';"],
  ['device codec → node:fs', 'native-adapters/thermal-printer/codec/probe.ts', "import 'node:fs';"],
];

const allowed: Array<[string, string, string]> = [
  ['renderer → contract', 'renderer/src/probe.ts', "import '../../electron/common/contract/kiosk-api';"],
  ['host → content node code', 'electron/node/probe.ts', "import '../../kiosk-content/src/content-folder/node/load-content-folder';"],
  ['electron/common → pure content', 'electron/common/probe.ts', "import '../../kiosk-content/src/legal-domains/common/legal-domains';"],
  ['scripts → host', 'scripts/probe.ts', "import '../electron/node/host/kiosk-host';"],
];

describe('lint-enforced layering', () => {
  it.each(forbidden)('rejects %s', async (_name, file, source) => {
    expect(await boundaryMessages(file, source)).not.toEqual([]);
  });

  it.each(allowed)('allows %s', async (_name, file, source) => {
    expect(await boundaryMessages(file, source)).toEqual([]);
  });
});
