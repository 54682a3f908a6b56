/**
 * Checks that every article labelled in the everyday question sets resolves to a current article
 * of the law library (../shared/data/laws, assembled as the importer does, latest version of each
 * law): `npx tsx scripts/bench/check-everyday-labels.ts [--show] [file.jsonl …]` (default: all
 * everyday sets). Prints `file:line: reason` for each label that does not resolve and exits 1 if
 * any. --show also prints each label's law version date and the start of its text, for checking
 * the labels by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import { LawFolderArticleSource } from '../../kiosk-content/authoring/law-import/law-folder-article-source';
import { repoRoot } from '../lib/repo-paths';
import { everydaySets, lawsDir } from './bench-data-files';

const args = process.argv.slice(2);
const show = args.includes('--show');
const named = args.filter((a) => !a.startsWith('--'));
const files = named.length > 0 ? named.map((f) => path.resolve(f)) : everydaySets.map((s) => s.file);

const source = new LawFolderArticleSource(lawsDir);
const versionDate = new Map<string, string>();
for (const a of source.articles()) if (!versionDate.has(a.normalizedTitle)) versionDate.set(a.normalizedTitle, a.versionDate ?? '?');

let problems = 0;
let labels = 0;
for (const file of files) {
  const rel = path.relative(repoRoot, file);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim().length === 0) return;
    const where = `${rel}:${String(i + 1)}`;
    let q: { id?: unknown; query?: unknown; relevant?: unknown };
    try {
      q = JSON.parse(line) as typeof q;
    } catch (e) {
      problems += 1;
      console.log(`${where}: not JSON (${(e as Error).message})`);
      return;
    }
    if (typeof q.query !== 'string' || !Array.isArray(q.relevant) || q.relevant.length === 0) {
      problems += 1;
      console.log(`${where}: needs "query" (text) and "relevant" (a non-empty list)`);
      return;
    }
    if (show) console.log(`${where} [${String(q.id)}] ${q.query}`);
    for (const r of q.relevant as { law?: unknown; article?: unknown }[]) {
      labels += 1;
      const law = typeof r.law === 'string' ? normalizeLawTitle(r.law) : '';
      const key = `${law}|${typeof r.article === 'string' ? r.article : ''}`;
      const article = source.article(key);
      if (!article) {
        problems += 1;
        console.log(`${where}: ${key} is not a current article of the law library`);
      } else if (show) {
        console.log(`    ${key} (${versionDate.get(law) ?? '?'}): ${article.text.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
  });
}
console.log(`${String(files.length)} file(s), ${String(labels)} labels, ${String(problems)} problem(s)`);
process.exitCode = problems > 0 ? 1 : 0;
