/**
 * Ranking equivalence check for search speed work:
 *   npx tsx scripts/bench/search-equivalence.ts --write <file.json>    (on the code before a change)
 *   npx tsx scripts/bench/search-equivalence.ts --compare <file.json>  (after it)
 * Runs the public STARD questions and the everyday questions through the engine with the model
 * trained on all public questions, twice per question: as the CLI's `search --kind article --top 100`
 * does (limit 100, one Q&A, no snippets) and as the kiosk's service search does (10 articles with
 * snippets, 5 Q&A, suggestions). --write stores every key, score, Q&A hit, snippet and suggestion;
 * --compare requires identical keys in identical order, identical snippets and suggestions, and
 * scores equal within 1e-9 relative. The trained model and the index are cached in the temp folder.
 * Also prints p50/p95/max of the CLI-style search.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SearchModel } from '../../kiosk-content/src/search/common/learned-model';
import { userWordsFor } from '../../kiosk-content/src/search/common/search-engine';
import { LawFolderArticleSource } from '../../kiosk-content/authoring/law-import/law-folder-article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { createJiebaTokenizer } from '../../kiosk-content/src/search/node/jieba-tokenizer';
import { LocalSearchService } from '../../kiosk-content/src/search/node/search-service';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { everydayFile, lawsDir, lecoqaFile, stardQueriesFile } from './bench-data-files';
import { quantileMs } from './search-experiment-setup';

interface Recorded {
  query: string;
  /** CLI style: key and score of each of the top 100, then the Q&A hit. */
  cli: { keys: string[]; scores: number[]; qa: [string, number][] };
  /** Service style: everything but the scores, as JSON; the scores apart. */
  service: { json: string; scores: number[] };
}

const [mode, file] = process.argv.slice(2);
if ((mode !== '--write' && mode !== '--compare') || !file) {
  console.error('usage: search-equivalence.ts --write <file.json> | --compare <file.json>');
  process.exit(2);
}

const questions = [stardQueriesFile, everydayFile].flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => (JSON.parse(l) as { query: string }).query),
);

const source = new LawFolderArticleSource(lawsDir);
const glossary = glossaryFromFolder();
const modelFile = path.join(os.tmpdir(), 'fatong-equivalence-model.json');
let model: SearchModel;
if (existsSync(modelFile)) model = JSON.parse(readFileSync(modelFile, 'utf8')) as SearchModel;
else {
  const tokenizer = createJiebaTokenizer(userWordsFor(source.lawTitles(), glossary));
  model = trainSearchModel(stardQueriesFile, lecoqaFile, 0, {
    translation: { articleText: (key) => source.article(key)?.text ?? null, tokenizer },
  }).model;
  writeFileSync(modelFile, JSON.stringify(model));
}
const service = LocalSearchService.open({
  articles: source,
  qa: qaFromFolder(),
  glossary,
  model,
  indexFile: path.join(os.tmpdir(), 'fatong-equivalence-index.bin'),
});
console.log(`index ${service.report.built ? 'built' : 'loaded'} in ${(service.report.ms / 1000).toFixed(1)} s; ${String(questions.length)} questions`);

const times: number[] = [];
const recorded: Recorded[] = questions.map((query) => {
  const started = performance.now();
  const r = service.engine.search(query, { limit: 100, qaLimit: 1, snippets: false });
  times.push(performance.now() - started);
  const s = service.search(query);
  const scores = [...s.articles.map((a) => a.score), ...s.qa.map((q) => q.score)];
  const json = JSON.stringify({
    articles: s.articles.map((a) => ({ ...a, score: 0 })),
    qa: s.qa.map((q) => ({ ...q, score: 0 })),
    suggestions: s.suggestions,
    terms: s.terms,
    citations: s.citations,
  });
  return {
    query,
    cli: { keys: r.articles.map((a) => a.key), scores: r.articles.map((a) => a.score), qa: r.qa.map((q) => [q.id, q.score]) },
    service: { json, scores },
  };
});
console.log(`CLI-style search (limit 100, 1 Q&A, no snippets): p50 ${quantileMs(times, 0.5)} p95 ${quantileMs(times, 0.95)} max ${quantileMs(times, 1)} ms`);

if (mode === '--write') {
  writeFileSync(file, JSON.stringify(recorded));
  console.log(`wrote ${file}`);
} else {
  const reference = JSON.parse(readFileSync(file, 'utf8')) as Recorded[];
  const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  const sameScores = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => close(x, b[i] as number));
  let differ = 0;
  let worst = 0;
  reference.forEach((ref, i) => {
    const now = recorded[i];
    const problems: string[] = [];
    if (!now || now.query !== ref.query) problems.push('question list differs');
    else {
      if (JSON.stringify(now.cli.keys) !== JSON.stringify(ref.cli.keys)) problems.push('CLI ranking');
      if (!sameScores(now.cli.scores, ref.cli.scores)) problems.push('CLI scores');
      if (
        JSON.stringify(now.cli.qa.map((q) => q[0])) !== JSON.stringify(ref.cli.qa.map((q) => q[0])) ||
        !sameScores(
          now.cli.qa.map((q) => q[1]),
          ref.cli.qa.map((q) => q[1]),
        )
      )
        problems.push('CLI Q&A');
      if (now.service.json !== ref.service.json) problems.push('service results');
      if (!sameScores(now.service.scores, ref.service.scores)) problems.push('service scores');
      now.cli.scores.forEach((x, j) => {
        const y = ref.cli.scores[j] ?? x;
        if (x !== y) worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
      });
    }
    if (problems.length > 0) {
      differ++;
      if (differ <= 10) console.log(`DIFFERS #${String(i)} 「${ref.query}」: ${problems.join(', ')}`);
    }
  });
  if (reference.length !== recorded.length) differ++;
  console.log(
    `${differ === 0 ? 'IDENTICAL' : 'DIFFERENT'}: ${String(reference.length - differ)} of ${String(reference.length)} questions equal; largest relative score difference ${worst.toExponential(2)}`,
  );
  process.exitCode = differ === 0 ? 0 : 1;
}
