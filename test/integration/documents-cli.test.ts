import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers, type CheckedAnswers } from '../../kiosk-content/src/documents/common/document-answers';
import { generatedNotice, printedValue } from '../../kiosk-content/src/documents/common/compose-document';
import type { DocumentType } from '../../kiosk-content/src/documents/common/document-types';
import { exampleAnswers } from '../../kiosk-content/src/documents/common/example-answers';
import { loadDocumentFolder } from '../../kiosk-content/src/documents/node/load-document-types';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { runCliProcess } from './support/cli-process';
import { CUPS_PDF_QUEUE, cupsProblem, pageDifferences, pdfText, spoolFiles, waitForPdf } from './support/cups-pdf';

/**
 * The documents CLI end to end, as editors and CI use it: for every document type,
 * `document example T | document fill T --answers - --out x.pdf` gives an A4 PDF with every
 * answer in its text, the Chinese font embedded as a subset, under 300 KB; broken answers give
 * `field: reason` lines and no PDF; `document print` goes through the real CUPS to cups-pdf.
 */
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const types = loadDocumentFolder().types;
const today = new Date().toISOString().slice(0, 10);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fatong-documents-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the PDF must show for every answer: each party part, each printed value (whitespace aside). */
function expectedTexts(type: DocumentType, answers: CheckedAnswers): string[] {
  const out: string[] = [];
  for (const field of type.sections.flatMap((s) => s.fields)) {
    const value = answers[field.id];
    if (value === undefined) continue;
    if (field.type === 'party' && typeof value === 'object') {
      for (const [part, v] of Object.entries(value)) if (part !== 'kind' && part !== 'birthDate' && typeof v === 'string') out.push(v);
    } else out.push(printedValue(field, value));
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('document fill', () => {
  it('lists at least 8 document types', () => {
    const result = runCliProcess('document', ['list', '--json'], { timeoutMs: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const listed = (JSON.parse(result.stdout) as { types: { id: string; sources: string[] }[] }).types;
    expect(listed.map((t) => t.id).sort()).toEqual(types.map((t) => t.id).sort());
    expect(listed.length).toBeGreaterThanOrEqual(8);
    for (const t of listed) expect(t.sources.length, t.id).toBeGreaterThan(0);
  });

  it.each(types.map((t) => [t.id, t] as const))('%s: example | fill gives a complete A4 PDF with an embedded font subset, < 300 KB', (id, type) => {
    const out = path.join(dir, `${id}.pdf`);
    const pipeline = spawnSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        `"${tsx}" scripts/cli/main.ts document example ${id} | "${tsx}" scripts/cli/main.ts document fill ${id} --answers - --out "${out}"`,
      ],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(pipeline.status, pipeline.stderr).toBe(0);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    expect([Math.round(Number(size?.[1])), Math.round(Number(size?.[2]))]).toEqual([595, 842]);
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/\+NotoSansSC/);
      // emb sub uni columns
      expect(line).toMatch(/\byes\s+yes\s+yes\b/);
    }
    expect(statSync(out).size).toBeLessThan(300 * 1024);
    const text = squash(pdfText(out));
    const checked = checkAnswers(type, exampleAnswers(type), today).answers;
    expect(checked).not.toBeNull();
    for (const value of expectedTexts(type, checked ?? {})) expect(text, value).toContain(squash(value));
    expect(text).toContain(squash(generatedNotice));
    expect(text).toContain(squash(type.title));
  });

  it('broken answers give field: reason per problem and no PDF', () => {
    const type = types.find((t) => t.id === 'loan-complaint');
    expect(type).toBeDefined();
    const answers = { ...exampleAnswers(type as DocumentType), principal: '一万元', 'delivery-date': '2999-01-01' } as Record<string, unknown>;
    delete answers.court;
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(answers));
    const out = path.join(dir, 'broken.pdf');
    const result = runCliProcess('document', ['fill', 'loan-complaint', '--answers', file, '--out', out], { timeoutMs: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'principal: 金额要填数字（单位：元，最多两位小数）',
      'delivery-date: 这个日期不能晚于今天',
      'court: 请回答：向哪个法院起诉？',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('document print through CUPS (cups-pdf)', () => {
  beforeAll(() => {
    const problem = cupsProblem();
    if (problem) throw new Error(problem);
  });

  it('prints; the PDF cups-pdf writes is the document, page for page; no copy stays in the spool', async () => {
    const answers = path.join(dir, 'loan.json');
    writeFileSync(answers, runCliProcess('document', ['example', 'loan-complaint'], { timeoutMs: 60_000 }).stdout);
    const own = path.join(dir, 'loan-own.pdf');
    expect(runCliProcess('document', ['fill', 'loan-complaint', '--answers', answers, '--out', own], { timeoutMs: 60_000 }).status).toBe(0);
    expect(squash(pdfText(own))).toContain(squash(JSON.parse(readFileSync(answers, 'utf8')).plaintiff.name as string));
    const since = Date.now();
    const result = runCliProcess('document', ['print', 'loan-complaint', '--answers', answers, '--queue', CUPS_PDF_QUEUE], { timeoutMs: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/打印完成/);
    const printed = await waitForPdf(since);
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842/);
    for (const difference of pageDifferences(printed, own)) expect(difference).toBeLessThan(8);
    // Through CUPS and cups-pdf's Ghostscript the text layer survives: the printed text is the document's.
    expect(squash(pdfText(printed))).toBe(squash(pdfText(own)));
    const documents = spoolFiles().filter((f) => /\/d\d+-\d+$/.test(f));
    expect(documents).toEqual([]);
  });

  it('a queue that does not exist: a plain message, nothing printed', () => {
    const answers = path.join(dir, 'loan.json');
    const result = runCliProcess('document', ['print', 'loan-complaint', '--answers', answers, '--queue', 'NoSuchQueue'], { timeoutMs: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^queue-missing: 没有打印出来：A4打印机设置有误/);
  });

  it('cupsd not reachable: a plain message, nothing printed', () => {
    const answers = path.join(dir, 'loan.json');
    const result = runCliProcess('document', ['print', 'loan-complaint', '--answers', answers, '--queue', CUPS_PDF_QUEUE], {
      timeoutMs: 60_000,
      env: { ...process.env, CUPS_SERVER: '127.0.0.1:1' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^cups-down: 没有打印出来：打印服务没有运行/);
  });
});
