import path from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from '../../../scripts/lib/repo-paths';

/**
 * Lints a probe: `source` as if it were the file at `file` (repo-relative; it need not exist), with
 * the repository's own eslint.config.js. Probes are not part of any tsconfig project, so they are
 * linted without type information and the type-aware rules are off.
 */
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: {
    languageOptions: { parserOptions: { project: null, projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
});

/** The messages the given rules report for the probe. */
export async function probeMessages(file: string, source: string, ruleIds: readonly string[]): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && ruleIds.includes(m.ruleId)).map((m) => m.message);
}
