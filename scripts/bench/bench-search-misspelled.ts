/**
 * 「您是不是要找」 benchmark alone (bench:search prints the same rows after its table):
 * Recall@10 of the public STARD questions, clean and with one homophone character swapped in a
 * statute word, searched by the engine without training data (default content only), as typed and
 * with the host's correction. See misspelled-queries.ts.
 *
 *   npm run bench:search-misspelled
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeDictionary } from '../../electron/common/ime/dictionary-format';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import { LawFolderArticleSource } from '../../kiosk-content/authoring/law-import/law-folder-article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { LocalSearchService } from '../../kiosk-content/src/search/node/search-service';
import { buildImeDictionary } from '../build/build-ime-dictionary';
import { repoRoot } from '../lib/repo-paths';
import { misspellingReport } from './misspelled-queries';

const sharedData = path.resolve(repoRoot, '../shared/data');
const queries = readFileSync(path.join(sharedData, 'stard/queries.public.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });

const source = new LawFolderArticleSource(path.join(sharedData, 'laws'));
const glossary = glossaryFromFolder();
const engine = LocalSearchService.open({ articles: source, qa: qaFromFolder(), glossary, indexFile: null }).engine;
const titles = new Set([...source.articles()].map((a) => a.normalizedTitle));

const report = misspellingReport({
  questions: queries.map((q) => ({ query: q.query, relevant: new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`)) })),
  rank: (query) => engine.search(query, { limit: 100, qaLimit: 0, snippets: false }).articles.map((a) => a.key),
  articleText: (key) => source.article(key)?.text,
  dictionary: decodeDictionary(buildImeDictionary().text),
  knownTerms: [...glossary.flatMap((e) => [...e.colloquial, ...e.legal]), ...titles],
});
console.log('Search engine without training data (default content only), law library from ../shared/data/laws');
for (const line of report.lines) console.log(line);
