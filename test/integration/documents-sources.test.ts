import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { DocumentCite } from '../../kiosk-content/src/documents/common/document-types';
import { lintDocumentFolder } from '../../kiosk-content/src/documents/node/lint-documents';
import { loadDocumentFolder } from '../../kiosk-content/src/documents/node/load-document-types';
import { lintContentFolder } from '../../kiosk-content/src/content-lint/node/lint-content-folder';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The legal check of the document types: every article a heading or field cites exists in the
 * current version of its law in ../shared/data/laws (read at test time), and `content lint`
 * fails a document whose required field has no question.
 */
const lawsDir = path.resolve(repoRoot, '../shared/data/laws');

function lawFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? lawFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : [],
  );
}

/** The text of the current version of a law: the newest dated file with that title (民法典 is one file per 编). */
function lawText(law: string, files: string[]): string | null {
  const matching = files.filter((f) => normalizeLawTitle(path.basename(f, '.md')) === law || normalizeLawTitle(path.basename(path.dirname(f))) === law);
  if (matching.length === 0) return null;
  const dated = matching.filter((f) => /\(\d{4}-\d{2}-\d{2}\)\.md$/.test(f)).sort();
  const current = dated.length > 0 ? [dated[dated.length - 1] ?? ''] : matching;
  return current.map((f) => readFileSync(f, 'utf8')).join('\n');
}

describe('document sources', () => {
  it('every article cited by a document type exists in the current version of its law', () => {
    expect(existsSync(lawsDir), `${lawsDir} (../shared/data/laws) is needed for the legal check`).toBe(true);
    const files = lawFiles(lawsDir);
    const missing: string[] = [];
    let checked = 0;
    for (const type of loadDocumentFolder().types) {
      const cites: DocumentCite[] = [...type.cites];
      for (const section of type.sections) {
        if (section.source.kind === 'cite') cites.push(section.source.cite);
        for (const field of section.fields) if (field.source.kind === 'cite') cites.push(field.source.cite);
      }
      for (const cite of cites) {
        const text = lawText(cite.law, files);
        checked += 1;
        if (!text || !new RegExp(`^${cite.label}[ \\u3000]`, 'm').test(text)) missing.push(`${type.file}:${String(cite.line)}: ${cite.law} ${cite.label}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('content lint fails a document whose required field has no question', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-documents-lint-'));
    try {
      mkdirSync(path.join(dir, 'documents'));
      const loan = readFileSync(path.join(repoRoot, 'kiosk-content/default/documents/loan-complaint.yaml'), 'utf8');
      writeFileSync(path.join(dir, 'documents/loan-complaint.yaml'), loan.replace('        question: 对方还欠您多少本金没还？\n', ''));
      const problems = lintDocumentFolder(dir, null, null).problems;
      expect(problems).toEqual([
        {
          file: 'documents/loan-complaint.yaml',
          line: expect.any(Number) as number,
          message: 'field principal is required but has no question: the resident could never answer it',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('content lint of the default content includes the documents and finds no problem', () => {
    const result = lintContentFolder(path.join(repoRoot, 'kiosk-content/default'));
    expect(result.problems.filter((p) => p.file.startsWith('documents/'))).toEqual([]);
  });
});
