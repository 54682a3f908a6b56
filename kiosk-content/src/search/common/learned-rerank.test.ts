import { describe, expect, it } from 'vitest';
import { utf8Codec as codec, wageArticles as articles, wageArticleTexts as texts } from '../../../../test/fixtures/search/wage-articles';
import type { SearchModel } from './learned-model';
import type { RankerModel, RankerTree } from './learned-rerank';
import type { RankerCandidate, StageRecord } from './learned-rerank';
import {
  compileForest,
  defaultLearnedRerankParams,
  forestOutput,
  fuseRanker,
  fusedScores,
  rankerFeatureNames,
  rankerFeatures,
  rerankGate,
} from './learned-rerank';
import { bigramTokenizer } from './normalize';
import type { SearchTrace } from './search-engine';
import { SearchEngine, buildSearchIndex, decodeSearchIndex, encodeSearchIndex } from './search-engine';

const col = (name: (typeof rankerFeatureNames)[number]) => rankerFeatureNames.indexOf(name);
const width = rankerFeatureNames.length;

/** One split: departmental rules (authority 0.7) get +value, everything else 0. */
const authorityTree = (value: number): RankerTree => ({
  feature: [col('authority'), -1, -1],
  threshold: [0.75, 0, 0],
  left: [1, -1, -1],
  right: [2, -1, -1],
  value: [0, value, 0],
});
const ranker = (trees: RankerTree[], features: string[] = [...rankerFeatureNames]): RankerModel => ({ features, trees });
const model = (r?: RankerModel): SearchModel => ({
  format: 'fatong-search-model-1',
  questions: 1,
  expansions: [{ key: '劳动合同法|第三十条', texts: [{ text: '老板拖欠工资', weight: 1 }] }],
  lawExamples: [],
  neighbours: { radius: 0, weight: 0 },
  ...(r ? { ranker: r } : {}),
});
function engineWith(m: SearchModel): SearchEngine {
  const index = buildSearchIndex(
    {
      articles,
      qa: [{ id: 'unpaid', question: '老板拖欠工资不发怎么办', also: [], domain: 'labour', cites: ['劳动合同法 第三十条'] }],
      glossary: [],
      fingerprint: 't',
      userWords: [],
      model: m,
    },
    bigramTokenizer,
    () => '',
  );
  return new SearchEngine(index, bigramTokenizer, (key) => texts.get(key) ?? null);
}
const keys = (e: SearchEngine, q: string) => e.search(q, { snippets: false }).articles.map((x) => x.key);
const uncovered = '劳动者的工资被克扣';
const covered = '老板拖欠工资不发怎么办';

describe('forest evaluation', () => {
  it('follows each tree to its leaf and sums the leaves', () => {
    const forest = compileForest(ranker([authorityTree(3), authorityTree(-1)]));
    if (!forest) throw new Error('forest expected');
    const rows = new Float64Array(2 * width);
    rows[col('authority')] = 0.7;
    rows[width + col('authority')] = 1;
    expect(forestOutput(forest, rows, 0)).toBe(2);
    expect(forestOutput(forest, rows, 1)).toBe(0);
  });

  it('evaluates trees whatever order their nodes after the root (node 0) are listed in, an empty tree adding 0', () => {
    // Two levels: authority ≤ 0.75 → (exact ≤ 0.5 → 1, else 2), else 4; its right split listed first.
    const deeper: RankerTree = {
      feature: [col('authority'), -1, col('exact'), -1, -1],
      threshold: [0.75, 0, 0.5, 0, 0],
      left: [2, -1, 3, -1, -1],
      right: [1, -1, 4, -1, -1],
      value: [0, 4, 0, 1, 2],
    };
    const empty: RankerTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const forest = compileForest(ranker([authorityTree(3), empty, deeper]));
    if (!forest) throw new Error('forest expected');
    const rows = new Float64Array(3 * width);
    rows[col('authority')] = 0.7;
    rows[width + col('authority')] = 0.7;
    rows[width + col('exact')] = 1;
    rows[2 * width + col('authority')] = 1;
    expect([0, 1, 2].map((r) => forestOutput(forest, rows, r))).toEqual([3 + 1, 3 + 2, 0 + 4]);
  });

  it('refuses trees trained on other features', () => {
    expect(compileForest(ranker([authorityTree(1)], ['finalScore']))).toBeNull();
  });
});

describe('rankerFeatures', () => {
  it('describes each candidate from the stages the search recorded', () => {
    const e = engineWith(model());
    const trace: SearchTrace = {};
    e.search('劳动合同法第47条 工资', { limit: 100, snippets: false, trace });
    const { stages, candidates } = trace;
    if (!stages || !candidates) throw new Error('stages expected');
    expect(candidates[0]).toMatchObject({ exact: true });
    const rows = rankerFeatures(stages, candidates, e.index.articles);
    expect(rows.length).toBe(candidates.length * width);
    const at = (i: number, name: (typeof rankerFeatureNames)[number]) => rows[i * width + col(name)];
    expect(at(0, 'exact')).toBe(1);
    expect(at(1, 'exact')).toBe(0);
    expect(at(1, 'logFinalRank')).toBeCloseTo(Math.log(2));
    // The best non-cited article is the final stage's best: its score scales to 1.
    expect(at(1, 'finalScore')).toBeCloseTo(1);
    const rule = candidates.findIndex((c) => e.index.articles.key(c.doc) === '工资支付暂行规定|第九条');
    expect(at(rule, 'authority')).toBe(0.7);
    const law47 = candidates.findIndex((c) => e.index.articles.key(c.doc) === '劳动合同法|第四十七条');
    // Second of the law's two articles; both of them in the first 10.
    expect(at(law47, 'position')).toBe(0.5);
    expect(at(law47, 'lawTop10')).toBe(2);
    expect(at(0, 'coverage')).toBe(stages.coverage);
    expect(at(0, 'logQueryChars')).toBeCloseTo(Math.log(1 + stages.query.length));
  });
});

describe('rankerFeatures over hand-made stages', () => {
  const e = engineWith(model());
  const hit = (doc: number, score: number) => ({ doc, score });
  const stages = (over: Partial<StageRecord> = {}): StageRecord => ({
    query: '工资',
    firstStage: [hit(2, 4), hit(0, 2), hit(2, 1)],
    translated: [hit(0, 1.5), hit(2, 1.2)],
    bridged: [hit(0, 1.6), hit(2, 1.2)],
    final: [hit(0, 3), hit(2, 2)],
    bigrams: new Map([[0, 1]]),
    coverage: 0.25,
    lawBoost: new Map(),
    ownWords: ['工资'],
    ...over,
  });
  const candidates: RankerCandidate[] = [
    { doc: 0, score: 3, exact: false },
    { doc: 2, score: 2, exact: false },
    { doc: 1, score: 1, exact: false },
  ];
  const at = (rows: Float64Array, i: number, name: (typeof rankerFeatureNames)[number], w = width) => rows[i * w + col(name)];

  it('takes an article’s first place in each stage and marks one the final stage lacks', () => {
    const rows = rankerFeatures(stages(), candidates, e.index.articles);
    // Doc 2 is listed twice in the word ranking: its first place (rank 0, score 4 = the best) counts.
    expect(at(rows, 1, 'firstScore')).toBe(1);
    expect(at(rows, 1, 'logFirstRank')).toBe(0);
    expect(at(rows, 0, 'logFirstRank')).toBeCloseTo(Math.log(2));
    expect(at(rows, 0, 'tlmPart')).toBeCloseTo(1.5 - 0.5);
    expect(at(rows, 0, 'qaPart')).toBeCloseTo(0.1);
    expect(at(rows, 0, 'bigramRaw')).toBe(1);
    // Doc 1 is in no stage: rank 400 stands in, its own score only, and the final stage lacks it.
    expect(at(rows, 2, 'firstScore')).toBe(0);
    expect(at(rows, 2, 'logFirstRank')).toBeCloseTo(Math.log(401));
    expect(at(rows, 2, 'translatedScore')).toBe(0);
    expect(at(rows, 2, 'exact')).toBe(1);
    expect(at(rows, 1, 'exact')).toBe(0);
    // Laws in order of first appearance; each row counts its law's candidates (all in the first 10).
    const lawOf = (doc: number) => e.index.articles.data.docLaw[doc] as number;
    const lawOrder = [...new Set(candidates.map((c) => lawOf(c.doc)))];
    candidates.forEach((c, i) => {
      const sameLaw = candidates.filter((x) => lawOf(x.doc) === lawOf(c.doc)).length;
      expect(at(rows, i, 'logLawRank')).toBeCloseTo(Math.log(1 + lawOrder.indexOf(lawOf(c.doc))));
      expect([at(rows, i, 'lawTop10'), at(rows, i, 'lawTop100')]).toEqual([sameLaw, sameLaw]);
    });
    expect(new Set(lawOrder).size).toBeGreaterThan(1);
  });

  it('gives the same rows however often and after whatever other stages it was called', () => {
    const first = rankerFeatures(stages(), candidates, e.index.articles);
    rankerFeatures(stages({ firstStage: [hit(1, 9)], final: [hit(1, 9)] }), candidates, e.index.articles);
    expect(Array.from(rankerFeatures(stages(), candidates, e.index.articles))).toEqual(Array.from(first));
  });

  it('writes rows a wider stride apart when asked, leaving the extra columns 0', () => {
    const narrow = rankerFeatures(stages(), candidates, e.index.articles);
    const wide = rankerFeatures(stages(), candidates, e.index.articles, width + 2);
    candidates.forEach((_, i) => {
      expect(Array.from(wide.subarray(i * (width + 2), i * (width + 2) + width))).toEqual(Array.from(narrow.subarray(i * width, (i + 1) * width)));
      expect([wide[i * (width + 2) + width], wide[i * (width + 2) + width + 1]]).toEqual([0, 0]);
    });
  });
});

describe('fuseRanker', () => {
  const forest = compileForest(ranker([authorityTree(3)]));
  if (!forest) throw new Error('forest expected');
  const rows = (cells: [number, number][]) => {
    const out = new Float64Array(cells.length * width);
    cells.forEach(([score, authority], i) => {
      out[i * width] = score;
      out[i * width + col('authority')] = authority;
    });
    return out;
  };

  it('scores κ × engine score + gate × trees, drops cited articles and keeps the list order on ties', () => {
    const candidates: RankerCandidate[] = [
      { doc: 9, score: 5, exact: true },
      { doc: 1, score: 1, exact: false },
      { doc: 2, score: 0.5, exact: false },
      { doc: 3, score: 0.5, exact: false },
    ];
    const r = rows([
      [1, 0.7],
      [1, 1],
      [0.5, 0.7],
      [0.5, 0.7],
    ]);
    expect(Array.from(fusedScores(r, width, forest, 0.5, 2, [1, 2]))).toEqual([0, 2, 2.5, 0]);
    const fused = fuseRanker(candidates, r, forest, 0.5, 2);
    // Docs 2 and 3 tie at 2 × 0.5 + 0.5 × 3 = 2.5: the list's order decides.
    expect(fused).toEqual([
      { doc: 2, score: 2.5, exact: false },
      { doc: 3, score: 2.5, exact: false },
      { doc: 1, score: 2, exact: false },
    ]);
  });
});

describe('the learned re-ranker in the engine', () => {
  const plain = engineWith(model());
  it('moves the articles the trees favour up when no Q&A covers the question', () => {
    const trace: SearchTrace = {};
    plain.search(uncovered, { trace });
    expect(trace.stages?.coverage ?? 1).toBeLessThan(1);
    expect(keys(plain, uncovered)[0]).not.toBe('工资支付暂行规定|第九条');
    expect(keys(engineWith(model(ranker([authorityTree(10)]))), uncovered)[0]).toBe('工资支付暂行规定|第九条');
  });

  it('keeps the engine order for a question a Q&A fully covers (gate 0)', () => {
    const trace: SearchTrace = {};
    plain.search(covered, { trace });
    expect(trace.stages?.coverage).toBe(1);
    expect(rerankGate(defaultLearnedRerankParams, 1)).toBe(0);
    expect(keys(engineWith(model(ranker([authorityTree(10)]))), covered)).toEqual(keys(plain, covered));
  });

  it('ranks as without a ranker when the model has none or one for other features', () => {
    const before = keys(plain, uncovered);
    expect(keys(engineWith(model(ranker([authorityTree(10)], ['finalScore']))), uncovered)).toEqual(before);
    expect(keys(engineWith(model(ranker([]))), uncovered)).toEqual(before);
  });

  it('survives the index encoding with the same trees and results', () => {
    const e = engineWith(model(ranker([authorityTree(10), authorityTree(-0.25)])));
    const decoded = decodeSearchIndex(encodeSearchIndex(e.index, codec), codec, () => bigramTokenizer);
    expect(decoded.index.articles.learned?.data.ranker).toEqual(e.index.articles.learned?.data.ranker);
    const again = new SearchEngine(decoded.index, bigramTokenizer, (key) => texts.get(key) ?? null);
    expect(again.search(uncovered, { snippets: false }).articles).toEqual(e.search(uncovered, { snippets: false }).articles);
  });
});
