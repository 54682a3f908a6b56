import { describe, expect, it } from 'vitest';
import { cliQueryTimes, nearestRank } from './cli-search-latency';

describe('cliQueryTimes', () => {
  it('reads the ms of every JSON line, blank lines skipped', () => {
    const out = `${JSON.stringify({ query: '甲', ms: 4.25, results: [] })}\n\n${JSON.stringify({ query: '', ms: 0, results: [] })}\n`;
    expect(cliQueryTimes(out)).toEqual([4.25, 0]);
  });

  it('names the line that is not JSON or has no ms', () => {
    expect(() => cliQueryTimes('{"query":"甲","ms":1}\nbuilt the search index')).toThrow(/line 2 is not JSON/);
    expect(() => cliQueryTimes('{"query":"甲"}')).toThrow(/line 1 has no numeric ms/);
  });
});

describe('nearestRank', () => {
  it('takes the nearest-rank quantile of unsorted values', () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(nearestRank(xs, 0.5)).toBe(5);
    expect(nearestRank(xs, 0.95)).toBe(10);
    expect(nearestRank(xs, 0.1)).toBe(1);
    expect(nearestRank(xs, 1)).toBe(10);
    expect(nearestRank([], 0.95)).toBe(0);
  });
});
