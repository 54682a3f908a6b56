import { describe, expect, it } from 'vitest';
import { breakLines, breakUnits } from './line-break';

// Every character one unit wide, Latin characters half: a stand-in for a CJK font's advances.
const measure = (text: string) => [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);

describe('Chinese line breaking', () => {
  it('keeps numbers and Latin words whole', () => {
    expect(breakUnits('借款50000.50元')).toEqual(['借', '款', '50000.50', '元']);
  });

  it('breaks between Han characters at the width', () => {
    expect(breakLines('一二三四五六七', 3, measure)).toEqual(['一二三', '四五六', '七']);
  });

  it('never starts a line with closing punctuation: it hangs at the end of the line', () => {
    expect(breakLines('一二三，四五', 3, measure)).toEqual(['一二三，', '四五']);
    expect(breakLines('一二三。」四', 3, measure)).toEqual(['一二三。」', '四']);
  });

  it('never ends a line with opening punctuation: it moves down', () => {
    expect(breakLines('一二（三四）', 3, measure)).toEqual(['一二', '（三四）']);
  });

  it('splits a run longer than the line', () => {
    expect(breakLines('510106198001011239', 4, measure)).toEqual(['51010619', '80010112', '39']);
  });
});
