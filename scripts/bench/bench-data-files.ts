import path from 'node:path';
import { repoRoot } from '../lib/repo-paths';

/** ../shared/data: read at bench time, never copied into git. */
const sharedData = path.resolve(repoRoot, '../shared/data');

/** The national library the search benchmarks and experiments import. */
export const lawsDir = path.join(sharedData, 'laws');
/** The public STARD questions (with the articles that answer them) and its stop words. */
export const stardQueriesFile = path.join(sharedData, 'stard/queries.public.jsonl');
export const stardStopwordsFile = path.join(sharedData, 'stard/cn_stopwords.txt');
/** The public LeCoQA questions, a second training set for the learned model. */
export const lecoqaFile = path.join(sharedData, 'lecoqa/qa.public.jsonl');
/** Everyday residents' questions written for this project, articles checked by hand. */
export const everydayFile = path.join(repoRoot, 'scripts/bench/everyday-questions.jsonl');
/** Written and committed without reading the Q&A, glossary or procedures, so not fitted to them. */
export const everydayBlindFile = path.join(repoRoot, 'scripts/bench/everyday-questions-blind.jsonl');
/**
 * A fresh held-out check: written and labelled from the law text alone, before anyone looked at
 * the Q&A, glossary, procedures or search results; only its aggregate figures are ever printed.
 */
export const everydayCheckFile = path.join(repoRoot, 'scripts/bench/everyday-questions-check.jsonl');

/** An everyday question set beside the development set, printed in aggregate only. */
export interface HeldOutEverydaySet {
  /** Short name in the benches' output. */
  name: string;
  file: string;
  /** How it was written, for the heading of its figures. */
  note: string;
  /** The environment variable (set to 1) that asks a bench for it. */
  env: string;
}

export const heldOutEverydaySets: readonly HeldOutEverydaySet[] = [
  { name: 'blind', file: everydayBlindFile, note: 'written without reading the Q&A; its misses since seen by content writers', env: 'BLIND' },
  { name: 'check', file: everydayCheckFile, note: 'written and labelled from the law text before any look at content or results', env: 'CHECK' },
];

/** The held-out sets asked for by BLIND=1 / CHECK=1 (plus any named in `always`). */
export function selectedHeldOutSets(always: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): HeldOutEverydaySet[] {
  return heldOutEverydaySets.filter((s) => always.includes(s.name) || env[s.env] === '1');
}

/** Every everyday set: the development set, then the held-out ones. */
export const everydaySets: readonly { name: string; file: string }[] = [{ name: 'everyday', file: everydayFile }, ...heldOutEverydaySets];
