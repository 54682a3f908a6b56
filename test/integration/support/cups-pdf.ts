import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { filesUnder } from './files-under';

/**
 * The cups-pdf "printer" as the document tests use it: the queue CI adds (`lpadmin -p PDF -v
 * cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd -o pdftops-renderer-default=pdftocairo`), the
 * folder it writes to (`Out` in /etc/cups/cups-pdf.conf, ${HOME} being the home of the user who
 * printed), and /var/spool/cups.
 *
 * The renderer option keeps the printed PDF's text layer: the PPD is a PostScript driver, so CUPS
 * turns the PDF into PostScript (cups-filters pdftops) and cups-pdf's Ghostscript turns that back into
 * a PDF. With pdftops' default renderer (Ghostscript) our CID TrueType subsets come back as Type 3
 * fonts whose ToUnicode maps to made-up codes (pdftotext reads ✁✂✄…); with pdftocairo they stay
 * TrueType with a correct ToUnicode, and pdftotext of the printed PDF equals that of the document.
 */
export const CUPS_PDF_SETUP = `lpadmin -p ${process.env.KIOSK_TEST_CUPS_QUEUE ?? 'PDF'} -v cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd -o pdftops-renderer-default=pdftocairo`;
export const CUPS_PDF_QUEUE = process.env.KIOSK_TEST_CUPS_QUEUE ?? 'PDF';
export const CUPS_SPOOL = '/var/spool/cups';

/** Why the CUPS tests cannot run here, or null when cupsd answers and the queue exists. */
export function cupsProblem(): string | null {
  const scheduler = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  if (scheduler.error || !/scheduler is running/.test(scheduler.stdout))
    return `cupsd is not running (lpstat -r: ${scheduler.stdout.trim() || String(scheduler.error)}); start /usr/sbin/cupsd as .ci/run does`;
  const queue = spawnSync('lpstat', ['-p', CUPS_PDF_QUEUE], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  if (queue.status !== 0) return `no CUPS queue ${CUPS_PDF_QUEUE}: add it with ${CUPS_PDF_SETUP}`;
  const options = spawnSync('lpoptions', ['-p', CUPS_PDF_QUEUE], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  if (!/\bpdftops-renderer=pdftocairo\b/.test(options.stdout))
    return `the CUPS queue ${CUPS_PDF_QUEUE} would lose the printed text layer (no pdftops-renderer=pdftocairo in lpoptions -p ${CUPS_PDF_QUEUE}): set it up with ${CUPS_PDF_SETUP}`;
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

/** The text in drawing order (-raw): a table row's label lines, then its value lines. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? NaN);
}

/** Page i of a PDF at 24 dpi in grey (pdftoppm → PGM). */
function greyPage(file: string, page: number): Buffer {
  const pgm = execFileSync('pdftoppm', ['-q', '-r', '24', '-gray', '-f', String(page), '-l', String(page), file], { maxBuffer: 16 * 1024 * 1024 });
  // P5\n<w> <h>\n255\n<pixels>
  let newlines = 0;
  let at = 0;
  while (newlines < 3 && at < pgm.length) if (pgm[at++] === 0x0a) newlines += 1;
  return pgm.subarray(at);
}

/**
 * How different two PDFs look, page by page: the mean absolute grey difference (0–255) at 24 dpi.
 * The printed copy's text (pdfText) says every value is there; this says it is drawn where the
 * document draws it: the same document differs by ~2–4, another page of the same kind of document
 * by > 20.
 */
export function pageDifferences(a: string, b: string): number[] {
  const pages = pdfPages(a);
  if (pages !== pdfPages(b)) return [255];
  return Array.from({ length: pages }, (_, i) => {
    const x = greyPage(a, i + 1);
    const y = greyPage(b, i + 1);
    if (x.length !== y.length) return 255;
    let sum = 0;
    for (let j = 0; j < x.length; j++) sum += Math.abs((x[j] ?? 0) - (y[j] ?? 0));
    return sum / x.length;
  });
}

/** Files under the spool (recursively; the tests run as root, which may read it). */
export function spoolFiles(): string[] {
  return existsSync(CUPS_SPOOL) ? filesUnder(CUPS_SPOOL) : [];
}
