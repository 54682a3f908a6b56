import { describe, expect, it } from 'vitest';
import type { ArticleIndexInput } from '../../src/search/common/article-index';
import { deepRankerFeatureNames } from '../../src/search/common/deep-rerank';
import { rankerFeatureNames } from '../../src/search/common/learned-rerank';
import { bigramTokenizer } from '../../src/search/common/normalize';
import { SearchEngine, buildSearchIndex } from '../../src/search/common/search-engine';
import { rankerTrainingQueries, rankerTrainingRankings, trainRanker } from './train-ranker';
import type { LabelledQuestion } from './train-search-model';

function a(law: string, label: string, text: string): ArticleIndexInput {
  return { key: `${law}|${label}`, normalizedTitle: law, title: law, label, text, headings: [], versionDate: '2020-01-01', category: '社会法' };
}
const articles = [
  a('劳动合同法', '第三十条', '用人单位应当向劳动者及时足额支付劳动报酬，不得拖欠工资。'),
  a('劳动合同法', '第四十七条', '经济补偿按劳动者在本单位工作的年限支付。'),
  a('民法典', '第一千二百四十五条', '饲养的动物造成他人损害的，动物饲养人应当承担侵权责任。'),
  a('民法典', '第一千零七十九条', '夫妻一方要求离婚的，可以向人民法院提起离婚诉讼。'),
];
const texts = new Map(articles.map((x) => [x.key, x]));
const index = buildSearchIndex({ articles, qa: [], glossary: [], fingerprint: 't', userWords: [], model: null }, bigramTokenizer, () => '');
const engine = new SearchEngine(index, bigramTokenizer, (key) => texts.get(key) ?? null);
const questions: LabelledQuestion[] = [
  { id: 1, query: '公司拖欠工资', relevant: ['劳动合同法|第三十条'] },
  { id: 2, query: '工作年限经济补偿', relevant: ['劳动合同法|第四十七条'] },
  { id: 3, query: '动物损害谁负责', relevant: ['民法典|第一千二百四十五条'] },
  { id: 4, query: '离婚诉讼去法院', relevant: ['民法典|第一千零七十九条'] },
  { id: 5, query: '不给报酬拖欠工资', relevant: ['劳动合同法|第三十条'] },
  { id: 6, query: '饲养动物伤人', relevant: ['民法典|第一千二百四十五条'] },
];

describe('rankerTrainingQueries', () => {
  it('labels the relevant articles and starts from κ × the engine score', () => {
    const [q] = rankerTrainingQueries(engine, questions.slice(0, 1), 2);
    if (!q) throw new Error('query expected');
    const keys = engine.search('公司拖欠工资', { limit: 100, snippets: false }).articles.map((x) => x.key);
    expect(q.labels).toEqual(keys.map((k) => (k === '劳动合同法|第三十条' ? 1 : 0)));
    expect(q.features[0]).toHaveLength(rankerFeatureNames.length);
    expect(q.base).toEqual(q.features.map((x) => 2 * (x[0] as number)));
    expect(q.relevantTotal).toBe(1);
  });
});

describe('rankerTrainingRankings', () => {
  it('gives the deep re-ranker every candidate with its deep features and the same labels', () => {
    const [r] = rankerTrainingRankings(engine, questions.slice(0, 1), 2);
    if (!r) throw new Error('rankings expected');
    expect(r.deep.labels.slice(0, r.shallow.labels.length)).toEqual(r.shallow.labels);
    expect(r.deep.features[0]).toHaveLength(deepRankerFeatureNames.length);
    expect(r.deep.base).toEqual(r.deep.features.map((x) => 2 * (x[0] as number)));
    expect(r.deep.features.map((x) => x.slice(0, rankerFeatureNames.length))).toEqual(r.shallow.features);
  });
});

describe('trainRanker', () => {
  it('cross-fits fold models and returns trees for the shared features', () => {
    const model = trainRanker(engine, questions, {}, 3);
    expect(model.features).toEqual([...rankerFeatureNames]);
    expect(model.trees).toHaveLength(100);
    for (const t of model.trees.slice(0, 5)) {
      expect(t.feature.length).toBe(t.value.length);
      expect(t.feature.every((f) => f >= -1 && f < rankerFeatureNames.length)).toBe(true);
    }
    expect(model.deep?.features).toEqual([...deepRankerFeatureNames]);
    expect(model.deep?.trees).toHaveLength(100);
    expect(trainRanker(engine, questions, {}, 3, false).deep).toBeUndefined();
  });
});
