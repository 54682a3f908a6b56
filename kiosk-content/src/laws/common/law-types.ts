/**
 * The parsed shape of the Markdown law corpus (../shared/data/laws, format in its README).
 * Shared by the importer (kiosk-content/authoring/law-import), the search index and the article view.
 */
export interface LawDateEvent {
  /** ISO date YYYY-MM-DD. */
  date: string;
  /** The rest of the metadata line, e.g. 「第十三届全国人民代表大会第三次会议通过」 or 「施行」. */
  event: string;
}

export interface ParsedArticle {
  /** As written: 第四百六十三条, 第一百三十三条之一 (normalised when the file had a typo, see problems). */
  label: string;
  /** 463; for 之一 articles the base number. */
  number: number;
  /** 0 for ordinary articles, 1 for 之一, 2 for 之二 … */
  suffix: number;
  /** Headings above the article, outermost first: ['第三编 合同', '第一章 一般规定']. */
  headings: string[];
  /** Paragraphs of the article; the first starts after the label and its space. */
  paragraphs: string[];
  /** 1-based line of the article line in its file. */
  line: number;
}

/** Text that sits after a heading but outside any article (附件 lists, notes between chapters). */
export interface ParsedLooseText {
  headings: string[];
  paragraphs: string[];
  /** 1-based line of the first paragraph. */
  line: number;
}

export interface ParsedLawFile {
  /** The file name or path the caller passed in (problems use it too). */
  file: string;
  /** Line 1 title as written. */
  title: string;
  normalizedTitle: string;
  /** Optional second title line (only 民法典 parts: 总则, 物权编 …). */
  part: string | null;
  dates: LawDateEvent[];
  /** Header lines that carry no date of their own and precede every dated line (文号, wrapped titles). */
  headerNotes: string[];
  /** The (YYYY-MM-DD) in the file name, if any. */
  fileNameDate: string | null;
  /** Version date: from the file name (…(YYYY-MM-DD).md) or else the newest metadata date. */
  versionDate: string | null;
  /**
   * Text before the first article (preamble) or the whole body of a file without articles.
   * Paragraphs are separated by \n; heading lines keep their "## " marks so a document view can
   * show its structure. Headings that merely open the first article's chapter are left out.
   */
  preamble: string;
  articles: ParsedArticle[];
  looseText: ParsedLooseText[];
}

export interface LawParseProblem {
  file: string;
  line: number;
  message: string;
}

/** "file:line: message" — the one format every problem report uses. */
export function formatLawProblem(problem: LawParseProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
