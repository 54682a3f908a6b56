/**
 * The parsed shape of the Markdown law corpus (../shared/data/laws, format in its README).
 * Shared by the importer (kiosk-content/src/node), the search index and the article view.
 */
export interface LawDateEvent {
  /** ISO date YYYY-MM-DD. */
  date: string;
  /** The rest of the metadata line, e.g. 「第十三届全国人民代表大会第三次会议通过」 or 「施行」. */
  event: string;
}

export interface ParsedArticle {
  /** As written: 第四百六十三条, 第一百三十三条之一. */
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

export interface ParsedLawFile {
  /** Line 1 title as written. */
  title: string;
  normalizedTitle: string;
  /** Optional second title line (only 民法典 parts: 总则, 物权编 …). */
  part: string | null;
  dates: LawDateEvent[];
  /** Version date: from the file name (…(YYYY-MM-DD).md) or else the newest metadata date. */
  versionDate: string | null;
  /** Text before the first article (preamble) or the whole body of a file without articles. */
  preamble: string;
  articles: ParsedArticle[];
}

export interface LawParseProblem {
  file: string;
  line: number;
  message: string;
}
