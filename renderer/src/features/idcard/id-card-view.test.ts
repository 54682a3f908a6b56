import { describe, expect, it } from 'vitest';
import { idCardStateSchema } from '../../../../electron/common/contract/idcard-api';
import { zhCN } from '../../i18n/zh-cn';
import { answerFieldsFrom, missingFields, readerFieldsFor, readerLine, readerUsable } from './id-card-view';

describe('ID-card step helpers', () => {
  it('asks the reader only for masked/derived counterparts of the declared fields', () => {
    expect(readerFieldsFor(['name', 'ageBracket'])).toEqual(['maskedName', 'ageBracket']);
    expect(readerFieldsFor(['name', 'idNumber', 'ageBracket'])).toEqual(['maskedName', 'maskedIdNumber', 'ageBracket', 'numberValid']);
  });

  it('maps a reader result onto the step answer and leaves out what the card does not say', () => {
    const fields = ['name', 'idNumber', 'gender', 'ageBracket', 'region'] as const;
    expect(
      answerFieldsFrom({ maskedName: '张*三', maskedIdNumber: '510106********1234', gender: 'female', ageBracket: 'senior', region: '四川' }, fields),
    ).toEqual({
      name: '张*三',
      idNumber: '510106********1234',
      gender: 'female',
      ageBracket: '60-plus',
      region: '四川',
    });
    const partial = answerFieldsFrom({ maskedName: 'Z*******N', gender: 'not-stated', ageBracket: 'unknown', region: null }, fields);
    expect(partial).toEqual({ name: 'Z*******N' });
    expect(missingFields(fields, partial)).toEqual(['gender', 'ageBracket', 'region']);
    expect(answerFieldsFrom({ ageBracket: 'minor' }, ['ageBracket'])).toEqual({ ageBracket: 'under-18' });
  });

  it('says every reader state in plain Chinese', () => {
    const states = [
      { state: 'not-configured' },
      { state: 'connecting' },
      { state: 'idle' },
      { state: 'waiting' },
      { state: 'waiting', hint: 'remove-card' },
      { state: 'reading' },
      { state: 'read-ok' },
      { state: 'retry-placement', reason: 'moved' },
      { state: 'retry-placement', reason: 'not-id-card' },
      { state: 'retry-placement', reason: 'card-rejected' },
      { state: 'retry-placement', reason: 'unreadable' },
      { state: 'reader-offline', detail: 'ENOENT /dev/ttyUSB1' },
    ].map((s) => idCardStateSchema.parse(s));
    const lines = states.map((s) => zhCN[readerLine(s).key]);
    expect(lines.slice(3, 7)).toEqual(['等待放卡', '请先取走刚才的证件，再放要读取的身份证', '正在读取，请不要移动证件', '读取成功']);
    expect(lines[7]).toMatch(/^请重新放置/);
    for (const line of lines) expect(line).not.toMatch(/[A-Za-z]/);
    expect(readerUsable(states[0] ?? null)).toBe(false);
    expect(readerUsable(states[11] ?? null)).toBe(false);
    expect(readerUsable(states[2] ?? null)).toBe(true);
  });
});
