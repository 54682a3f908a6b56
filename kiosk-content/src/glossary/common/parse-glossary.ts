import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { legalDomainIds, type LegalDomainId } from '../../legal-domains/common/legal-domains';
import { maxGlossaryTermLength, type GlossaryEntry, type GlossaryProblem, type ParseGlossaryResult } from './glossary-types';

/*
 * Parses one kiosk-content/default/glossary/<domain>.yaml file (format: kiosk-content/README.md):
 *
 *   domain: labour
 *   entries:
 *     - colloquial: [老板, 厂里]
 *       legal: [用人单位]
 *
 * Pure and total: never throws; every finding is a problem with the line it sits on, so an editor
 * can fix a whole file in one pass. An entry with any problem of its own is left out of `entries`.
 */

const knownDomains: ReadonlySet<string> = new Set(legalDomainIds);
const entryKeys = new Set(['colloquial', 'legal']);
/** Han ideographs carry the meaning; ASCII letters/digits appear in real talk (4S店, 110, P2P). */
const hanChar = /\p{Script=Han}/u;
const allowedChars = /^[\p{Script=Han}A-Za-z0-9〇·]+$/u;

export function parseGlossary(file: string, text: string): ParseGlossaryResult {
  const problems: GlossaryProblem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const lineOf = (node: unknown): number => lineAt(isNodeWithRange(node) ? node.range?.[0] : undefined);
  const report = (line: number, field: string, message: string): void => {
    problems.push({ file, line, field, message });
  };

  for (const error of doc.errors) report(lineAt(error.pos[0]), '(yaml)', error.message.split('\n')[0] ?? error.code);
  if (doc.errors.length > 0) return { domain: null, entries: [], problems };

  const root = doc.contents;
  if (!isMap(root)) {
    report(lineOf(root), '(root)', 'expected a mapping with keys domain and entries');
    return { domain: null, entries: [], problems };
  }

  for (const pair of root.items) {
    const key = scalarKey(pair);
    if (key !== 'domain' && key !== 'entries') report(lineOf(pair.key), String(key), 'unknown key (expected domain, entries)');
  }

  // Domain: must be a known id, and the file should be named after it so a folder listing tells the truth.
  let domain: LegalDomainId | null = null;
  const domainNode = root.get('domain', true);
  if (domainNode === undefined) {
    report(1, 'domain', 'missing');
  } else if (!isScalar(domainNode) || typeof domainNode.value !== 'string') {
    report(lineOf(domainNode), 'domain', 'must be a domain id string');
  } else if (!knownDomains.has(domainNode.value)) {
    report(lineOf(domainNode), 'domain', `unknown domain "${domainNode.value}" (known: ${legalDomainIds.join(', ')})`);
  } else {
    domain = domainNode.value as LegalDomainId;
    const base = baseName(file);
    if (base !== null && base !== domain) report(lineOf(domainNode), 'domain', `file is named ${base}.yaml but declares domain ${domain}`);
  }

  const entriesNode = root.get('entries', true);
  if (entriesNode === undefined) {
    report(1, 'entries', 'missing');
    return { domain, entries: [], problems };
  }
  if (!isSeq(entriesNode)) {
    report(lineOf(entriesNode), 'entries', 'must be a list');
    return { domain, entries: [], problems };
  }
  if (entriesNode.items.length === 0) report(lineOf(entriesNode), 'entries', 'empty list');

  // Colloquial terms must be unique across the domain: a duplicate would make lookups ambiguous.
  const seenColloquial = new Map<string, number>();
  const entries: GlossaryEntry[] = [];

  entriesNode.items.forEach((item, index) => {
    const where = `entries[${index}]`;
    const entryLine = lineOf(item);
    const before = problems.length;
    if (!isMap(item)) {
      report(entryLine, where, 'expected a mapping with keys colloquial and legal');
      return;
    }
    for (const pair of item.items) {
      const key = scalarKey(pair);
      if (!entryKeys.has(String(key))) report(lineOf(pair.key), `${where}.${String(key)}`, 'unknown key (expected colloquial, legal)');
    }
    const colloquial = readTerms(item.get('colloquial', true), `${where}.colloquial`, entryLine);
    const legal = readTerms(item.get('legal', true), `${where}.legal`, entryLine);

    for (const term of colloquial) {
      const first = seenColloquial.get(term.value);
      if (first !== undefined) {
        report(term.line, `${where}.colloquial`, `duplicate colloquial term "${term.value}" (first at line ${first})`);
      } else {
        seenColloquial.set(term.value, term.line);
      }
    }
    if (problems.length > before || domain === null) return;
    entries.push({
      domain,
      colloquial: colloquial.map((t) => t.value),
      legal: legal.map((t) => t.value),
      file,
      line: entryLine,
      legalLines: legal.map((t) => t.line),
    });
  });

  return { domain, entries, problems };

  function readTerms(node: unknown, field: string, entryLine: number): { value: string; line: number }[] {
    if (node === undefined) {
      report(entryLine, field, 'missing');
      return [];
    }
    if (!isSeq(node)) {
      report(lineOf(node), field, 'must be a list of terms');
      return [];
    }
    if (node.items.length === 0) {
      report(lineOf(node), field, 'empty list');
      return [];
    }
    const terms: { value: string; line: number }[] = [];
    const inEntry = new Set<string>();
    node.items.forEach((termNode, i) => {
      const line = lineOf(termNode);
      const termField = `${field}[${i}]`;
      if (!isScalar(termNode) || (typeof termNode.value !== 'string' && typeof termNode.value !== 'number')) {
        report(line, termField, 'must be a text term');
        return;
      }
      const value = String(termNode.value);
      const message = checkTerm(value);
      if (message !== null) {
        report(line, termField, message);
        return;
      }
      if (inEntry.has(value)) {
        report(line, termField, `"${value}" is listed twice in this entry`);
        return;
      }
      inEntry.add(value);
      terms.push({ value, line });
    });
    return terms;
  }
}

/** Returns why a term is unusable, or null when it is fine. */
export function checkTerm(term: string): string | null {
  if (term.length === 0) return 'empty term';
  if (!hanChar.test(term)) return `"${term}" contains no Chinese characters`;
  if (!allowedChars.test(term)) return `"${term}" contains spaces, punctuation or other non-Chinese characters`;
  const length = [...term].length;
  if (length > maxGlossaryTermLength) return `"${term}" is ${length} characters long (at most ${maxGlossaryTermLength})`;
  return null;
}

function scalarKey(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function isNodeWithRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** "glossary/labour.yaml" or "C:\\x\\labour.yml" → "labour"; null when the name is not *.yaml/*.yml. */
function baseName(file: string): string | null {
  const name = file.split(/[\\/]/).pop() ?? file;
  const match = /^(.*)\.ya?ml$/.exec(name);
  return match?.[1] ?? null;
}
