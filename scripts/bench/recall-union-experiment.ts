/**
 * A second candidate source for the tail of the ranking: `npx tsx scripts/bench/recall-union-experiment.ts`.
 * 5-fold CV on the public STARD questions (models as search-experiment-setup.ts trains them) and
 * the everyday choosing set (model on all questions). The first KEEP results of the engine's
 * ranking (defaults) stay as they are, so R@10 and nDCG@10 do not move while KEEP ≥ 10; results
 * KEEP+1…100 alternate between the engine's own next result and the next new one of a second
 * source, `SHARE` of the slots going to the source. Sources (each ranked on its own):
 * - `tw0.3`: the engine with the translation expansions at 0.3 (instead of 0.1),
 * - `fb`: the engine with pseudo-relevance feedback 5 docs, 10 words, 0.2,
 * - `kw`: the engine with the lawyer keywords of the 5 most similar training questions at 0.1,
 * - `lf0.7`: the engine with the expansion field at 0.7 (instead of 0.5),
 * - `prior0` / `prior0.3`: the engine with the domain prior off / at 0.3 (instead of 0.75),
 * - `bigram`: BM25 over the character bigrams of every article (bigram-candidates.ts),
 * - `tlm3`: the translation LM over every article of the 3 best laws of the first 10,
 * - `rrfBigram` / `rrfTlm`: reciprocal-rank fusion of the engine's first 300 with the bigram BM25's
 *   first 300 / with the same 300 ordered by the translation LM alone (SHARES=1: the whole tail from it).
 * Prints R@100 per source × KEEP × SHARE (R@10 / nDCG@10 are the engine's); aggregates only.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { EngineParams, SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { translationLogLikelihood } from '../../kiosk-content/src/search/common/translation-lm';
import { bigramCandidateIndex } from './bigram-candidates';
import { everydayFile } from './bench-data-files';
import { openExperimentEngine } from './search-experiment-setup';

const { base, source, trainModels } = openExperimentEngine();
const idx = base.index.articles;
const data = idx.data;
const bigrams = bigramCandidateIndex(source.articles(), idx);
let t = performance.now();
const trained = trainModels();
console.log(`training: ${((performance.now() - t) / 1000).toFixed(1)} s`);
const stats = idx.textStatistics();

const learnedDefaults = defaultEngineParams.bm25.learned ?? { weight: 0.5, b: 0.2 };
const engineSources: Record<string, EngineParams> = {
  'tw0.3': { ...defaultEngineParams, translationWeight: 0.3 },
  fb: { ...defaultEngineParams, feedback: { docs: 5, terms: 10, weight: 0.2, maxDocShare: 0.05 } },
  kw: { ...defaultEngineParams, similarQuestions: { weight: 0, k: 5, keywords: 0.1 } },
  'lf0.7': { ...defaultEngineParams, bm25: { ...defaultEngineParams.bm25, learned: { ...learnedDefaults, weight: 0.7 } } },
  prior0: { ...defaultEngineParams, priorStrength: 0 },
  'prior0.3': { ...defaultEngineParams, priorStrength: 0.3 },
};
const chosenSources = (process.env.SOURCES ?? 'tw0.3,fb,kw,lf0.7,bigram,tlm3').split(',');

function tlmInBestLaws(engine: SearchEngine, ranked: readonly number[], own: readonly string[], laws: number): number[] {
  const words = engine.translationWords(own);
  const best: number[] = [];
  for (const d of ranked.slice(0, 10)) {
    const l = data.docLaw[d] as number;
    if (!best.includes(l)) best.push(l);
  }
  const docs: number[] = [];
  for (const l of best.slice(0, laws)) {
    const law = data.laws[l];
    if (law) for (let d = law.firstDoc; d < law.firstDoc + law.docCount; d++) docs.push(d);
  }
  const ll = translationLogLikelihood(words, docs, stats.forward, { translationShare: 0.5, collectionShare: 0.5 }, stats.scratch);
  return [...docs.keys()]
    .sort((a, b) => (ll[b] as number) - (ll[a] as number))
    .slice(0, 100)
    .map((k) => docs[k] as number);
}

/** Reciprocal-rank fusion (1 / (60 + rank) summed over the lists), best first. */
function reciprocalRankFusion(rankings: readonly (readonly number[])[]): number[] {
  const score = new Map<number, number>();
  for (const list of rankings) list.forEach((d, r) => score.set(d, (score.get(d) ?? 0) + 1 / (60 + r)));
  return [...score].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([d]) => d);
}

/** `docs` ordered by the translation LM alone. */
function tlmOrder(engine: SearchEngine, docs: readonly number[], own: readonly string[]): number[] {
  const words = engine.translationWords(own);
  const ll = translationLogLikelihood(words, docs, stats.forward, { translationShare: 0.5, collectionShare: 0.5 }, stats.scratch);
  return [...docs.keys()].sort((a, b) => (ll[b] as number) - (ll[a] as number)).map((k) => docs[k] as number);
}

interface Lists {
  relevant: Set<string>;
  main: number[];
  sources: Record<string, number[]>;
}
const docsOf = (r: ReturnType<SearchEngine['search']>) => r.articles.map((a) => idx.findArticle(a.normalizedTitle, a.label) as number);
function lists(engine: SearchEngine, query: string, relevant: Set<string>): Lists {
  const r = engine.search(query, { limit: 300, qaLimit: 0, snippets: false });
  const main = docsOf(r);
  const own = r.terms.filter((x) => x.weight >= 1).map((x) => x.term);
  const sources: Record<string, number[]> = {};
  for (const name of chosenSources) {
    const params = engineSources[name];
    if (params) sources[name] = docsOf(engine.withParams(params).search(query, { limit: 100, qaLimit: 0, snippets: false }));
    else if (name === 'bigram') sources[name] = bigrams.top(r.query, 100);
    else if (name === 'tlm3') sources[name] = tlmInBestLaws(engine, main, own, 3);
    else if (name === 'rrfBigram') sources[name] = reciprocalRankFusion([main, bigrams.top(r.query, 300)]);
    else if (name === 'rrfTlm') sources[name] = reciprocalRankFusion([main, tlmOrder(engine, main, own)]);
  }
  return { relevant, main, sources };
}

t = performance.now();
const cv: Lists[] = [];
for (const fold of trained.folds) {
  const engine = base.withModel(fold.model);
  for (const i of fold.heldOut) {
    const q = trained.questions[i];
    if (q) cv.push(lists(engine, q.query, new Set(q.relevant)));
  }
}
const allEngine = base.withModel(trained.model);
const everyday = readFileSync(everydayFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] })
  .map((q) => lists(allEngine, q.query, new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`))));
console.log(`lists: ${((performance.now() - t) / 1000).toFixed(0)} s`);

/** The engine's first `keep`, then its next result and the source's next new one alternating (`share` to the source). */
function merged(l: Lists, name: string | null, keep: number, share: number): string[] {
  const main = l.main.slice(0, 100);
  const out = main.slice(0, keep);
  const seen = new Set(out);
  const src = name ? (l.sources[name] ?? []) : [];
  let i = keep;
  let j = 0;
  let credit = 0;
  while (out.length < 100 && (i < main.length || j < src.length)) {
    credit += share;
    const fromSource = credit >= 1 && j < src.length;
    if (fromSource) credit -= 1;
    const pick = fromSource ? src[j++] : i < main.length ? main[i++] : src[j++];
    if (pick !== undefined && !seen.has(pick)) {
      seen.add(pick);
      out.push(pick);
    }
  }
  return out.map((d) => idx.key(d));
}
const p = (x: number) => (100 * x).toFixed(1);
const score = (set: readonly Lists[], name: string | null, keep: number, share: number) =>
  evaluateRetrieval(set.map((l): QueryJudgement => ({ relevant: l.relevant, ranked: merged(l, name, keep, share) })));
const base0 = score(cv, null, 100, 0);
const ev0 = score(everyday, null, 100, 0);
console.log(
  `engine defaults: CV ${p(base0.recallAt10)} / ${p(base0.recallAt100)} / ${p(base0.ndcgAt10)} | everyday ${p(ev0.recallAt10)} / ${p(ev0.recallAt100)} / ${p(ev0.ndcgAt10)}`,
);
const keeps = (process.env.KEEPS ?? '20,50').split(',').map(Number);
const shares = (process.env.SHARES ?? '0.25,0.5').split(',').map(Number);
for (const name of chosenSources)
  for (const keep of keeps)
    for (const share of shares) {
      const m = score(cv, name, keep, share);
      const e = score(everyday, name, keep, share);
      console.log(
        `${name.padEnd(8)} keep ${String(keep).padStart(3)} share ${share.toFixed(2)}: CV ${p(m.recallAt10)} / ${p(m.recallAt100)} / ${p(m.ndcgAt10)} | everyday ${p(e.recallAt10)} / ${p(e.recallAt100)} / ${p(e.ndcgAt10)}`,
      );
    }
