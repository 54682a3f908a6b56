import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../../electron/common/contract/receipt-api';
import { zhCN } from '../../i18n/zh-cn';
import { canPrint, jobPhase, jobView, printerNotice } from './print-view';

const job = (over: Partial<PrintJob>): PrintJob => ({
  id: 'j1',
  title: '办事指南：法律援助申请预审',
  state: 'pending',
  sends: 0,
  needsDecision: false,
  waitingForPrinter: false,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('print panel view', () => {
  it('says 缺纸 in plain words and keeps 打印 offered (the job waits for paper)', () => {
    expect(zhCN[printerNotice('paper-out').key]).toBe('打印机缺纸，可以用手机拍照保存这一页，或请工作人员加纸。');
    expect(printerNotice('paper-out').problem).toBe(true);
    expect(canPrint('paper-out')).toBe(true);
    expect(printerNotice('ready').problem).toBe(false);
    expect(printerNotice('paper-near-end').problem).toBe(false);
  });

  it('offers no printing on a terminal without a printer, or before the state is known', () => {
    expect(canPrint('not-configured')).toBe(false);
    expect(canPrint(null)).toBe(false);
    expect(printerNotice('not-configured').key).toBe('receipt.printer.notConfigured');
  });

  it('a pending job waits (with 取消) while the printer cannot print, and shows progress when it can', () => {
    expect(jobPhase(job({}), 'paper-out')).toBe('waiting');
    expect(jobPhase(job({}), 'offline')).toBe('waiting');
    expect(jobView('waiting')).toMatchObject({ cancel: true, reprint: null, problem: true });
    expect(zhCN[jobView('waiting').key]).toContain('等纸装好后会自动打印');
    expect(jobPhase(job({}), 'ready')).toBe('printing');
    expect(jobView('printing')).toMatchObject({ cancel: false, reprint: null });
  });

  it('a job stopped mid-way cannot be cancelled (the printer holds it); a finished one after a stop offers a new copy', () => {
    expect(jobPhase(job({ state: 'printing', waitingForPrinter: true, sends: 1 }), 'paper-out')).toBe('stopped');
    expect(jobView('stopped')).toMatchObject({ cancel: false, reprint: null });
    expect(jobPhase(job({ state: 'done', resumedAfter: 'paper-out', sends: 1 }), 'ready')).toBe('resumed');
    expect(jobView('resumed').reprint).toBe('again');
    expect(jobPhase(job({ state: 'done', sends: 1 }), 'ready')).toBe('done');
    expect(jobView('done')).toMatchObject({ cancel: false, reprint: null, problem: false });
  });

  it('an interrupted job is offered for 重新打印 or 取消, never reprinted by itself', () => {
    const interrupted = job({ state: 'failed', problem: 'interrupted', needsDecision: true, sends: 1 });
    expect(jobPhase(interrupted, 'ready')).toBe('failed');
    expect(jobView('failed')).toMatchObject({ cancel: true, reprint: 'retry', problem: true });
    expect(jobView('cancelled')).toMatchObject({ cancel: false, reprint: null });
  });
});
