import { describe, expect, it } from 'vitest';
import { bigramTokenizer } from './normalize';
import { SearchEngine, buildSearchIndex } from './search-engine';
import type { ArticleIndexInput } from './article-index';
import { warmUpEngine, warmUpQuestions, type WarmableEngine } from './warm-up';

function a(law: string, label: string, text: string): ArticleIndexInput {
  return {
    key: `${law}|${label}`,
    normalizedTitle: law,
    title: `中华人民共和国${law}`,
    label,
    text,
    headings: [],
    versionDate: '2020-01-01',
    category: '社会法',
  };
}

const articles = [
  a('劳动合同法', '第三十条', '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。'),
  a('劳动合同法', '第四十七条', '经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。'),
  a('民法典', '第一千零七十九条', '夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。'),
];

function engine(reads: string[]): SearchEngine {
  const index = buildSearchIndex(
    {
      articles,
      qa: [{ id: 'labour-unpaid-wages', question: '老板拖欠工资不发怎么办', also: [], domain: 'labour', cites: ['劳动合同法 第三十条'] }],
      glossary: [{ colloquial: ['老板'], legal: ['用人单位'] }],
      fingerprint: 'warm-up-test',
      userWords: [],
    },
    bigramTokenizer,
    () => '',
  );
  const texts = new Map(articles.map((x) => [x.key, x]));
  return new SearchEngine(index, bigramTokenizer, (key) => {
    reads.push(key);
    return texts.get(key) ?? null;
  });
}

/** Records the calls; each call advances the fake clock by `step` ms. */
function recording(step: number) {
  let t = 0;
  const calls: string[] = [];
  const fake: WarmableEngine = {
    search: (q, o) => {
      t += step;
      calls.push(`search:${o.snippets === false ? 'cli' : 'screen'}:${q}`);
      return null;
    },
    suggest: (q) => {
      calls.push(`suggest:${q}`);
      return [];
    },
  };
  return { fake, calls, now: () => t };
}

describe('warmUpEngine', () => {
  it('runs every question in the CLI shape, the search screen shape and as a suggestion, for the rounds asked', () => {
    const { fake, calls, now } = recording(0);
    const report = warmUpEngine(fake, { questions: ['甲', '乙'], rounds: 2, now });
    expect(calls).toEqual([
      'search:cli:甲',
      'search:screen:甲',
      'suggest:甲',
      'search:cli:乙',
      'search:screen:乙',
      'suggest:乙',
      'search:cli:甲',
      'search:screen:甲',
      'suggest:甲',
      'search:cli:乙',
      'search:screen:乙',
      'suggest:乙',
    ]);
    expect(report.searches).toBe(8);
  });

  it('starts no question once the time budget is spent', () => {
    const { fake, calls, now } = recording(30);
    const report = warmUpEngine(fake, { questions: ['甲', '乙', '丙'], rounds: 5, budgetMs: 100, now });
    // 60 ms per question: the second starts at 60 ms, the third would start at 120 ms.
    expect(calls.filter((c) => c.startsWith('suggest:'))).toEqual(['suggest:甲', 'suggest:乙']);
    expect(report).toEqual({ searches: 4, ms: 120 });
  });

  it('has built-in questions, among them a citation and pinyin initials', () => {
    expect(warmUpQuestions.length).toBeGreaterThanOrEqual(10);
    expect(warmUpQuestions.some((q) => /第\d+条/.test(q))).toBe(true);
    expect(warmUpQuestions.some((q) => /^[a-z]+$/.test(q))).toBe(true);
  });

  it('leaves the results of a real engine as they were, and reads article texts while warming', () => {
    const reads: string[] = [];
    const cold = engine([]);
    const warmed = engine(reads);
    warmUpEngine(warmed, { questions: ['老板不发工资', '离婚诉讼', '劳动合同法第47条'], rounds: 2 });
    expect(reads.length).toBeGreaterThan(0);
    for (const q of ['老板拖欠工资', '经济补偿怎么算', '劳动合同法第30条', 'ldhtf']) {
      expect(warmed.search(q, { limit: 100, qaLimit: 1, snippets: false })).toEqual(cold.search(q, { limit: 100, qaLimit: 1, snippets: false }));
      expect(warmed.search(q)).toEqual(cold.search(q));
    }
  });
});
