import { describe, expect, it } from 'vitest';
import { createGlossaryLookup } from './glossary-lookup';
import type { GlossaryEntry } from './glossary-types';

function entry(domain: GlossaryEntry['domain'], colloquial: string[], legal: string[]): GlossaryEntry {
  return { domain, colloquial, legal, file: `${domain}.yaml`, line: 1, legalLines: legal.map(() => 1) };
}

const boss = entry('labour', ['老板', '厂里'], ['用人单位']);
const wages = entry('labour', ['工资', '工钱'], ['劳动报酬']);
const unpaid = entry('labour', ['不发工资', '欠薪'], ['拖欠劳动报酬']);
const crash = entry('traffic', ['撞车'], ['交通事故']);
const bossInjury = entry('work-injury', ['老板'], ['用人单位', '工伤']);

describe('createGlossaryLookup', () => {
  const lookup = createGlossaryLookup([boss, wages, unpaid, crash, bossInjury]);

  it('finds colloquial terms inside free text and gathers their statute terms', () => {
    const result = lookup.expand('老板一直不发工资怎么办');
    expect(result.matches.map((m) => [m.term, m.start])).toEqual([
      ['老板', 0],
      ['不发工资', 4],
    ]);
    expect(result.legalTerms).toEqual(['用人单位', '工伤', '拖欠劳动报酬']);
    expect(result.domains).toEqual([
      { domain: 'labour', count: 2 },
      { domain: 'work-injury', count: 1 },
    ]);
  });

  it('keeps a short term when it stands on its own', () => {
    expect(lookup.expand('工资算少了').legalTerms).toEqual(['劳动报酬']);
  });

  it('returns nothing for text without glossary words', () => {
    expect(lookup.expand('今天天气很好')).toEqual({ matches: [], legalTerms: [], domains: [] });
    expect(lookup.expand('')).toEqual({ matches: [], legalTerms: [], domains: [] });
  });
});
