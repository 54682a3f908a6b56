import { describe, expect, it } from 'vitest';
import { utf8Codec as codec, wageArticles as articles, wageArticleTexts as texts } from '../../../../test/fixtures/search/wage-articles';
import { deepRankerFeatureNames, deepRankerFeatures, fuseDeepRanker } from './deep-rerank';
import type { SearchModel } from './learned-model';
import type { RankerCandidate, RankerModel, RankerTree } from './learned-rerank';
import { compileForest, defaultLearnedRerankParams, rankerFeatureNames, rankerFeatures } from './learned-rerank';
import { bigramTokenizer } from './normalize';
import type { SearchTrace } from './search-engine';
import { SearchEngine, buildSearchIndex, decodeSearchIndex, encodeSearchIndex } from './search-engine';

const deepWidth = deepRankerFeatureNames.length;
const deepCol = (name: string) => deepRankerFeatureNames.indexOf(name);

/** One split on a column: rows above `threshold` get +value. */
const tree = (column: number, threshold: number, value: number): RankerTree => ({
  feature: [column, -1, -1],
  threshold: [threshold, 0, 0],
  left: [1, -1, -1],
  right: [2, -1, -1],
  value: [0, 0, value],
});
/** Trees that favour departmental rules (authority 0.7) in the deep list only, and a shallow ranker that does nothing. */
const favourRule = (value: number) => ({ features: [...deepRankerFeatureNames], trees: [tree(deepCol('deep.authority'), 0.75, -value)] });
const ranker = (deep?: RankerModel['deep']): RankerModel => ({
  features: [...rankerFeatureNames],
  trees: [tree(rankerFeatureNames.indexOf('finalScore'), 2, 0)],
  ...(deep ? { deep } : {}),
});
const model = (r?: RankerModel): SearchModel => ({
  format: 'fatong-search-model-1',
  questions: 1,
  expansions: [],
  lawExamples: [],
  neighbours: { radius: 0, weight: 0 },
  ...(r ? { ranker: r } : {}),
});
/** The re-ranker sees the first 2 candidates, the deep one all 4 and keeps the re-ranker's first. */
const params = { ...defaultLearnedRerankParams, depth: 2, deepDepth: 4, keep: 1 };
function engineWith(m: SearchModel): SearchEngine {
  const index = buildSearchIndex({ articles, qa: [], glossary: [], fingerprint: 't', userWords: [], model: m }, bigramTokenizer, () => '');
  const e = new SearchEngine(index, bigramTokenizer, (key) => texts.get(key) ?? null);
  return e.withParams({ ...e.params, learnedRerank: params, bigrams: { weight: 0.3, depth: 2, coveragePower: 2 } });
}
const query = '劳动者的工资被克扣';
const keys = (e: SearchEngine) => e.search(query, { snippets: false }).articles.map((x) => x.key);

describe('deepRankerFeatures', () => {
  it('is the re-ranker’s features over the whole list plus whether the bigram and translation stages scored each article', () => {
    const e = engineWith(model());
    const trace: SearchTrace = {};
    e.search(query, { limit: 10, snippets: false, trace });
    const { stages, candidates } = trace;
    if (!stages || !candidates) throw new Error('stages expected');
    expect(candidates.length).toBe(4);
    const rows = deepRankerFeatures({ ...stages, translationDepth: 1 }, candidates, e.index.articles);
    const shared = rankerFeatures(stages, candidates, e.index.articles);
    const width = rankerFeatureNames.length;
    candidates.forEach((c, i) => {
      expect(Array.from(rows.subarray(i * deepWidth, i * deepWidth + width))).toEqual(Array.from(shared.subarray(i * width, (i + 1) * width)));
      // The bigram stage scored the first 2 of the list it re-scored; the translation stage (here) the word ranking's first.
      expect(rows[i * deepWidth + deepCol('bigramScored')]).toBe(stages.bigrams.has(c.doc) ? 1 : 0);
      expect(rows[i * deepWidth + deepCol('translationScored')]).toBe(c.doc === stages.firstStage[0]?.doc ? 1 : 0);
    });
    expect(stages.bigrams.size).toBe(2);
  });
});

describe('fuseDeepRanker', () => {
  const forest = compileForest(favourRule(10), deepRankerFeatureNames);
  if (!forest) throw new Error('forest expected');
  const c = (doc: number, score: number, exact = false): RankerCandidate => ({ doc, score, exact });
  const rows = (authorities: number[], scores: number[]) => {
    const out = new Float64Array(authorities.length * deepWidth);
    authorities.forEach((x, i) => {
      out[i * deepWidth] = scores[i] as number;
      out[i * deepWidth + deepCol('deep.authority')] = x;
    });
    return out;
  };

  it('keeps the re-ranker’s first `keep`, orders the rest by the deep trees and never raises a score down the list', () => {
    const candidates = [c(7, 9, true), c(1, 1), c(2, 0.8), c(3, 0.5), c(4, 0.2)];
    const top = [c(2, 3), c(1, 2.5)];
    // Doc 4 (authority 1, deep rank 4) is favoured; doc 2 stays first.
    const fused = fuseDeepRanker(top, 1, candidates, rows([1, 0.7, 0.7, 0.7, 1], [1, 1, 0.8, 0.5, 0.2]), forest, 1, 2);
    expect(fused.map((x) => x.doc)).toEqual([2, 1, 3, 4]);
    const fused0 = fuseDeepRanker(top, 1, candidates, rows([1, 1, 1, 0.7, 1], [1, 1, 0.8, 0.5, 0.2]), forest, 1, 2);
    expect(fused0.map((x) => x.doc)).toEqual([2, 3, 1, 4]);
    for (let i = 1; i < fused0.length; i++) expect((fused0[i] as RankerCandidate).score).toBeLessThanOrEqual((fused0[i - 1] as RankerCandidate).score);
  });
});

describe('the deep re-ranker in the engine', () => {
  it('brings an article from below the re-ranker’s depth into the list after the kept first results', () => {
    // Trees that favour the engine's 4th candidate (log(1 + rank) > 1.2), beyond the re-ranker's depth 2.
    const fourth = { features: [...deepRankerFeatureNames], trees: [tree(deepCol('deep.logFinalRank'), 1.2, 10)] };
    const trace: SearchTrace = {};
    engineWith(model()).search(query, { snippets: false, trace });
    const e = engineWith(model(ranker()));
    const last = e.index.articles.key((trace.candidates?.[3] as RankerCandidate).doc);
    const shallowOnly = keys(e);
    expect(shallowOnly.indexOf(last)).toBe(3);
    const deep = keys(engineWith(model(ranker(fourth))));
    expect(deep[0]).toBe(shallowOnly[0]);
    expect(deep[1]).toBe(last);
    expect([...deep].sort()).toEqual([...shallowOnly].sort());
  });

  it('ranks as the re-ranker alone when the deep trees are for other features or the depth does not reach past it', () => {
    const shallowOnly = keys(engineWith(model(ranker())));
    expect(keys(engineWith(model(ranker({ features: ['finalScore'], trees: favourRule(10).trees }))))).toEqual(shallowOnly);
    const e = engineWith(model(ranker(favourRule(10))));
    expect(keys(e.withParams({ ...e.params, learnedRerank: { ...params, deepDepth: 2 } }))).toEqual(shallowOnly);
  });

  it('survives the index encoding with the same deep trees and results', () => {
    const e = engineWith(model(ranker(favourRule(10))));
    const decoded = decodeSearchIndex(encodeSearchIndex(e.index, codec), codec, () => bigramTokenizer);
    expect(decoded.index.articles.learned?.data.ranker?.deep).toEqual(favourRule(10));
    const again = new SearchEngine(decoded.index, bigramTokenizer, (key) => texts.get(key) ?? null, e.params);
    expect(again.search(query, { snippets: false }).articles).toEqual(e.search(query, { snippets: false }).articles);
  });
});
