import { describe, expect, it } from 'vitest';
import { BigramStats, BigramStatsBuilder, QueryBigrams, bigramCodes, bigramScore, gatedBigramWeight, rescoreWithBigrams } from './bigram-rescore';

const code = (pair: string) => ((pair.charCodeAt(0) << 16) | pair.charCodeAt(1)) >>> 0;

describe('bigramCodes', () => {
  it('codes adjacent CJK characters only, repeats kept', () => {
    expect(bigramCodes('拖欠工资，拖欠 2 个月')).toEqual([code('拖欠'), code('欠工'), code('工资'), code('拖欠'), code('个月')]);
    expect(bigramCodes('abc 1')).toEqual([]);
  });
});

describe('BigramStatsBuilder', () => {
  it('keeps the bigrams of two or more articles, sorted, and the mean bigram count', () => {
    const builder = new BigramStatsBuilder();
    for (const text of ['拖欠工资', '拖欠报酬拖欠', '劳动报酬']) builder.add(text);
    const data = builder.finish();
    // 拖欠 in 2 articles, 报酬 in 2; 欠工 / 工资 / 欠报 / 酬拖 / 劳动 / 动报 in one each.
    expect([...data.codes]).toEqual([code('拖欠'), code('报酬')].sort((a, b) => a - b));
    expect([...data.df]).toEqual([2, 2]);
    expect(data.docCount).toBe(3);
    expect(data.avgLength).toBeCloseTo((3 + 5 + 3) / 3);
    const stats = new BigramStats(data);
    expect(stats.documentFrequency(code('拖欠'))).toBe(2);
    // Absent from the table: in one article at most.
    expect(stats.documentFrequency(code('工资'))).toBe(1);
    expect(stats.idf(code('拖欠'))).toBeCloseTo(Math.log(1 + 1.5 / 2.5));
  });
});

describe('bigramScore', () => {
  it('is BM25 (k1 1.2, b 0.75) over the query bigrams the text contains', () => {
    const idf = new Map([
      [code('拖欠'), 2],
      [code('工资'), 3],
    ]);
    const query = new QueryBigrams(idf);
    // 拖欠 twice among 3 bigrams (拖欠 欠拖 拖欠), average length 3: 2 × 2 × 2.2 / (2 + 1.2); 工资 absent.
    expect(bigramScore(query, '拖欠拖欠', 3)).toBeCloseTo((2 * 2 * 2.2) / 3.2);
    // Twice the average length: 2 × 2 × 2.2 / (2 + 1.2 × (0.25 + 0.75 × 2)).
    expect(bigramScore(query, '拖欠拖欠', 1.5)).toBeCloseTo((2 * 2 * 2.2) / (2 + 1.2 * 1.75));
    expect(bigramScore(query, '劳动报酬', 3)).toBe(0);
  });

  it('matches whole bigrams only, counts every CJK bigram in the length, and forgets each text', () => {
    const query = new QueryBigrams(
      new Map([
        [code('拖欠'), 2],
        [code('工资'), 3],
      ]),
    );
    // 拖资 and 欠工 are made of the query's characters but are not its bigrams.
    expect(bigramScore(query, '拖资欠工', 3)).toBe(0);
    // 工资 once among 3 bigrams (拖资 资工 工资), then 拖欠 once among 1: nothing carried over.
    expect(bigramScore(query, '拖资工资', 3)).toBeCloseTo((3 * 2.2) / (1 + 1.2));
    expect(bigramScore(query, 'ab拖欠', 3)).toBeCloseTo((2 * 2.2) / (1 + 1.2 * (0.25 + 0.75 / 3)));
    expect(query.size).toBe(2);
  });
});

describe('rescoreWithBigrams', () => {
  const stats = new BigramStats({ codes: new Uint32Array(), df: new Uint32Array(), docCount: 100, avgLength: 6 });
  const texts: Record<string, string> = { a: '用人单位应当支付', b: '用人单位拖欠劳动报酬的', c: '其他事项', d: '拖欠工资' };
  const ranked = [
    { key: 'a', score: 10 },
    { key: 'b', score: 9.5 },
    { key: 'c', score: 9 },
    { key: 'd', score: 1 },
  ];
  const textOf = (head: readonly { key: string }[]) => head.map((h) => texts[h.key] ?? null);

  it('adds weight × best score × bigram / best bigram within depth and re-sorts; the rest follow unchanged', () => {
    const out = rescoreWithBigrams(ranked, '老板拖欠工资怎么办', textOf, stats, 0.2, 3);
    // Within the first 3 only b shares a bigram (拖欠): + 0.2 × 10 × 1; d (拖欠工资) lies beyond depth.
    expect(out.map((h) => h.key)).toEqual(['b', 'a', 'c', 'd']);
    expect(out[0]?.score).toBeCloseTo(11.5);
    expect(out[1]?.score).toBe(10);
    expect(out[3]).toEqual({ key: 'd', score: 1 });
  });

  it('asks for the texts of the re-scored entries once, in ranking order, and not at all when off', () => {
    const asked: string[][] = [];
    const reader = (head: readonly { key: string }[]) => {
      asked.push(head.map((h) => h.key));
      return textOf(head);
    };
    rescoreWithBigrams(ranked, '老板拖欠工资怎么办', reader, stats, 0.2, 3);
    expect(asked).toEqual([['a', 'b', 'c']]);
    rescoreWithBigrams(ranked, '拖欠工资', reader, stats, 0, 100);
    rescoreWithBigrams(ranked, 'abc', reader, stats, 0.2, 100);
    expect(asked).toHaveLength(1);
  });

  it('changes nothing when off, for a query without CJK bigrams, or when no text shares one', () => {
    expect(rescoreWithBigrams(ranked, '拖欠工资', textOf, stats, 0, 100)).toEqual(ranked);
    expect(rescoreWithBigrams(ranked, 'abc', textOf, stats, 0.2, 100)).toEqual(ranked);
    expect(rescoreWithBigrams(ranked, '离婚财产', textOf, stats, 0.2, 100)).toEqual(ranked);
  });
});

describe('gatedBigramWeight', () => {
  it('scales the weight by (1 − coverage)^power, 0 power ungated', () => {
    const params = { weight: 0.3, depth: 100, coveragePower: 2 };
    expect(gatedBigramWeight(params, 0)).toBeCloseTo(0.3);
    expect(gatedBigramWeight(params, 0.5)).toBeCloseTo(0.075);
    expect(gatedBigramWeight(params, 1)).toBe(0);
    expect(gatedBigramWeight({ ...params, coveragePower: 0 }, 0.9)).toBeCloseTo(0.3);
  });
});
