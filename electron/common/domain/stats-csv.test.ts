import { describe, expect, it } from 'vitest';
import { csvField, formatStatsCsv, monthRange } from './stats-csv';

describe('stats CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('房租,押金')).toBe('"房租,押金"');
    expect(csvField('说"不退"')).toBe('"说""不退"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField(-3)).toBe('-3');
  });

  it('sums the daily table and lists the no-result queries most frequent first', () => {
    const csv = formatStatsCsv({
      from: '2026-11-01',
      to: '2026-11-30',
      rows: [
        { day: '2026-11-02', metric: 'search', key: 'labour', count: 3 },
        { day: '2026-11-02', metric: 'search', key: 'none', count: 1 },
        { day: '2026-11-02', metric: 'search-no-result', key: '', count: 1 },
        { day: '2026-11-03', metric: 'satisfaction', key: 'satisfied', count: 2 },
      ],
      noResult: [{ query: '火星移民 …', count: 2, lastDay: '2026-11-02' }],
    });
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('2026-11-02,0,4,1,0,0,0,0,0,0,0,0,0');
    expect(lines).toContain('2026-11-03,0,0,0,0,0,0,0,0,2,0,0,0');
    expect(lines).toContain('合计,0,4,1,0,0,0,0,0,2,0,0,0');
    expect(lines).toContain('搜索（按类别）,labour,3');
    expect(lines).toContain('火星移民 …,2,2026-11-02');
  });

  it('knows the days of a month', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')?.to).toBe('2028-02-29');
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('26-01')).toBeNull();
  });
});
