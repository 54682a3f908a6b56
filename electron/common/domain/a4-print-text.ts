/**
 * What the resident's screen (and the CLI) says about the A4 printer, in plain Chinese. Kept in
 * one place so the host, the screen and the technicians' CLI say the same thing.
 */
export type A4PrinterProblem = 'paper-out' | 'offline' | 'paused' | 'jammed' | 'door-open' | 'toner-out';
export type A4FailureReason = A4PrinterProblem | 'queue-missing' | 'cups-down' | 'rejected' | 'timeout' | 'no-printer';

/** The CUPS job-name: neutral, so the job history never names a resident or a matter. */
export const NEUTRAL_JOB_TITLE = 'kiosk-document';

export const NO_A4_PRINTER_TEXT = '本机没有A4打印机，请到服务窗口打印';

/** While the job waits on the printer. */
export const a4ProblemText: Record<A4PrinterProblem, string> = {
  'paper-out': 'A4打印机没有纸了，请找工作人员加纸',
  offline: 'A4打印机没有连接，请找工作人员',
  paused: 'A4打印机暂停了，请找工作人员',
  jammed: 'A4打印机卡纸了，请找工作人员',
  'door-open': 'A4打印机的盖子开着，请找工作人员',
  'toner-out': 'A4打印机没有墨粉了，请找工作人员',
};

/** When the job did not print (it was cancelled: nothing prints later by surprise). */
export const a4FailureText: Record<A4FailureReason, string> = {
  ...(Object.fromEntries(Object.entries(a4ProblemText).map(([k, v]) => [k, `没有打印出来：${v}。文书没有打印，不会自动重打。`])) as Record<
    A4PrinterProblem,
    string
  >),
  'queue-missing': '没有打印出来：A4打印机设置有误，请找工作人员。',
  'cups-down': '没有打印出来：打印服务没有运行，请找工作人员。',
  rejected: '没有打印出来：打印机拒绝了这份文书，请找工作人员。',
  timeout: '没有打印出来：打印时间太长，已取消，请找工作人员。',
  'no-printer': NO_A4_PRINTER_TEXT,
};
