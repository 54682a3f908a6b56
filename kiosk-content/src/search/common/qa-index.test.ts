import { describe, expect, it } from 'vitest';
import type { Tokenizer } from './normalize';
import { QaIndex, defaultQaMatchParams } from './qa-index';

/** Words as written, space-separated: segmentation that differs between the Q&A and the query. */
const spaceTokenizer: Tokenizer = { tokenize: (text) => text.split(/\s+/).filter((w) => w.length > 0), signature: 'space-1' };

const qa = QaIndex.build(
  [
    { id: 'wages', question: '老板 拖欠工资 怎么办', also: ['公司 不发工资'], domain: 'labour', cites: ['劳动合同法 第三十条'] },
    { id: 'divorce', question: '离婚 财产 怎么分', also: [], domain: 'family', cites: ['民法典 第一千零八十七条'] },
  ],
  [],
  spaceTokenizer,
  () => '',
);
const own = (...words: string[]) => words.map((term) => ({ term, weight: 1 }));

describe('QaIndex.search matching options', () => {
  it('matches whole indexed words only by default', () => {
    expect(qa.search(own('拖欠', '工资'), 5)).toEqual([]);
  });

  it('matches a longer indexed word a query word begins, with a prefix length', () => {
    const hits = qa.search(own('拖欠', '工资'), 5, { ...defaultQaMatchParams, prefixMinLength: 2 });
    expect(hits.map((h) => h.id)).toEqual(['wages']);
    expect(hits[0]?.terms).toEqual(['拖欠工资']);
  });

  it('reports the query words that matched instead of the indexed words when asked', () => {
    const hits = qa.search(own('拖欠', '工资'), 5, { ...defaultQaMatchParams, prefixMinLength: 2, reportQueryTerms: true });
    expect(hits[0]?.terms).toEqual(['拖欠']);
  });

  it('finds words split differently through character bigrams and names the query words they cover', () => {
    const hits = qa.search(own('拖欠', '工资'), 5, { ...defaultQaMatchParams, bigramWeight: 0.5 }, '拖欠 工资');
    expect(hits.map((h) => h.id)).toEqual(['wages']);
    expect([...(hits[0]?.terms ?? [])].sort()).toEqual(['工资', '拖欠']);
  });

  it('keeps the word match first when both match', () => {
    const hits = qa.search(own('离婚', '财产'), 5, { ...defaultQaMatchParams, bigramWeight: 0.5 }, '离婚 财产');
    expect(hits[0]?.id).toBe('divorce');
    expect(hits[0]?.score).toBeCloseTo(1.5);
  });
});

describe('QaIndex fuzzy matching, looked up again', () => {
  const fresh = () =>
    QaIndex.build(
      [
        { id: 'wages', question: '老板 拖欠工资 怎么办', also: ['公司 不发工资'], domain: 'labour', cites: [] },
        { id: 'contract', question: '劳动合同 到期 不续签', also: ['拖欠劳动报酬'], domain: 'labour', cites: [] },
      ],
      [],
      spaceTokenizer,
      () => '',
    );

  it('answers a repeated fuzzy search and suggestion exactly as a new index answers it the first time', () => {
    const repeated = fresh();
    // 拖欠工钱 is one edit from 拖欠工资 (fuzzy 0.2 for 4+ characters); 劳动合 a prefix of 劳动合同 and one edit from it.
    const terms = own('拖欠工钱', '劳动合');
    const first = repeated.search(terms, 5);
    expect(first.map((h) => h.id)).toEqual(['wages']);
    for (let i = 0; i < 3; i++) {
      expect(repeated.search(terms, 5)).toEqual(first);
      expect(repeated.suggest('劳动合 到期', ['劳动合', '到期'], 5)).toEqual(fresh().suggest('劳动合 到期', ['劳动合', '到期'], 5));
    }
    expect(fresh().search(terms, 5)).toEqual(first);
    expect(repeated.suggest('劳动合 到期', ['劳动合', '到期'], 5).map((s) => s.target)).toEqual(['contract']);
  });
});

describe('QaIndex.suggest word stage', () => {
  it('suggests what matches every word by prefix or fuzzily, and nothing when one word matches no suggestion', () => {
    // 拖欠工 is a prefix of the question's word 拖欠工资; 财产x is one edit from 财产 (fuzzy for 3+ characters).
    expect(qa.suggest('拖欠工 老板', ['拖欠工', '老板'], 5).map((s) => [s.target, s.match])).toEqual([['wages', 'fuzzy']]);
    expect(qa.suggest('离婚 财产x', ['离婚', '财产x'], 5).map((s) => [s.target, s.match])).toEqual([['divorce', 'fuzzy']]);
    expect(qa.suggest('拖欠工 离婚', ['拖欠工', '离婚'], 5)).toEqual([]);
    // Three words or more are first checked word by word.
    expect(qa.suggest('老 拖欠工 老板', ['老', '拖欠工', '老板'], 5).map((s) => [s.target, s.match])).toEqual([['wages', 'fuzzy']]);
    expect(qa.suggest('离 财产x 离婚', ['离', '财产x', '离婚'], 5).map((s) => [s.target, s.match])).toEqual([['divorce', 'fuzzy']]);
    expect(qa.suggest('拖欠工 老板 离婚', ['拖欠工', '老板', '离婚'], 5)).toEqual([]);
    expect(qa.suggest('拖欠工 老板 从未见过', ['拖欠工', '老板', '从未见过'], 5)).toEqual([]);
  });
});
