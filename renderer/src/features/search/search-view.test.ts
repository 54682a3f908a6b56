import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../../electron/common/contract/library-api';
import { hasAnyResult, nonEmptyGroups, normaliseQuery, suggestionAction } from './search-view';

const empty: SearchResult = {
  query: '工资',
  citation: null,
  alsoSearched: [],
  qa: [],
  articles: [],
  procedures: [],
  libraryInstalled: true,
};
const snippet = { text: '…', marks: [] };

describe('search view', () => {
  it('lists only groups with hits, always in the order 问答 → 条文 → 指南', () => {
    const result: SearchResult = {
      ...empty,
      procedures: [{ id: 'p1', title: snippet, summary: '' }],
      qa: [{ id: 'q1', question: snippet, domain: 'labor', domainLabel: '劳动', snippet }],
    };
    expect(nonEmptyGroups(result)).toEqual(['qa', 'procedures']);
    expect(nonEmptyGroups(empty)).toEqual([]);
  });

  it('counts a found citation as a result even with no other hits', () => {
    expect(hasAnyResult(empty)).toBe(false);
    expect(hasAnyResult({ ...empty, citation: { key: '劳动合同法|第四十七条', found: true, display: '劳动合同法第四十七条' } })).toBe(true);
    expect(hasAnyResult({ ...empty, citation: { key: '劳动合同法|第九百条', found: false, display: '劳动合同法第九百条' } })).toBe(false);
  });

  it('opens a Q&A suggestion directly and searches for any other', () => {
    expect(suggestionAction({ text: '老板不发工资怎么办', kind: 'qa', target: 'labor-unpaid-wages' })).toEqual({ type: 'open-qa', id: 'labor-unpaid-wages' });
    expect(suggestionAction({ text: '用人单位', kind: 'term' })).toEqual({ type: 'search', text: '用人单位' });
    expect(suggestionAction({ text: '劳动合同法', kind: 'law', target: '劳动合同法' })).toEqual({ type: 'search', text: '劳动合同法' });
    expect(suggestionAction({ text: '押金', kind: 'qa' })).toEqual({ type: 'search', text: '押金' });
  });

  it('normalises what is sent and refuses blank queries', () => {
    expect(normaliseQuery('  ldht   工资 ')).toBe('ldht 工资');
    expect(normaliseQuery('   ')).toBeNull();
  });
});
