import type { IdCardResult, IdCardRpcField, IdCardState } from '../../../../electron/common/contract/idcard-api';
import type { IdCardField } from '../../../../kiosk-content/src/procedures/common';
import type { MessageKey } from '../../i18n/zh-cn';

/**
 * Pure helpers of the ID-card step: which reader fields a procedure's declared fields need, how a
 * reader result becomes the step's answer, and the plain-Chinese line for every reader state.
 */

/** The reader field behind each field a procedure may declare (never a clear name or number). */
const readerFieldOf: Record<IdCardField, IdCardRpcField> = {
  name: 'maskedName',
  idNumber: 'maskedIdNumber',
  gender: 'gender',
  ageBracket: 'ageBracket',
  region: 'region',
};

/** What to ask the reader for: the declared fields, plus numberValid when the number is shown (to warn, not to refuse). */
export function readerFieldsFor(fields: readonly IdCardField[]): IdCardRpcField[] {
  const out = fields.map((f) => readerFieldOf[f]);
  if (fields.includes('idNumber')) out.push('numberValid');
  return out;
}

const ageBracketOf: Record<string, string> = { minor: 'under-18', adult: '18-59', senior: '60-plus' };

/**
 * The step's answer from a reader result: masked name and number as they came, age bracket mapped to
 * the procedure's codes. A value the card does not give (gender 'not-stated', a 2017 foreign card's
 * region) is left out, so the resident fills it in by hand.
 */
export function answerFieldsFrom(result: IdCardResult, fields: readonly IdCardField[]): Partial<Record<IdCardField, string>> {
  const out: Partial<Record<IdCardField, string>> = {};
  for (const field of fields) {
    switch (field) {
      case 'name':
        if (result.maskedName) out.name = result.maskedName;
        break;
      case 'idNumber':
        if (result.maskedIdNumber) out.idNumber = result.maskedIdNumber;
        break;
      case 'gender':
        if (result.gender === 'male' || result.gender === 'female') out.gender = result.gender;
        break;
      case 'ageBracket': {
        const code = result.ageBracket ? ageBracketOf[result.ageBracket] : undefined;
        if (code) out.ageBracket = code;
        break;
      }
      case 'region':
        if (result.region) out.region = result.region;
        break;
    }
  }
  return out;
}

/** Declared fields the card left empty; the number is never typed, so it never counts as missing. */
export function missingFields(fields: readonly IdCardField[], answer: Partial<Record<IdCardField, string>>): IdCardField[] {
  return fields.filter((f) => f !== 'idNumber' && !answer[f]);
}

export type ReaderTone = 'progress' | 'ok' | 'retry' | 'unavailable';

/** The live line under the picture (等待放卡 → 正在读取 → 读取成功 / 请重新放置) and how it looks. */
export function readerLine(state: IdCardState | null): { key: MessageKey; tone: ReaderTone } {
  if (!state) return { key: 'idcard.state.connecting', tone: 'progress' };
  switch (state.state) {
    case 'not-configured':
      return { key: 'idcard.state.notConfigured', tone: 'unavailable' };
    case 'connecting':
      return { key: 'idcard.state.connecting', tone: 'progress' };
    case 'idle':
      return { key: 'idcard.state.waiting', tone: 'progress' };
    case 'waiting':
      return state.hint === 'remove-card' ? { key: 'idcard.state.removeCard', tone: 'retry' } : { key: 'idcard.state.waiting', tone: 'progress' };
    case 'reading':
      return { key: 'idcard.state.reading', tone: 'progress' };
    case 'read-ok':
      return { key: 'idcard.state.ok', tone: 'ok' };
    case 'retry-placement':
      switch (state.reason) {
        case 'not-id-card':
          return { key: 'idcard.state.notIdCard', tone: 'retry' };
        case 'card-rejected':
        case 'unreadable':
          return { key: 'idcard.state.unreadable', tone: 'unavailable' };
        default:
          return { key: 'idcard.state.moved', tone: 'retry' };
      }
    case 'reader-offline':
      return { key: 'idcard.state.offline', tone: 'unavailable' };
  }
}

/** Whether 读取身份证 can be offered at all (otherwise only 手动填写 / 跳过). */
export function readerUsable(state: IdCardState | null): boolean {
  return state !== null && state.state !== 'not-configured' && state.state !== 'reader-offline';
}
