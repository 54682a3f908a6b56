import { formatArticleLabel } from '../../laws/common/chinese-numerals';
import { articleKey, normalizeLawTitle } from '../../laws/common/law-title';
import type { LawDateEvent } from '../../laws/common/law-types';
import type { ContentDb } from './open-content-db';

/**
 * Read access to the law library (written by import/import-laws.ts). Used by the search index
 * builder, the search service and the article / law screens. Titles may be given as written
 * (中华人民共和国民法典, full-width brackets, spaces between issuing bodies) or normalised (民法典):
 * every lookup normalises first. Abbreviations (民诉法) are not resolved here.
 *
 * Which version: by default the current one (the newest version date). A selector picks another:
 * `{ versionDate: '2017-09-01' }` exactly that version, `{ at: '2020-01-01' }` the version in
 * force on that day — the newest whose in_force_from (stated 施行 date, else version date) is on
 * or before it; null if none was yet.
 */
export interface VersionSelector {
  /** Exactly the version with this date (YYYY-MM-DD). */
  versionDate?: string;
  /** The version in force on this day (YYYY-MM-DD). Ignored when versionDate is given. */
  at?: string;
}

export interface ArticleView {
  /** `normalizedTitle|label`: the identity search and Q&A use, the same in every version. */
  key: string;
  normalizedTitle: string;
  /** The title line of this version, as written. */
  lawTitle: string;
  category: string;
  label: string;
  number: number;
  /** 1 for 之一, 0 for ordinary articles. */
  suffix: number;
  /** Reading order within the version, from 1. */
  seq: number;
  paragraphs: string[];
  /** Paragraphs joined with \n. */
  text: string;
  /** 编/分编/章/节 above the article, outermost first. */
  headings: string[];
  /** 民法典 part (总则, 合同编 …); null for laws in one file. */
  part: string | null;
  versionDate: string | null;
  isCurrent: boolean;
  /** The 施行 date this version states, if any. */
  effectiveDate: string | null;
  /** effectiveDate, else versionDate. */
  inForceFrom: string | null;
  /** The corpus file and line the article was read from. */
  sourceFile: string;
  line: number;
}

export interface VersionInfo {
  versionDate: string | null;
  isCurrent: boolean;
  title: string;
  dates: LawDateEvent[];
  adoptedDate: string | null;
  amendedDate: string | null;
  effectiveDate: string | null;
  inForceFrom: string | null;
  articleCount: number;
  files: { path: string; part: string | null; duplicateOf: string | null }[];
}

export interface LawInfo {
  normalizedTitle: string;
  /** Title line of the current version, as written. */
  title: string;
  category: string;
  kind: 'law' | 'document';
  versionCount: number;
  currentVersionDate: string | null;
  /** Articles in the current version (0 for a document). */
  articleCount: number;
}

export interface DocumentView {
  normalizedTitle: string;
  title: string;
  category: string;
  kind: 'law' | 'document';
  versionDate: string | null;
  isCurrent: boolean;
  dates: LawDateEvent[];
  headerNotes: string[];
  effectiveDate: string | null;
  /** Text before the first article; for a document (no articles) its whole body. `## ` marks headings. */
  preamble: string;
  /** Text outside any article after the first one (刑法's 附件): headings and paragraphs. */
  looseText: { headings: string[]; paragraphs: string[] }[];
  articleCount: number;
}

export interface TocEntry {
  depth: number;
  /** 编, 分编, 章, 节; null for other headings. */
  kind: string | null;
  text: string;
  /** The first article under it. */
  firstLabel: string | null;
}

/** One article of a current version, as the search index builder consumes it. */
export interface IndexableArticle {
  key: string;
  normalizedTitle: string;
  title: string;
  label: string;
  number: number;
  suffix: number;
  text: string;
  headings: string[];
  versionDate: string | null;
  category: string;
  part: string | null;
}

/** The current text of a document (a law without articles), for indexing. */
export interface IndexableDocument {
  normalizedTitle: string;
  title: string;
  category: string;
  versionDate: string | null;
  /** Preamble and loose text, paragraphs separated by \n. */
  text: string;
}

export interface LibraryStats {
  installed: boolean;
  importedAt: string | null;
  source: string | null;
  /** Changes exactly when the imported files change; a search index built from it stays valid. */
  fingerprint: string | null;
  /** Files imported, copies included. */
  files: number;
  laws: number;
  documents: number;
  versions: number;
  allArticles: number;
  currentArticles: number;
  duplicatesMerged: number;
  problems: number;
}

interface ArticleRow {
  normalized_title: string;
  law_title: string;
  category: string;
  label: string;
  number: number;
  suffix: number;
  seq: number;
  text: string;
  heading_id: number | null;
  part: string | null;
  version_id: number;
  version_date: string | null;
  is_current: number;
  effective_date: string | null;
  in_force_from: string | null;
  path: string;
  line: number;
}

const articleColumns = `l.normalized_title, v.title AS law_title, l.category, a.label, a.number, a.suffix, a.seq, a.text,
  a.heading_id, a.part, a.version_id, v.version_date, v.is_current, v.effective_date, v.in_force_from, f.path, a.line`;
const articleFrom = `articles a JOIN law_versions v ON v.id = a.version_id JOIN laws l ON l.id = v.law_id JOIN law_files f ON f.id = a.file_id`;

/** Arabic-numeral labels (第47条, 第133条之1) become the corpus form (第四十七条, 第一百三十三条之一). */
function normalizeLabel(label: string): string {
  const trimmed = label.normalize('NFKC').replace(/\s+/g, '');
  const arabic = /^第(\d+)条(?:之(\d+))?$/.exec(trimmed);
  if (!arabic) return trimmed;
  return formatArticleLabel(Number(arabic[1]), arabic[2] === undefined ? 0 : Number(arabic[2]));
}

/** Splits `normalizedTitle|label`; the title part may itself be unnormalised. */
export function splitArticleKey(key: string): { title: string; label: string } | null {
  const bar = key.lastIndexOf('|');
  if (bar <= 0 || bar === key.length - 1) return null;
  return { title: key.slice(0, bar), label: key.slice(bar + 1) };
}

export class LawRepository {
  private readonly stmt;

  constructor(private readonly db: ContentDb) {
    this.stmt = {
      law: db.prepare<
        [string],
        { id: number; normalized_title: string; title: string; category: string; kind: 'law' | 'document'; n: number; vd: string | null; ac: number | null }
      >(
        `SELECT l.id, l.normalized_title, l.title, l.category, l.kind,
           (SELECT COUNT(*) FROM law_versions WHERE law_id = l.id) AS n,
           c.version_date AS vd, c.article_count AS ac
         FROM laws l LEFT JOIN law_versions c ON c.law_id = l.id AND c.is_current = 1
         WHERE l.normalized_title = ?`,
      ),
      allLaws: db.prepare<
        [],
        { normalized_title: string; title: string; category: string; kind: 'law' | 'document'; n: number; vd: string | null; ac: number | null }
      >(
        `SELECT l.normalized_title, l.title, l.category, l.kind,
           (SELECT COUNT(*) FROM law_versions WHERE law_id = l.id) AS n,
           c.version_date AS vd, c.article_count AS ac
         FROM laws l LEFT JOIN law_versions c ON c.law_id = l.id AND c.is_current = 1
         ORDER BY l.id`,
      ),
      currentVersion: db.prepare<[string], { id: number }>(
        'SELECT v.id FROM law_versions v JOIN laws l ON l.id = v.law_id WHERE l.normalized_title = ? AND v.is_current = 1',
      ),
      versionByDate: db.prepare<[string, string], { id: number }>(
        'SELECT v.id FROM law_versions v JOIN laws l ON l.id = v.law_id WHERE l.normalized_title = ? AND v.version_date = ?',
      ),
      versionAt: db.prepare<[string, string], { id: number }>(
        `SELECT v.id FROM law_versions v JOIN laws l ON l.id = v.law_id
         WHERE l.normalized_title = ? AND v.in_force_from <= ?
         ORDER BY v.version_date DESC LIMIT 1`,
      ),
      currentArticleText: db.prepare<[string, string], { text: string; heading_id: number | null }>(
        `SELECT a.text, a.heading_id FROM articles a
         JOIN law_versions v ON v.id = a.version_id AND v.is_current = 1 JOIN laws l ON l.id = v.law_id
         WHERE l.normalized_title = ? AND a.label = ?`,
      ),
      currentArticleTexts: db.prepare<[string], { i: number; text: string; heading_id: number | null }>(
        `SELECT CAST(j.key AS INTEGER) AS i, a.text, a.heading_id FROM json_each(?) j
         JOIN laws l ON l.normalized_title = json_extract(j.value, '$[0]')
         JOIN law_versions v ON v.law_id = l.id AND v.is_current = 1
         JOIN articles a ON a.version_id = v.id AND a.label = json_extract(j.value, '$[1]')`,
      ),
      article: db.prepare<[number, string], ArticleRow>(`SELECT ${articleColumns} FROM ${articleFrom} WHERE a.version_id = ? AND a.label = ?`),
      articleBySeq: db.prepare<[number, number], ArticleRow>(`SELECT ${articleColumns} FROM ${articleFrom} WHERE a.version_id = ? AND a.seq = ?`),
      headingPath: db.prepare<[number], { text: string }>(
        `WITH RECURSIVE up(id, parent_id, text, depth) AS (
           SELECT id, parent_id, text, depth FROM headings WHERE id = ?
           UNION ALL SELECT h.id, h.parent_id, h.text, h.depth FROM headings h JOIN up ON h.id = up.parent_id)
         SELECT text FROM up ORDER BY depth`,
      ),
      versions: db.prepare<
        [string],
        {
          id: number;
          version_date: string | null;
          is_current: number;
          title: string;
          dates: string;
          adopted_date: string | null;
          amended_date: string | null;
          effective_date: string | null;
          in_force_from: string | null;
          article_count: number;
        }
      >(
        `SELECT v.id, v.version_date, v.is_current, v.title, v.dates, v.adopted_date, v.amended_date, v.effective_date,
           v.in_force_from, v.article_count
         FROM law_versions v JOIN laws l ON l.id = v.law_id
         WHERE l.normalized_title = ? ORDER BY IFNULL(v.version_date, '') DESC`,
      ),
      files: db.prepare<[number], { path: string; part: string | null; duplicate_of: string | null }>(
        'SELECT path, part, duplicate_of FROM law_files WHERE version_id = ? ORDER BY id',
      ),
      document: db.prepare<
        [number],
        {
          normalized_title: string;
          title: string;
          category: string;
          kind: 'law' | 'document';
          version_date: string | null;
          is_current: number;
          dates: string;
          header_notes: string;
          effective_date: string | null;
          preamble: string;
          loose_text: string;
          article_count: number;
        }
      >(
        `SELECT l.normalized_title, v.title, l.category, l.kind, v.version_date, v.is_current, v.dates, v.header_notes,
           v.effective_date, v.preamble, v.loose_text, v.article_count
         FROM law_versions v JOIN laws l ON l.id = v.law_id WHERE v.id = ?`,
      ),
      toc: db.prepare<[number], { depth: number; kind: string | null; text: string; first_label: string | null }>(
        `SELECT h.depth, h.kind, h.text,
           (SELECT a.label FROM articles a WHERE a.version_id = h.version_id AND a.heading_id IN
              (WITH RECURSIVE down(id) AS (SELECT h.id UNION ALL SELECT c.id FROM headings c JOIN down ON c.parent_id = down.id) SELECT id FROM down)
            ORDER BY a.seq LIMIT 1) AS first_label
         FROM headings h WHERE h.version_id = ? ORDER BY h.seq`,
      ),
      currentHeadings: db.prepare<[], { id: number; parent_id: number | null; text: string }>(
        'SELECT h.id, h.parent_id, h.text FROM headings h JOIN law_versions v ON v.id = h.version_id WHERE v.is_current = 1 ORDER BY h.id',
      ),
      page: db.prepare<[number, number], ArticleRow & { id: number }>(
        `SELECT a.id, ${articleColumns} FROM ${articleFrom} WHERE v.is_current = 1 AND a.id > ? ORDER BY a.id LIMIT ?`,
      ),
      currentDocuments: db.prepare<
        [],
        { normalized_title: string; title: string; category: string; version_date: string | null; preamble: string; loose_text: string }
      >(
        `SELECT l.normalized_title, v.title, l.category, v.version_date, v.preamble, v.loose_text
         FROM laws l JOIN law_versions v ON v.law_id = l.id AND v.is_current = 1 WHERE l.kind = 'document' ORDER BY l.id`,
      ),
      meta: db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck(),
    };
  }

  /** The law with this title (as written or normalised), or null. */
  findLawByTitle(title: string): LawInfo | null {
    const row = this.stmt.law.get(normalizeLawTitle(title));
    return row ? this.toLawInfo(row) : null;
  }

  /** Every law and document, in import order (category, then title). */
  listLaws(): LawInfo[] {
    return this.stmt.allLaws.all().map((row) => this.toLawInfo(row));
  }

  /**
   * One article by key (`民法典|第一千零七十九条`) or by title and label. Labels may use Arabic
   * numerals (第47条). Null when the law, the version or the article does not exist.
   */
  getArticle(key: string, selector?: VersionSelector): ArticleView | null;
  getArticle(title: string, label: string, selector?: VersionSelector): ArticleView | null;
  getArticle(keyOrTitle: string, labelOrSelector?: string | VersionSelector, maybeSelector?: VersionSelector): ArticleView | null {
    const target = this.resolve(keyOrTitle, labelOrSelector, maybeSelector);
    if (!target) return null;
    const row = this.stmt.article.get(target.versionId, target.label);
    return row ? this.toArticleView(row) : null;
  }

  /**
   * Text and heading path of a current article by its search key (law|label), with one statement
   * and heading paths remembered: the search engine reads up to a hundred texts per query (its
   * bigram re-scoring), where getArticle's full view (version lookup, file, recursive heading
   * query per article) took about half of the query time.
   */
  currentArticleText(key: string): { text: string; headings: string[] } | null {
    const bar = key.lastIndexOf('|');
    if (bar <= 0) return null;
    const row = this.stmt.currentArticleText.get(normalizeLawTitle(key.slice(0, bar)), normalizeLabel(key.slice(bar + 1)));
    if (!row) return null;
    return { text: row.text, headings: row.heading_id === null ? [] : this.headingPathOf(row.heading_id) };
  }

  /**
   * Texts and innermost heading ids of several current articles by search key, in key order (null
   * for a key naming no current article), with one statement: the bigram stage reads its hundred
   * candidates at once. Headings are read only when asked for (headingPath).
   */
  currentArticleTexts(keys: readonly string[]): ({ text: string; headingId: number | null } | null)[] {
    const out: ({ text: string; headingId: number | null } | null)[] = keys.map(() => null);
    const pairs = keys.map((key) => {
      const bar = key.lastIndexOf('|');
      // A key without a law part matches no row (no law has an empty title).
      return bar <= 0 ? ['', ''] : [normalizeLawTitle(key.slice(0, bar)), normalizeLabel(key.slice(bar + 1))];
    });
    if (keys.length === 0) return out;
    for (const row of this.stmt.currentArticleTexts.all(JSON.stringify(pairs))) out[row.i] = { text: row.text, headingId: row.heading_id };
    return out;
  }

  /** The heading path (outermost first) above a heading; [] for none. */
  headingPath(headingId: number | null): string[] {
    return headingId === null ? [] : this.headingPathOf(headingId);
  }

  private readonly headingPaths = new Map<number, string[]>();

  private headingPathOf(headingId: number): string[] {
    let path = this.headingPaths.get(headingId);
    if (!path) {
      path = this.stmt.headingPath.all(headingId).map((h) => h.text);
      this.headingPaths.set(headingId, path);
    }
    return [...path];
  }

  /** The articles before and after one article in the same version (null at either end); null if it does not exist. */
  neighbours(key: string, selector?: VersionSelector): { previous: ArticleView | null; next: ArticleView | null } | null;
  neighbours(title: string, label: string, selector?: VersionSelector): { previous: ArticleView | null; next: ArticleView | null } | null;
  neighbours(keyOrTitle: string, labelOrSelector?: string | VersionSelector, maybeSelector?: VersionSelector) {
    const target = this.resolve(keyOrTitle, labelOrSelector, maybeSelector);
    if (!target) return null;
    const here = this.stmt.article.get(target.versionId, target.label);
    if (!here) return null;
    const at = (seq: number) => {
      const row = this.stmt.articleBySeq.get(target.versionId, seq);
      return row ? this.toArticleView(row) : null;
    };
    return { previous: at(here.seq - 1), next: at(here.seq + 1) };
  }

  /** Every version of a law, newest first; [] for an unknown title. */
  listVersions(title: string): VersionInfo[] {
    return this.stmt.versions.all(normalizeLawTitle(title)).map((row) => ({
      versionDate: row.version_date,
      isCurrent: row.is_current === 1,
      title: row.title,
      dates: JSON.parse(row.dates) as LawDateEvent[],
      adoptedDate: row.adopted_date,
      amendedDate: row.amended_date,
      effectiveDate: row.effective_date,
      inForceFrom: row.in_force_from,
      articleCount: row.article_count,
      files: this.stmt.files.all(row.id).map((f) => ({ path: f.path, part: f.part, duplicateOf: f.duplicate_of })),
    }));
  }

  /** The non-article text of a version: the whole text of a document (批复, 修正案 …), a law's preamble. */
  getDocument(title: string, selector: VersionSelector = {}): DocumentView | null {
    const versionId = this.versionId(normalizeLawTitle(title), selector);
    if (versionId === null) return null;
    const row = this.stmt.document.get(versionId);
    if (!row) return null;
    return {
      normalizedTitle: row.normalized_title,
      title: row.title,
      category: row.category,
      kind: row.kind,
      versionDate: row.version_date,
      isCurrent: row.is_current === 1,
      dates: JSON.parse(row.dates) as LawDateEvent[],
      headerNotes: JSON.parse(row.header_notes) as string[],
      effectiveDate: row.effective_date,
      preamble: row.preamble,
      looseText: JSON.parse(row.loose_text) as DocumentView['looseText'],
      articleCount: row.article_count,
    };
  }

  /** The headings of a version in reading order, each with its first article: a table of contents. */
  tableOfContents(title: string, selector: VersionSelector = {}): TocEntry[] | null {
    const versionId = this.versionId(normalizeLawTitle(title), selector);
    if (versionId === null) return null;
    return this.stmt.toc.all(versionId).map((r) => ({ depth: r.depth, kind: r.kind, text: r.text, firstLabel: r.first_label }));
  }

  /**
   * Every article of every current version, in import order. Reads in pages, so the caller may
   * write to the same connection (its own index tables) between items.
   */
  *iterateCurrentArticles(pageSize = 2000): Generator<IndexableArticle> {
    const paths = this.currentHeadingPaths();
    let after = 0;
    for (;;) {
      const rows = this.stmt.page.all(after, pageSize);
      for (const row of rows) {
        yield {
          key: articleKey(row.normalized_title, row.label),
          normalizedTitle: row.normalized_title,
          title: row.law_title,
          label: row.label,
          number: row.number,
          suffix: row.suffix,
          text: row.text,
          headings: row.heading_id === null ? [] : (paths.get(row.heading_id) ?? []),
          versionDate: row.version_date,
          category: row.category,
          part: row.part,
        };
      }
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      after = last.id;
    }
  }

  /** The current text of every document (law without articles), for indexing. */
  *iterateCurrentDocuments(): Generator<IndexableDocument> {
    for (const row of this.stmt.currentDocuments.iterate()) {
      const loose = JSON.parse(row.loose_text) as DocumentView['looseText'];
      const text = [row.preamble, ...loose.flatMap((l) => [...l.headings, ...l.paragraphs])].filter((t) => t !== '').join('\n');
      yield { normalizedTitle: row.normalized_title, title: row.title, category: row.category, versionDate: row.version_date, text };
    }
  }

  stats(): LibraryStats {
    const count = (sql: string) => (this.db.prepare(sql).pluck().get() as number | undefined) ?? 0;
    const meta = (key: string) => this.stmt.meta.get(key) ?? null;
    return {
      installed: meta('library.installed') === 'true',
      importedAt: meta('library.importedAt'),
      source: meta('library.source'),
      fingerprint: meta('library.fingerprint'),
      files: count('SELECT COUNT(*) FROM law_files'),
      laws: count("SELECT COUNT(*) FROM laws WHERE kind = 'law'"),
      documents: count("SELECT COUNT(*) FROM laws WHERE kind = 'document'"),
      versions: count('SELECT COUNT(*) FROM law_versions'),
      allArticles: count('SELECT COUNT(*) FROM articles'),
      currentArticles: count('SELECT COUNT(*) FROM articles a JOIN law_versions v ON v.id = a.version_id WHERE v.is_current = 1'),
      duplicatesMerged: count('SELECT COUNT(*) FROM law_files WHERE duplicate_of IS NOT NULL'),
      problems: count('SELECT COUNT(*) FROM import_problems'),
    };
  }

  /** The problems of the last import, as file:line: message parts. */
  listProblems(): { file: string; line: number; message: string }[] {
    return this.db.prepare<[], { file: string; line: number; message: string }>('SELECT file, line, message FROM import_problems ORDER BY id').all();
  }

  private resolve(keyOrTitle: string, labelOrSelector: string | VersionSelector | undefined, maybeSelector: VersionSelector | undefined) {
    let title: string;
    let label: string;
    let selector: VersionSelector;
    if (typeof labelOrSelector === 'string') {
      title = keyOrTitle;
      label = labelOrSelector;
      selector = maybeSelector ?? {};
    } else {
      const parts = splitArticleKey(keyOrTitle);
      if (!parts) return null;
      ({ title, label } = parts);
      selector = labelOrSelector ?? {};
    }
    const versionId = this.versionId(normalizeLawTitle(title), selector);
    return versionId === null ? null : { versionId, label: normalizeLabel(label) };
  }

  private versionId(normalizedTitle: string, selector: VersionSelector): number | null {
    const row =
      selector.versionDate !== undefined
        ? this.stmt.versionByDate.get(normalizedTitle, selector.versionDate)
        : selector.at !== undefined
          ? this.stmt.versionAt.get(normalizedTitle, selector.at)
          : this.stmt.currentVersion.get(normalizedTitle);
    return row?.id ?? null;
  }

  private currentHeadingPaths(): Map<number, string[]> {
    const paths = new Map<number, string[]>();
    // Parents are inserted before their children, so one pass in id order suffices.
    for (const h of this.stmt.currentHeadings.iterate()) {
      paths.set(h.id, [...(h.parent_id === null ? [] : (paths.get(h.parent_id) ?? [])), h.text]);
    }
    return paths;
  }

  private toLawInfo(row: {
    normalized_title: string;
    title: string;
    category: string;
    kind: 'law' | 'document';
    n: number;
    vd: string | null;
    ac: number | null;
  }): LawInfo {
    return {
      normalizedTitle: row.normalized_title,
      title: row.title,
      category: row.category,
      kind: row.kind,
      versionCount: row.n,
      currentVersionDate: row.vd,
      articleCount: row.ac ?? 0,
    };
  }

  private toArticleView(row: ArticleRow): ArticleView {
    return {
      key: articleKey(row.normalized_title, row.label),
      normalizedTitle: row.normalized_title,
      lawTitle: row.law_title,
      category: row.category,
      label: row.label,
      number: row.number,
      suffix: row.suffix,
      seq: row.seq,
      paragraphs: row.text.split('\n'),
      text: row.text,
      headings: row.heading_id === null ? [] : this.stmt.headingPath.all(row.heading_id).map((h) => h.text),
      part: row.part,
      versionDate: row.version_date,
      isCurrent: row.is_current === 1,
      effectiveDate: row.effective_date,
      inForceFrom: row.in_force_from,
      sourceFile: row.path,
      line: row.line,
    };
  }
}
