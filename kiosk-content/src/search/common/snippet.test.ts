import { describe, expect, it } from 'vitest';
import { findTermSpans, makeSnippet } from './snippet';

describe('findTermSpans', () => {
  it('marks every occurrence, prefers longer terms and merges adjacent spans', () => {
    const text = '用人单位拖欠劳动报酬的，劳动者可以申请支付令。';
    expect(findTermSpans(text, ['劳动', '劳动报酬', '拖欠']).map((s) => text.slice(s.start, s.end))).toEqual(['拖欠劳动报酬', '劳动']);
  });
});

describe('makeSnippet', () => {
  it('returns short text whole with highlight offsets', () => {
    const s = makeSnippet('饲养的动物造成他人损害的，动物饲养人应当承担侵权责任。', ['动物', '损害']);
    expect(s.cutBefore).toBe(false);
    expect(s.cutAfter).toBe(false);
    expect(s.highlights.map((h) => s.text.slice(h.start, h.end))).toEqual(['动物', '损害', '动物']);
  });

  it('picks the window with the most distinct terms and starts at a sentence', () => {
    const filler = '本法所称的其他事项按照有关规定办理。'.repeat(6);
    const text = `${filler}用人单位应当按时足额支付劳动报酬。${filler}`;
    const s = makeSnippet(text, ['劳动报酬', '用人单位'], 40);
    expect(s.text.startsWith('用人单位')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(40);
    expect(s.cutBefore).toBe(true);
    expect(s.cutAfter).toBe(true);
    expect(s.highlights.map((h) => s.text.slice(h.start, h.end))).toEqual(['用人单位', '劳动报酬']);
  });

  it('without matches shows the beginning', () => {
    const s = makeSnippet('甲'.repeat(200), ['乙'], 50);
    expect(s.text).toBe('甲'.repeat(50));
    expect(s.highlights).toEqual([]);
  });
});
