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
