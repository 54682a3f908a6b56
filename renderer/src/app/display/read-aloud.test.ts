import { describe, expect, it } from 'vitest';
import { pickVoice, speechChunks, speechChunksByLanguage } from './read-aloud';

describe('speechChunks', () => {
  it('splits at sentence ends and joins short sentences up to the limit', () => {
    expect(speechChunks(['您好。请问需要什么帮助？', '找法律'], 14)).toEqual(['您好。 请问需要什么帮助？', '找法律']);
  });

  it('cuts a sentence longer than the limit', () => {
    expect(speechChunks(['一二三四五六七八九十'], 4)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('returns nothing for nothing', () => {
    expect(speechChunks([])).toEqual([]);
  });
});

describe('speechChunksByLanguage', () => {
  it('keeps each language run apart, in order, so each gets its own voice', () => {
    const pieces = [
      { text: 'Result', lang: 'en' },
      { text: '您的事属于法律援助范围。', lang: 'zh-CN' },
      { text: '本机还没有设置本地标准。', lang: 'zh-CN' },
      { text: 'Print', lang: 'en' },
    ];
    expect(speechChunksByLanguage(pieces)).toEqual([
      { text: 'Result', lang: 'en' },
      { text: '您的事属于法律援助范围。 本机还没有设置本地标准。', lang: 'zh-CN' },
      { text: 'Print', lang: 'en' },
    ]);
  });
});

describe('pickVoice', () => {
  const voices = [
    { lang: 'en-US', name: 'en', localService: true },
    { lang: 'cmn', name: 'espeak mandarin', localService: true },
    { lang: 'zh-CN', name: 'zh remote', localService: false },
    { lang: 'zh-CN', name: 'zh local', localService: true },
  ];
  it('prefers the exact language, then a local voice', () => {
    expect(pickVoice(voices, 'zh-CN')?.name).toBe('zh local');
  });
  it('takes any Chinese voice for zh-CN', () => {
    expect(pickVoice([voices[0]!, voices[1]!], 'zh-CN')?.name).toBe('espeak mandarin');
  });
  it('returns null when there is no voice for the language', () => {
    expect(pickVoice([voices[0]!], 'zh-CN')).toBeNull();
    expect(pickVoice([], 'en')).toBeNull();
  });
});
