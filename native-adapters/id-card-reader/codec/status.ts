/**
 * SW3, the module's own result code (§4). The driver branches on SW3 only; SW1/SW2 carry the
 * card's status word and are logged, never interpreted.
 */
export type StatusAction =
  /** carry on with the next step */
  | 'ok'
  /** the item is empty (no additional address); not an error */
  | 'empty'
  /** no card in the field (or the already-read card is still there): keep polling */
  | 'no-card'
  /** card moved or the RF exchange failed: start again from find, ask to keep the card still */
  | 'replace-card'
  /** authentication / verification failed: retry once after re-placement, then send to staff */
  | 'card-rejected'
  /** not an ID card, or a card type this reader/SAM cannot read */
  | 'not-id-card'
  /** the host sent something wrong: resend once; a repeat is a bug */
  | 'host-error'
  /** unrecognised error: retry once, then reset the SAM */
  | 'retry'
  /** the SAM refuses to work: reset, then out of service */
  | 'sam-fault';

export interface StatusInfo {
  sw3: number;
  zh: string;
  en: string;
  action: StatusAction;
}

const table: readonly StatusInfo[] = [
  { sw3: 0x90, zh: '操作成功', en: 'success', action: 'ok' },
  { sw3: 0x91, zh: '证/卡中此项无内容', en: 'card has no data for this item', action: 'empty' },
  { sw3: 0x9f, zh: '寻找证/卡成功', en: 'find OK', action: 'ok' },
  { sw3: 0x10, zh: '接收业务终端数据的校验和错', en: 'reader got a bad checksum from the host', action: 'host-error' },
  { sw3: 0x11, zh: '接收业务终端数据的长度错', en: 'bad length from host', action: 'host-error' },
  { sw3: 0x21, zh: '接收业务终端的命令错误', en: 'bad command or parameter combination', action: 'host-error' },
  { sw3: 0x23, zh: '越权操作', en: 'operation not permitted', action: 'host-error' },
  { sw3: 0x24, zh: '无法识别的错误', en: 'unrecognised error', action: 'retry' },
  { sw3: 0x31, zh: '证/卡认证SAM失败', en: 'card failed to authenticate the SAM', action: 'replace-card' },
  { sw3: 0x32, zh: 'SAM认证证/卡失败', en: 'SAM failed to authenticate the card', action: 'card-rejected' },
  { sw3: 0x33, zh: '信息验证错误', en: 'data verification error', action: 'card-rejected' },
  { sw3: 0x40, zh: '无法识别的卡类型', en: 'unknown card type', action: 'not-id-card' },
  { sw3: 0x41, zh: '读证/卡操作失败', en: 'read failed', action: 'replace-card' },
  { sw3: 0x47, zh: '取随机数失败', en: 'get-challenge failed', action: 'replace-card' },
  { sw3: 0x60, zh: 'SAM自检失败', en: 'SAM self-test failed', action: 'sam-fault' },
  { sw3: 0x66, zh: 'SAM未经授权', en: 'SAM not authorised', action: 'sam-fault' },
  { sw3: 0x80, zh: '寻找证/卡失败', en: 'no card found', action: 'no-card' },
  { sw3: 0x81, zh: '选取证/卡失败', en: 'select failed', action: 'replace-card' },
];

const bySw3 = new Map(table.map((s) => [s.sw3, s]));

export function describeStatus(sw3: number): StatusInfo {
  return bySw3.get(sw3) ?? { sw3, zh: '未知状态', en: `unknown status 0x${sw3.toString(16).padStart(2, '0')}`, action: 'retry' };
}

export const knownStatusCodes: readonly number[] = table.map((s) => s.sw3);
