import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { filesUnder } from './files-under';

/**
 * The cups-pdf "printer" as the document tests use it: the queue CI adds (`lpadmin -p PDF -v
 * cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd`), the folder it writes to (`Out` in
 * /etc/cups/cups-pdf.conf, ${HOME} being the home of the user who printed), and /var/spool/cups.
 */
export const CUPS_PDF_QUEUE = process.env.KIOSK_TEST_CUPS_QUEUE ?? 'PDF';
export const CUPS_SPOOL = '/var/spool/cups';

/** Why the CUPS tests cannot run here, or null when cupsd answers and the queue exists. */
export function cupsProblem(): string | null {
  const scheduler = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  if (scheduler.error || !/scheduler is running/.test(scheduler.stdout)) return `cupsd is not running (lpstat -r: ${scheduler.stdout.trim() || String(scheduler.error)}); start /usr/sbin/cupsd as .ci/run does`;
  const queue = spawnSync('lpstat', ['-p', CUPS_PDF_QUEUE], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  if (queue.status !== 0) return `no CUPS queue ${CUPS_PDF_QUEUE}: add it with lpadmin -p ${CUPS_PDF_QUEUE} -v cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd`;
  return null;
}

export function cupsPdfOutDir(): string {
  const conf = readFileSync('/etc/cups/cups-pdf.conf', 'utf8');
  const out = /^Out\s+(.+)$/m.exec(conf)?.[1]?.trim() ?? '/var/spool/cups-pdf/${USER}';
  const user = userInfo();
  return out.replace('${HOME}', user.homedir).replace('${USER}', user.username);
}

/** PDFs cups-pdf wrote after `since` (ms), newest first. */
export function pdfsSince(since: number): string[] {
  const dir = cupsPdfOutDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.pdf'))
    .map((n) => path.join(dir, n))
    .filter((f) => statSync(f).mtimeMs >= since - 1000)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

export async function waitForPdf(since: number, timeoutMs = 30_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const found = pdfsSince(since)[0];
    if (found && statSync(found).size > 0) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`cups-pdf wrote no PDF in ${cupsPdfOutDir()} within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Files under the spool (recursively; the tests run as root, which may read it). */
export function spoolFiles(): string[] {
  return existsSync(CUPS_SPOOL) ? filesUnder(CUPS_SPOOL) : [];
}
