/**
 * `npm run bench:import [-- <laws dir>]`: imports the law corpus (default ../shared/data/laws, read
 * in place) into a fresh temporary database, then again over it, and prints the wall time of
 * each, the database size and the process's peak resident memory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LawRepository } from '../../kiosk-content/src/library-db/node/law-repository';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws } from '../../kiosk-content/authoring/law-import/import-laws';
import { repoRoot } from '../lib/repo-paths';

const lawsDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '../shared/data/laws'));
const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-bench-import-'));
const file = path.join(tmp, 'content.db');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const size = (f: string) => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};

try {
  const db = openContentDb(file);
  const first = importLaws(db, lawsDir);
  const t0 = performance.now();
  const second = importLaws(db, lawsDir);
  const reimportMs = performance.now() - t0;
  const t1 = performance.now();
  let articles = 0;
  for (const _ of new LawRepository(db).iterateCurrentArticles()) articles++;
  const iterateMs = performance.now() - t1;
  db.close();

  console.log(`corpus            ${lawsDir}`);
  console.log(
    `files             ${String(first.files)} → ${String(first.laws)} laws + ${String(first.documents)} documents, ${String(first.versions)} versions`,
  );
  console.log(`articles          ${String(first.articles)} stored, ${String(first.currentArticles)} current`);
  console.log(`import (fresh)    ${(first.durationMs / 1000).toFixed(2)} s`);
  console.log(`re-import         ${(reimportMs / 1000).toFixed(2)} s (replaces the library in one transaction)`);
  console.log(`iterate current   ${(iterateMs / 1000).toFixed(2)} s for ${String(articles)} articles`);
  console.log(`database size     ${mb(size(file))} (+ WAL ${mb(size(`${file}-wal`))})`);
  console.log(`peak RSS          ${mb(process.resourceUsage().maxRSS * 1024)}`);
  if (first.fingerprint !== second.fingerprint || first.currentArticles !== second.currentArticles) {
    console.error('re-import differed from the first import');
    process.exitCode = 1;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
