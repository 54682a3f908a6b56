import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAnswers } from '../../kiosk-content/src/documents/common/example-answers';
import { fillDocument, localToday } from '../../kiosk-content/src/documents/node/fill-document';
import { loadDocumentFolder } from '../../kiosk-content/src/documents/node/load-document-types';
import { systemA4Clock, systemCupsCommands } from '../../native-adapters/a4-printer/node/cups-commands';
import { A4PrinterService, type A4JobState, type CupsCommands } from '../../native-adapters/a4-printer/service/a4-printer-service';
import { cupsProblem, spoolFiles } from './support/cups-pdf';

/**
 * The A4 printer service against the real cupsd, on a queue of its own (a second cups-pdf queue,
 * removed afterwards): a paused printer gets nothing; a job held by a printer that stops after
 * it was accepted is cancelled after the grace period and does NOT print when the printer comes
 * back — the resident decides whether to print again.
 */
const QUEUE = 'FatongTestHold';
const lp = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });

let pdf: Buffer;
beforeAll(async () => {
  const problem = cupsProblem();
  if (problem) throw new Error(problem);
  lp('lpadmin', ['-p', QUEUE, '-v', 'cups-pdf:/', '-E', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd']);
  const type = loadDocumentFolder().types.find((t) => t.id === 'loan-complaint');
  const filled = await fillDocument(type!, exampleAnswers(type!), localToday());
  if (!filled.ok) throw new Error('example answers rejected');
  pdf = filled.pdf;
});
afterAll(() => {
  lp('lpadmin', ['-x', QUEUE]);
});

function service(): A4PrinterService {
  return new A4PrinterService({ commands: systemCupsCommands(), clock: systemA4Clock, log: () => undefined, pollMs: 200, problemGraceMs: 1500 });
}

describe('A4 printer service on a real CUPS queue', () => {
  it('a paused printer: nothing is submitted, the reason is said', async () => {
    lp('cupsdisable', ['-r', 'test: paused', QUEUE]);
    try {
      const states: A4JobState[] = [];
      const final = await service().print(QUEUE, pdf, 'kiosk-document', (s) => states.push(s));
      expect(final).toMatchObject({ state: 'failed', reason: 'paused', jobId: null });
      expect(lp('lpstat', ['-W', 'all', '-o', QUEUE]).trim()).toBe('');
    } finally {
      lp('cupsenable', [QUEUE]);
    }
  });

  it('a job held by a printer that stopped is cancelled after the grace period and never prints later', async () => {
    const log: string[] = [];
    const real = systemCupsCommands();
    // The job is accepted but held (job-hold-until=indefinite) and the printer stops right after:
    // the state a printer that went offline mid-job leaves, without a race against cups-pdf.
    const holding: CupsCommands = {
      async run(command, args, input) {
        const result = await real.run(command, command === 'lp' ? [...args.slice(0, -1), '-o', 'job-hold-until=indefinite', '-'] : args, input);
        if (command === 'lp' && result.code === 0) lp('cupsdisable', ['-r', 'test: offline', QUEUE]);
        return result;
      },
    };
    const a4 = new A4PrinterService({ commands: holding, clock: systemA4Clock, log: (event) => log.push(event), pollMs: 200, problemGraceMs: 1500 });
    const states: A4JobState[] = [];
    const final = await a4.print(QUEUE, pdf, 'kiosk-document', (s) => states.push(s));
    try {
      expect(states.some((s) => s.state === 'printing' && s.problem === 'paused')).toBe(true);
      expect(final).toMatchObject({ state: 'failed', reason: 'paused' });
      expect(log).toContain('job.cancelled');
    } finally {
      lp('cupsenable', [QUEUE]);
    }
    // Back online: no job is waiting to print, and no document stays in the spool.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(lp('lpstat', ['-W', 'not-completed', '-o', QUEUE]).trim()).toBe('');
    expect(spoolFiles().filter((f) => /\/d\d+-\d+$/.test(f))).toEqual([]);
  });
});
