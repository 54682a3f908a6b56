import { A4 } from '../../../kiosk-content/src/documents/common/layout-document';
import type { DocumentContent } from '../../../kiosk-content/src/documents/common/compose-document';
import { documentPdf } from '../../../kiosk-content/src/documents/node/render-pdf';
import { systemA4Clock, systemCupsCommands } from '../../../native-adapters/a4-printer/node/cups-commands';
import { A4PrinterService, CupsError, type QueueInfo } from '../../../native-adapters/a4-printer/service/a4-printer-service';
import { a4FailureText, NEUTRAL_JOB_TITLE } from '../../../electron/common/domain/a4-print-text';

/** The A4 printer's part of `devices` and `selftest`: CUPS queues, and an A4 test page. */
export function a4PrinterService(): A4PrinterService {
  return new A4PrinterService({ commands: systemCupsCommands(), clock: systemA4Clock, log: () => undefined });
}

/** Every CUPS queue, or why they cannot be listed. */
export async function listCupsQueues(): Promise<{ queues: QueueInfo[]; problem: string | null }> {
  try {
    return { queues: await a4PrinterService().listQueues(), problem: null };
  } catch (error) {
    return { queues: [], problem: error instanceof CupsError ? `${error.reason}: ${error.detail}` : String(error) };
  }
}

export function formatQueue(q: QueueInfo): string {
  const state = q.status ? `${q.status.activity}${q.problem ? ` (${q.problem})` : ''}${q.status.message ? ` — ${q.status.message}` : ''}` : 'state unknown';
  return `CUPS queue ${q.queue}: ${q.device}, ${state}`;
}

/** The A4 test page: site, time, queue, a Chinese paragraph, the page frame — through the documents' own layout and PDF writer. */
export function a4TestPage(site: string, queue: string, now: Date): DocumentContent {
  return {
    title: 'A4 test page',
    blocks: [
      { kind: 'title', text: '法通 A4 打印测试页' },
      { kind: 'subtitle', text: `（${site}）` },
      { kind: 'heading', text: '一、打印机' },
      { kind: 'row', label: 'CUPS 打印队列', value: queue },
      { kind: 'row', label: '打印时间', value: now.toISOString() },
      { kind: 'row', label: '纸张', value: `A4，${String(Math.round(A4.width))} × ${String(Math.round(A4.height))} pt` },
      { kind: 'heading', text: '二、中文排版' },
      {
        kind: 'paragraph',
        text: '这是一段测试文字：标点符号（，。、；：？！）不会出现在行首，左括号“（”不会留在行尾。数字 1234567890 和 ID 510106198001011239 不被拆开。',
      },
    ],
  };
}

export async function printA4TestPage(site: string, queue: string): Promise<{ ok: boolean; reason: string }> {
  const { pdf, layout } = await documentPdf(a4TestPage(site, queue, new Date()));
  const final = await a4PrinterService().print(queue, pdf, NEUTRAL_JOB_TITLE);
  if (final.state === 'done')
    return { ok: true, reason: `A4 test page printed on CUPS queue ${queue} (${String(layout.pages.length)} page, ${String(pdf.length)} bytes)` };
  if (final.state === 'failed') return { ok: false, reason: `${final.reason}: ${a4FailureText[final.reason]} (${final.detail})` };
  return { ok: false, reason: `unexpected state ${final.state}` };
}
