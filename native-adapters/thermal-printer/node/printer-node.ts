import { SerialTransport, type FlowControl } from '../../transport/serial/serial-transport';
import type { ByteTransport } from '../../transport/byte-transport';
import { createGb18030Encoder } from './gb18030';
import { buildSelfTestReceipt } from '../receipt/self-test-receipt';
import { encodeReceipt } from '../receipt/encode-receipt';
import { layoutReceipt, type ReceiptLayout } from '../receipt/layout-receipt';
import { formatIssuedAt, type ReceiptHeader } from '../receipt/receipt-document';
import type { PrinterClock, PrinterStatusView } from '../service/thermal-printer-service';

/** The real clock for the pure printer service. */
export const systemPrinterClock: PrinterClock = {
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
  now() {
    return Date.now();
  },
};

export interface PrinterPortConfig {
  path: string;
  baudRate: number;
  flowControl?: FlowControl;
}

/** A fresh serial transport per connection attempt (the service reopens after an unplug). */
export function serialPrinterTransport(config: PrinterPortConfig): () => ByteTransport {
  return () => new SerialTransport({ path: config.path, baudRate: config.baudRate, ...(config.flowControl ? { flowControl: config.flowControl } : {}) });
}

/** A paragraph long enough to wrap at both widths: checks the line-breaking rules on the real unit. */
export const SELF_TEST_PARAGRAPH =
  '这是一段中文测试段落，用于检查自动换行：标点符号不应出现在行首，数字 2026 和英文单词 Fatong 不应被拆开；若本段文字完整、清楚，说明中文字库和编码设置正确。';

const CONDITION_LABELS: Record<PrinterStatusView['state'], string> = {
  'not-configured': '未配置',
  connecting: '连接中',
  ready: '正常',
  'paper-near-end': '纸将用完',
  'paper-out': '缺纸',
  'cover-open': '盖子打开',
  offline: '离线',
  error: '故障',
};

export interface SelfTestPageOptions {
  siteName: string;
  columns: number;
  connection: string;
  status: PrinterStatusView | null;
  reference: string;
  now?: Date;
}

/** The technician's self-test page: site, time, encoding lines, a Chinese paragraph, rulers, status, a QR. */
export function buildSelfTestPage(options: SelfTestPageOptions): { layout: ReceiptLayout; bytes: Uint8Array } {
  const now = options.now ?? new Date();
  const header: ReceiptHeader = { siteName: options.siteName, issuedAt: formatIssuedAt(now), reference: options.reference };
  const status = options.status
    ? [
        { key: '状态', value: CONDITION_LABELS[options.status.state] },
        { key: '详情', value: options.status.detail },
      ]
    : [];
  const doc = buildSelfTestReceipt(header, {
    columns: options.columns,
    connection: options.connection,
    status,
    qrPayload: `FATONG-SELFTEST ${options.reference} ${now.toISOString().slice(0, 19)}Z`,
  });
  // The paragraph goes before the QR code (the builder ends with a blank line and the QR).
  const qrAt = doc.blocks.findIndex((b) => b.type === 'qr');
  const paragraph = [{ type: 'blank' as const }, { type: 'heading' as const, text: '中文段落' }, { type: 'text' as const, text: SELF_TEST_PARAGRAPH }];
  const blocks = [...doc.blocks];
  blocks.splice(qrAt > 0 ? qrAt - 1 : blocks.length, 0, ...paragraph);
  const encode = createGb18030Encoder();
  const layout = layoutReceipt({ ...doc, blocks }, { columns: options.columns, encode });
  return { layout, bytes: encodeReceipt(layout, encode).bytes };
}
