/**
 * `npm run bench:qa-coverage [-- --misses] [--trained] [--content <dir>]`: how often the Q&A answers a resident's
 * question with a Q&A that cites one of the right articles.
 *
 * What runs is the kiosk's own search entry point (the search screen's `search.query` through the
 * host's RPC server, in process) on a temporary data folder holding the default content and the full
 * law library imported from ../shared/data/laws (read at run time, never copied into git), like
 * `npm run cli -- import-laws`. `--trained` also stores the learned search model trained on the public
 * STARD questions (then the STARD figures are in-sample and only a reference).
 *
 * Question sets: (a) the public STARD questions (../shared/data/stard/queries.public.jsonl, real
 * layperson questions with labelled articles); (b) the everyday residents' questions written for this
 * project (scripts/bench/everyday-questions.jsonl, articles checked by hand); (c) the blind everyday set
 * (scripts/bench/everyday-questions-blind.jsonl), written and committed without reading the Q&A, glossary
 * or procedures, so it is not fitted to them; (d) with CHECK=1, the check set
 * (scripts/bench/everyday-questions-check.jsonl), written and labelled from the law text before any look
 * at the content or the results. (c) and (d) print totals only. For each question the figure is whether a Q&A among the
 * first 3 (and the first 1) Q&A results cites one of the labelled articles. These are proxies for the
 * held-out everyday set, not that set.
 *
 * A second STARD figure counts only the questions on topics the Q&A takes up at all (a labelled
 * article in a law chapter where some Q&A cites an article): how well the topics the kiosk answers
 * are answered; the full-STARD topic table shows what it does not take up.
 *
 * The topic table groups the misses by the law and chapter (章) of their labelled articles, and says
 * whether any Q&A cites a labelled article at all (no Q&A: a coverage gap; cited but not found: a
 * wording / ranking gap). `--misses` lists every missed question.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { importLaws } from '../../kiosk-content/authoring/law-import/import-laws';
import { trainSearchModelForLibrary } from '../../kiosk-content/authoring/search-model/train-for-library';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import { LawRepository } from '../../kiosk-content/src/library-db/node/law-repository';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { loadQaFolder } from '../../kiosk-content/src/qa/node/load-qa-folder';
import { contentStamp, searchContentOf, searchQaOf, storeSearchIndex } from '../../kiosk-content/src/search/node/persisted-index';
import { defaultContentDir, repoRoot } from '../lib/repo-paths';
import { everydayFile, lawsDir, lecoqaFile, selectedHeldOutSets, stardQueriesFile } from './bench-data-files';

interface Question {
  id: number | string;
  query: string;
  relevant: { law: string; article: string }[];
}

interface Outcome {
  question: Question;
  relevant: Set<string>;
  /** Rank (1-based) of the first Q&A citing a labelled article among the Q&A results, or null. */
  rank: number | null;
  topQa: string[];
}

const args = process.argv.slice(2);
const listMisses = args.includes('--misses');
const trained = args.includes('--trained');
// Another content folder (e.g. an older version: git archive <commit> kiosk-content/default | tar -x -C /tmp/old).
const contentArg = args.indexOf('--content');
const contentDir = contentArg >= 0 && args[contentArg + 1] ? path.resolve(args[contentArg + 1] as string) : defaultContentDir;

function readQuestions(file: string): Question[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      const q = JSON.parse(line) as Question;
      if (typeof q.query !== 'string' || !Array.isArray(q.relevant)) throw new Error(`${file}:${String(i + 1)}: needs "query" and "relevant"`);
      return q;
    });
}

/** The search contract's limit on the query text (library-api.ts: searchQuerySchema). */
const queryMaxChars = 100;
let truncated = 0;

const pct = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`);
const keyOf = (law: string, article: string) => `${normalizeLawTitle(law)}|${article}`;

async function main(): Promise<void> {
  const started = performance.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-bench-qa-coverage-'));
  let host: KioskHost | null = null;
  try {
    // What `npm run cli -- import-laws ../shared/data/laws [--train …]` does on a terminal.
    const db = openContentDb(path.join(dataDir, 'db', 'content.db'));
    const summary = importLaws(db, lawsDir);
    // With the Q&A the index is built with, as import-laws --train does by default.
    if (trained) trainSearchModelForLibrary(db, stardQueriesFile, lecoqaFile, searchQaOf(db));
    storeSearchIndex(db, searchContentOf(db), { stamp: contentStamp(db) });
    // Chapter headings of the labelled articles, for the topic table.
    const repo = new LawRepository(db);
    const chapterOf = new Map<string, string>();
    const chapter = (key: string): string => {
      let found = chapterOf.get(key);
      if (found === undefined) {
        const [law = '', label = ''] = key.split('|');
        const article = repo.getArticle(law, label);
        const headings = article?.headings ?? [];
        // 编 and 章 (民法典 has a 第一章 一般规定 in several 编).
        const part = headings.find((h) => /^第\S+编/.test(h));
        const chapterHeading = headings.find((h) => /^第\S+章/.test(h));
        found = [law, part, chapterHeading ?? (part ? undefined : headings[0])].filter((x) => x !== undefined && x !== '').join(' ');
        chapterOf.set(key, found);
      }
      return found;
    };
    const importMs = performance.now() - started;

    const logger = createMemoryLogger();
    host = new KioskHost({ dataDir, contentDir, appVersion: 'bench', logger });
    const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;

    const qa = loadQaFolder(path.join(contentDir, 'qa'));
    const citesOf = new Map(qa.entries.map((e) => [e.id, new Set(e.cites.map((c) => `${c.law}|${c.label}`))]));
    const citedAnywhere = new Set([...citesOf.values()].flatMap((s) => [...s]));

    const run = async (questions: Question[]): Promise<Outcome[]> => {
      const out: Outcome[] = [];
      for (const question of questions) {
        const relevant = new Set(question.relevant.map((r) => keyOf(r.law, r.article)));
        // The search screen's call (SearchScreen → api.search.query), with the screen's default limit;
        // the contract takes at most 100 characters, so longer questions are cut there (counted below).
        const chars = [...question.query.trim()];
        if (chars.length > queryMaxChars) truncated += 1;
        const result = await api.search.query({ text: chars.slice(0, queryMaxChars).join('') });
        const ids = result.qa.map((hit) => hit.id);
        const at = ids.findIndex((id) => [...(citesOf.get(id) ?? [])].some((k) => relevant.has(k)));
        out.push({ question, relevant, rank: at < 0 ? null : at + 1, topQa: ids.slice(0, 3) });
      }
      return out;
    };

    const report = (name: string, outcomes: Outcome[], details = true): void => {
      const n = outcomes.length;
      const top1 = outcomes.filter((o) => o.rank === 1).length;
      const top3 = outcomes.filter((o) => o.rank !== null && o.rank <= 3).length;
      const anyQa = outcomes.filter((o) => o.rank !== null).length;
      const coverable = outcomes.filter((o) => [...o.relevant].some((k) => citedAnywhere.has(k))).length;
      console.log(`\n${name} (${String(n)} questions)`);
      console.log(`  a Q&A citing a labelled article in the top 3 Q&A results: ${pct(top3, n)} (${String(top3)})`);
      console.log(`  … as the first Q&A result:                              ${pct(top1, n)} (${String(top1)})`);
      console.log(`  … anywhere in the Q&A results shown (up to 8):           ${pct(anyQa, n)} (${String(anyQa)})`);
      console.log(`  some Q&A cites a labelled article at all:                ${pct(coverable, n)} (${String(coverable)})`);

      // A held-out check set shows its totals only: its misses (even grouped by chapter) would tell
      // content writers what to write, and then it no longer checks anything.
      if (!details) return;
      // Topics of the misses: each missed question counts once for every law chapter of its labelled articles.
      const topics = new Map<string, { missed: number; uncovered: number }>();
      for (const o of outcomes) {
        if (o.rank !== null && o.rank <= 3) continue;
        const uncovered = ![...o.relevant].some((k) => citedAnywhere.has(k));
        for (const t of new Set([...o.relevant].map(chapter))) {
          const row = topics.get(t) ?? { missed: 0, uncovered: 0 };
          row.missed += 1;
          if (uncovered) row.uncovered += 1;
          topics.set(t, row);
        }
      }
      const rows = [...topics.entries()].sort((a, b) => b[1].missed - a[1].missed || a[0].localeCompare(b[0])).slice(0, 25);
      console.log(
        `  missed questions by law and chapter of their labelled articles (top ${String(rows.length)}; uncovered = no Q&A cites any labelled article):`,
      );
      for (const [topic, row] of rows) console.log(`    ${String(row.missed).padStart(4)} missed, ${String(row.uncovered).padStart(4)} uncovered  ${topic}`);
      if (listMisses) {
        console.log('  missed questions:');
        for (const o of outcomes.filter((x) => x.rank === null || x.rank > 3))
          console.log(
            `    [${String(o.question.id)}] ${o.question.query.replace(/\s+/g, ' ')}  → wanted ${[...o.relevant].join(', ')}; top Q&A: ${o.topQa.join(', ') || '(none)'}`,
          );
      }
    };

    const stard = await run(readQuestions(stardQueriesFile));
    const everyday = await run(readQuestions(everydayFile));
    const heldOut: { name: string; outcomes: Outcome[] }[] = [];
    for (const set of selectedHeldOutSets(['blind']))
      heldOut.push({
        name: `Everyday residents' questions, ${set.name} set (${path.relative(repoRoot, set.file)}; ${set.note}; totals only)`,
        outcomes: await run(readQuestions(set.file)),
      });
    // A label the library does not hold can never be found: name it instead of counting a silent miss.
    const unknownLabels = (outcomes: Outcome[]) =>
      [...new Set(outcomes.flatMap((o) => [...o.relevant]))].filter((k) => {
        const [law = '', label = ''] = k.split('|');
        return repo.getArticle(law, label) === null;
      });
    console.log(
      `Content: ${contentDir}; Q&A entries: ${String(qa.entries.length)}; law library: ${String(summary.currentArticles)} current articles; model: ${trained ? 'trained on the public STARD questions (STARD figures in-sample)' : 'none (default content only)'}; import + index ${(importMs / 1000).toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (truncated > 0) console.log(`${String(truncated)} question(s) longer than ${String(queryMaxChars)} characters were cut to the search box's limit.`);
    report('Public STARD questions (../shared/data/stard/queries.public.jsonl)', stard);
    // The STARD questions on topics the Q&A takes up at all: a labelled article sits in a law chapter
    // where some Q&A cites an article. Closer to everyday residents' questions than all of STARD
    // (which also asks about trademarks, factoring, warehousing …); the subset grows with the content.
    const coveredChapters = new Set([...citedAnywhere].map(chapter));
    const inScope = stard.filter((o) => [...o.relevant].some((k) => coveredChapters.has(chapter(k))));
    report(
      `Public STARD questions on topics some Q&A takes up (a labelled article in one of the ${String(coveredChapters.size)} law chapters the Q&A cite)`,
      inScope,
    );
    report("Everyday residents' questions (scripts/bench/everyday-questions.jsonl)", everyday);
    for (const h of heldOut) {
      report(h.name, h.outcomes, false);
      const unknown = unknownLabels(h.outcomes);
      if (unknown.length > 0) console.log(`  labelled articles not in the law library: ${unknown.join(', ')}`);
    }
  } finally {
    host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
