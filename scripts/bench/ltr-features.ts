/**
 * Feature dump for learning to rank over the engine's own signals:
 * `npx tsx scripts/bench/ltr-features.ts` (OUT=/tmp/rank; QATRAIN as in search-experiment-setup.ts).
 *
 * For every public STARD question it writes the engine's first 100 articles with per-stage
 * component scores (ltrFeatureNames: the shipped re-ranker's features, learned-rerank.ts
 * rankerFeatures, then single-field scores, then candidate features from the training questions
 * and the list's structure, contextFeatures) and the relevance label, ranked by
 *   - its outer cross-validation model (trained without its fold: the held-out ranking), and
 *   - for every other fold f, the model trained without its fold and without f (inner cross-fitting:
 *     a ranker trained inside outer fold f sees, for its training questions, features of models that
 *     never saw those questions, as its test questions get from the outer model);
 * and the everyday choosing set with the model trained on all questions. The rows go to
 * OUT/features.f32 (Float32, ltrFeatureNames.length + 1 columns, the last the label), the
 * per-ranking index to OUT/features.json. ltr-experiment.ts evaluates fusions on them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import { noPrior } from '../../kiosk-content/src/search/common/article-index';
import { defaultLearnedRerankParams, rankerFeatureNames, rankerFeatures } from '../../kiosk-content/src/search/common/learned-rerank';
import { deepRankerFeatureNames, deepRankerFeatures } from '../../kiosk-content/src/search/common/deep-rerank';
import type { SearchEngine, SearchTrace } from '../../kiosk-content/src/search/common/search-engine';
import { learnSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import type { LabelledQuestion } from '../../kiosk-content/authoring/search-model/train-search-model';
import { everydayFile, selectedHeldOutSets } from './bench-data-files';
import { FOLDS, openExperimentEngine } from './search-experiment-setup';

/**
 * DEPTH=300: the engine's first `depth` articles (default 100, the shipped re-ranker's depth). The
 * shipped features are then those of the first 100 (for the rows below them: the deep ones), and
 * `deep.*` the same features computed over all `depth` candidates (law counts and ranks over the
 * deeper list), plus two indicators: whether the bigram stage scored the article (its bigram
 * feature is 0, not a score, when not) and whether the translation second stage did — the deep
 * re-ranker's features (deep-rerank.ts deepRankerFeatures).
 * FIELDS=0 leaves out the single-field scores (five index walks per ranking).
 */
const depth = Number(process.env.DEPTH ?? 100);
const withFields = process.env.FIELDS !== '0';
const shallowDepth = 100;
/** The shipped re-ranker's features (learned-rerank.ts rankerFeatures), then deep, single-field and candidate ones (this dump only). */
export const ltrFeatureNames: readonly string[] = [
  ...rankerFeatureNames,
  ...(depth > shallowDepth ? deepRankerFeatureNames : []),
  ...(withFields ? ['textField', 'headingsField', 'titleField', 'learnedField', 'expansionTerms'] : []),
  // Candidates for the re-ranker (contextFeatures below): similar-training-question votes…
  'similarVote10',
  'similarVote30',
  'similarBest',
  // …co-citation with the engine's first 5…
  'coCitedSum',
  'coCitedMax',
  // …and structure: articles to the nearest of the first 5 in the same law.
  'logTop5Distance',
  // Second round: the best similar question (of 100) citing the article, the article's law's vote
  // among the 10 most similar questions' articles, and how much those 10 agree.
  'similarMax100',
  'similarLawVote10',
  'similarAgreement10',
];

/**
 * The candidate features: the article's vote among the articles cited by the 10 / 30 training
 * questions most similar to the resident's words (LearnedField.similarQuestionVotes, the top 1)
 * and the best similar question's BM25 score (log); the share of training questions citing one of
 * the engine's first 5 that also cite the article (sum and max over the 5); the distance in
 * articles to the nearest of the first 5 in the same law (log(1 + d), log 101 for none); the
 * relative score of the most similar of the 100 most similar questions that cites the article;
 * the article's law's share of the 10 most similar questions' votes (the top law 1); the top
 * article's vote over all votes of those 10 (how much they agree).
 */
function contextFeatures(engine: SearchEngine, ownWords: readonly string[], docs: readonly number[]): number[][] {
  const learned = engine.index.articles.learned;
  const docLaw = engine.index.articles.data.docLaw;
  const votes10 = learned?.similarQuestionVotes(ownWords, 10) ?? new Map<number, number>();
  const votes30 = learned?.similarQuestionVotes(ownWords, 30) ?? new Map<number, number>();
  const best = learned?.similarQuestions(ownWords, 1)[0]?.score ?? 0;
  const similar100 = learned?.similarQuestions(ownWords, 100) ?? [];
  const ex = learned?.data.examples;
  const maxSimilar = new Map<number, number>();
  const lawVotes = new Map<number, number>();
  let votes = 0;
  let bestDocVote = 0;
  const docVotes = new Map<number, number>();
  similar100.forEach(({ question, score }, rank) => {
    if (!ex || best <= 0) return;
    for (let i = ex.docOffsets[question] as number; i < (ex.docOffsets[question + 1] as number); i++) {
      const d = ex.docs[i] as number;
      maxSimilar.set(d, Math.max(maxSimilar.get(d) ?? 0, score / best));
      if (rank >= 10) continue;
      const law = docLaw[d] as number;
      lawVotes.set(law, (lawVotes.get(law) ?? 0) + score / best);
      const v = (docVotes.get(d) ?? 0) + score / best;
      docVotes.set(d, v);
      bestDocVote = Math.max(bestDocVote, v);
    }
    if (rank < 10) votes += score / best;
  });
  const bestLawVote = Math.max(0, ...lawVotes.values()) || 1;
  const agreement = votes > 0 ? bestDocVote / votes : 0;
  const top = docs.slice(0, 5);
  const co = top.map((d) => learned?.coCitedWith(d));
  return docs.map((d) => {
    let sum = 0;
    let max = 0;
    let dist = 100;
    top.forEach((t, j) => {
      if (t === d) return;
      const p = co[j]?.get(d) ?? 0;
      sum += p;
      if (p > max) max = p;
      if (docLaw[t] === docLaw[d]) dist = Math.min(dist, Math.abs(t - d));
    });
    return [
      votes10.get(d) ?? 0,
      votes30.get(d) ?? 0,
      Math.log(1 + best),
      sum,
      max,
      Math.log(1 + dist),
      maxSimilar.get(d) ?? 0,
      (lawVotes.get(docLaw[d] as number) ?? 0) / bestLawVote,
      agreement,
    ];
  });
}

export interface RankingIndex {
  /** stard: question index; everyday (or a held-out set's name, HELDOUT mode): line index. */
  set: string;
  question: number;
  fold: number;
  /** 'outer' (held-out model / all-questions model for everyday) or the other fold f of the inner model. */
  model: 'outer' | number;
  offset: number;
  rows: number;
  /** Relevant articles the list lacks (for recall). */
  relevantTotal: number;
}

const out = process.env.OUT ?? '/tmp/rank';
/** Articles each single-field ranking keeps (candidates beyond score 0 there). */
const fieldDepth = 5000;

function featuresOf(engine: SearchEngine, query: string, relevant: ReadonlySet<string>): { rows: number[][]; relevantTotal: number } {
  const trace: SearchTrace = {};
  // A trace records `depth` candidates (the deep re-ranker's depth) whatever the limit; 100 as the CLI's --top 100.
  engine.search(query, { limit: shallowDepth, qaLimit: 0, snippets: false, trace });
  const idx = engine.index.articles;
  const candidates = (trace.candidates ?? []).slice(0, depth);
  const stages = trace.stages;
  const shared = stages ? rankerFeatures(stages, candidates.slice(0, shallowDepth), idx) : new Float64Array(0);
  const deep = stages && depth > shallowDepth ? deepRankerFeatures(stages, candidates, idx) : null;
  const width = rankerFeatureNames.length;
  const deepWidth = deepRankerFeatureNames.length;
  const docs = candidates.map((c) => c.doc);
  // Each BM25F field alone (no priors), and the glossary and translation expansions alone, scaled to their best among the candidates.
  const bm = engine.params.bm25;
  const only = { text: 0, headings: 0, title: 0 };
  const plain = { ...bm, authorityPrior: noPrior, learned: { weight: 0, b: bm.learned?.b ?? 0 } };
  const terms = trace.rankTerms ?? [];
  const own = new Set([...(trace.ownWords ?? [])]);
  const fieldRuns = (
    withFields
      ? [
          idx.search(terms, { ...plain, weights: { ...only, text: 1 } }, { limit: fieldDepth }),
          idx.search(terms, { ...plain, weights: { ...only, headings: 1 } }, { limit: fieldDepth }),
          idx.search(terms, { ...plain, weights: { ...only, title: 1 } }, { limit: fieldDepth }),
          idx.search(terms, { ...plain, weights: only, learned: { weight: 1, b: bm.learned?.b ?? 0.2 } }, { limit: fieldDepth }),
          idx.search(
            terms.filter((x) => x.weight < 1 && !own.has(x.term)),
            { ...plain, weights: { ...only, text: 1 } },
            { limit: fieldDepth },
          ),
        ]
      : []
  ).map((hits) => {
    const m = new Map(hits.map((h) => [h.doc, h.score]));
    const best = Math.max(0, ...docs.map((d) => m.get(d) ?? 0)) || 1;
    return (d: number) => (m.get(d) ?? 0) / best;
  });
  const context = contextFeatures(engine, trace.ownWords ?? [], docs);
  const rows = candidates.map((c, i) => [
    ...Array.from(i < shallowDepth ? shared.subarray(i * width, (i + 1) * width) : (deep as Float64Array).subarray(i * deepWidth, i * deepWidth + width)),
    ...(deep ? Array.from(deep.subarray(i * deepWidth, (i + 1) * deepWidth)) : []),
    ...fieldRuns.map((score) => score(c.doc)),
    ...(context[i] ?? []),
    relevant.has(idx.key(c.doc)) ? 1 : 0,
  ]);
  return { rows, relevantTotal: relevant.size };
}

function main(): void {
  mkdirSync(out, { recursive: true });
  const opened = openExperimentEngine();
  const { trainModels, trainingOptions } = opened;
  // The ranker's candidate list is `depth` long (no model here carries trees, so nothing re-ranks).
  const base = opened.base.withParams({ ...opened.base.params, learnedRerank: { ...defaultLearnedRerankParams, depth, deepDepth: depth } });
  let t = performance.now();
  const trained = trainModels();
  console.log(`outer models: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const questions = trained.questions;
  const foldOf = (i: number) => i % FOLDS;
  const chunks: Float32Array[] = [];
  const index: RankingIndex[] = [];
  let offset = 0;
  const width = ltrFeatureNames.length + 1;
  const add = (entry: Omit<RankingIndex, 'offset' | 'rows' | 'relevantTotal'>, engine: SearchEngine, query: string, relevant: ReadonlySet<string>) => {
    const { rows, relevantTotal } = featuresOf(engine, query, relevant);
    const block = new Float32Array(rows.length * width);
    rows.forEach((r, i) => block.set(r, i * width));
    chunks.push(block);
    index.push({ ...entry, offset, rows: rows.length, relevantTotal });
    offset += rows.length;
  };
  const stardQuery = (i: number) => questions[i] as LabelledQuestion;
  const judged = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] })
      .map((q) => ({ query: q.query, relevant: new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`)) }));
  const write = (name: string) => {
    const all32 = new Float32Array(offset * width);
    let o = 0;
    for (const c of chunks) {
      all32.set(c, o);
      o += c.length;
    }
    writeFileSync(path.join(out, `${name}.f32`), Buffer.from(all32.buffer));
    writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ names: ltrFeatureNames, width, rankings: index }));
    console.log(`${String(index.length)} rankings, ${String(offset)} rows → ${out}/${name}.*`);
  };
  const heldOut = selectedHeldOutSets();
  if (heldOut.length > 0) {
    // BLIND=1 / CHECK=1: only those sets, ranked by the all-questions model, for ltr-experiment.ts's aggregates.
    const all = base.withModel(trained.model);
    for (const set of heldOut) judged(set.file).forEach((q, i) => add({ set: set.name, question: i, fold: -1, model: 'outer' }, all, q.query, q.relevant));
    write('heldout');
    return;
  }
  for (const f of trained.folds) {
    const engine = base.withModel(f.model);
    for (const i of f.heldOut)
      add({ set: 'stard', question: i, fold: foldOf(i), model: 'outer' }, engine, stardQuery(i).query, new Set(stardQuery(i).relevant));
  }
  console.log(`outer rankings: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const all = base.withModel(trained.model);
  judged(everydayFile).forEach((q, i) => add({ set: 'everyday', question: i, fold: -1, model: 'outer' }, all, q.query, q.relevant));
  // Inner cross-fitting: the model without folds f and g ranks fold g's questions (for outer fold f) and fold f's (for outer fold g).
  for (let f = 0; f < FOLDS; f++)
    for (let g = f + 1; g < FOLDS; g++) {
      t = performance.now();
      const model = learnSearchModel(
        questions.filter((_, i) => foldOf(i) !== f && foldOf(i) !== g),
        trainingOptions,
      );
      const engine = base.withModel(model);
      questions.forEach((q, i) => {
        if (foldOf(i) === g) add({ set: 'stard', question: i, fold: g, model: f }, engine, q.query, new Set(q.relevant));
        else if (foldOf(i) === f) add({ set: 'stard', question: i, fold: f, model: g }, engine, q.query, new Set(q.relevant));
      });
      console.log(`inner model without folds ${String(f)} and ${String(g)}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  write('features');
}

main();
