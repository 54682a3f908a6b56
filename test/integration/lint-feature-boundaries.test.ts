import { describe, expect, it } from 'vitest';
import { probeMessages } from './support/lint-probe';

/**
 * Renderer features are independent (eslint.config.js → featureZones): a feature may not import
 * another feature, and components/ and lib/ may import neither a feature nor the app shell. app/
 * composes features. Each probe is one import placed (virtually) in a renderer folder.
 */
const featureMessages = (file: string, source: string) => probeMessages(file, source, ['fatong/layer-boundaries']);

const forbidden: Array<[string, string, string]> = [
  ['guides → idcard (the ID-card step)', 'renderer/src/features/guides/probe.tsx', "import { IdCardStep } from '../idcard/IdCardStep';"],
  ['idcard → guides (their styles)', 'renderer/src/features/idcard/probe.tsx', "import styles from '../guides/guides.module.css';"],
  ['article → search', 'renderer/src/features/article/probe.ts', "import '../search/search-view';"],
  ['a nested file of one feature → another', 'renderer/src/features/admin/deep/probe.ts', "import '../../home/device-state-view';"],
  ['components → a feature', 'renderer/src/components/receipts/probe.tsx', "import '../../features/guides/OutcomePanel';"],
  ['components → app', 'renderer/src/components/ui/probe.tsx', "import '../../app/session/SessionProvider';"],
  ['lib → a feature', 'renderer/src/lib/probe.ts', "import '../features/search/search-memory';"],
];

const allowed: Array<[string, string, string]> = [
  ['a feature → itself', 'renderer/src/features/guides/probe.tsx', "import './procedure-view';"],
  ['a feature → components', 'renderer/src/features/guides/probe.tsx', "import '../../components/receipts/PrintPanel';"],
  ['a feature → lib', 'renderer/src/features/qa/probe.tsx', "import '../../lib/library-client';"],
  ['app → a feature', 'renderer/src/app/probe.tsx', "import '../features/idcard/IdCardStep';"],
];

describe('lint-enforced renderer feature boundaries', () => {
  it.each(forbidden)('rejects %s', async (_name, file, source) => {
    expect(await featureMessages(file, source)).not.toEqual([]);
  });

  it.each(allowed)('allows %s', async (_name, file, source) => {
    expect(await featureMessages(file, source)).toEqual([]);
  });
});
