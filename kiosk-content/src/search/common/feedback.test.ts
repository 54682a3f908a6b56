import { describe, expect, it } from 'vitest';
import { feedbackTerms, noFeedback } from './feedback';

const df: Record<string, number> = { 工资: 5, 拖欠: 3, 劳动者: 60, 应当: 900, 报酬: 4 };
const stats = { idf: (t: string) => Math.log(1000 / (df[t] ?? 1)), documentFrequency: (t: string) => df[t] ?? 0, docCount: 1000 };
const params = { docs: 2, terms: 2, weight: 0.2, maxDocShare: 0.05 };

describe('feedbackTerms', () => {
  it('adds the rare words of the best articles, weighted by their articles score, leaving out query words, common and unknown words', () => {
    const feedback = [
      { score: 10, words: ['拖欠', '工资', '劳动者', '应当', '拖欠'] },
      { score: 5, words: ['报酬', '劳动者', '未知词'] },
      { score: 4, words: ['报酬', '报酬'] }, // third article: beyond docs
    ];
    const out = feedbackTerms(feedback, stats, new Set(['工资']), params);
    // 拖欠: 1 × 2/5 × ln(1000/3) ≈ 2.32; 报酬: 0.5 × 1/3 × ln(250) ≈ 0.92; 劳动者 (6 %) and 应当 (90 %) are too common.
    expect(out.map((t) => t.term)).toEqual(['拖欠', '报酬']);
    expect(out[0]?.weight).toBeCloseTo(0.2);
    expect(out[1]?.weight).toBeCloseTo((0.2 * ((0.5 / 3) * Math.log(250))) / ((2 / 5) * Math.log(1000 / 3)));
  });

  it('adds nothing when off or when the first ranking is empty', () => {
    expect(feedbackTerms([{ score: 1, words: ['拖欠'] }], stats, new Set(), noFeedback)).toEqual([]);
    expect(feedbackTerms([], stats, new Set(), params)).toEqual([]);
  });
});
