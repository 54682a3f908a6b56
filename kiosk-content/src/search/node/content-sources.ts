import { existsSync } from 'node:fs';
import type { GlossaryEntry } from '../common/glossary-expansion';
import type { QaEntry } from '../../qa/common/qa-types';
import type { QaInput } from '../common/qa-index';
import type { ContentDb } from '../../library-db/node/open-content-db';
import { defaultGlossaryDir, loadGlossaryFolder } from '../../glossary/node/load-glossary-folder';
import { defaultQaDir, loadQaFolder } from '../../qa/node/load-qa-folder';

/**
 * Q&A and glossary for the index, from the content database (the kiosk) or from content folders
 * (tools, tests, a kiosk before its first import). Entries with problems are left out by the
 * loaders; the content checks report them.
 */
/** What the search indexes of one Q&A entry: its phrasings, domain and citations. */
export function qaSearchInput(e: QaEntry): QaInput {
  return { id: e.id, question: e.question, also: e.also, domain: e.domain, cites: e.cites.map((c) => `${c.law} ${c.label}`) };
}

export function qaFromFolder(dir: string = defaultQaDir): QaInput[] {
  if (!existsSync(dir)) return [];
  return loadQaFolder(dir).entries.map(qaSearchInput);
}

export function glossaryFromFolder(dir: string = defaultGlossaryDir): GlossaryEntry[] {
  if (!existsSync(dir)) return [];
  return loadGlossaryFolder(dir).entries.map((e) => ({ colloquial: e.colloquial, legal: e.legal }));
}

const parseList = (json: string): string[] => {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.map(String) : [];
};

export function qaFromDb(db: ContentDb): QaInput[] {
  const rows = db.prepare('SELECT id, question, also, domain, cites FROM qa ORDER BY id').all() as {
    id: string;
    question: string;
    also: string;
    domain: string;
    cites: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    question: r.question,
    also: parseList(r.also),
    domain: r.domain,
    cites: (JSON.parse(r.cites) as { law: string; label: string }[]).map((c) => `${c.law} ${c.label}`),
  }));
}

export function glossaryFromDb(db: ContentDb): GlossaryEntry[] {
  const rows = db.prepare('SELECT colloquial, legal FROM glossary ORDER BY id').all() as { colloquial: string; legal: string }[];
  return rows.map((r) => ({ colloquial: parseList(r.colloquial), legal: parseList(r.legal) }));
}
