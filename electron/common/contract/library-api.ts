import { z } from 'zod';
import { method } from './define-contract';

/**
 * Search, the law library and the Q&A: the part of the KioskApi behind 找法律 · 问问题.
 * Snippets carry highlight ranges rather than HTML so no markup ever crosses the boundary.
 */

/** A piece of text with [start, end) UTF-16 ranges to highlight (the words that matched). */
export const highlightedSchema = z.object({
  text: z.string(),
  marks: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
export type Highlighted = z.infer<typeof highlightedSchema>;

export const qaHitSchema = z.object({
  id: z.string(),
  question: highlightedSchema,
  domain: z.string(),
  domainLabel: z.string(),
  snippet: highlightedSchema,
});
export type QaHit = z.infer<typeof qaHitSchema>;

export const articleHitSchema = z.object({
  /** `normalizedTitle|label`, e.g. `劳动合同法|第四十七条`. */
  key: z.string(),
  lawTitle: z.string(),
  label: z.string(),
  /** 编/章/节 the article sits in, outermost first. */
  headings: z.array(z.string()),
  snippet: highlightedSchema,
});
export type ArticleHit = z.infer<typeof articleHitSchema>;

export const procedureHitSchema = z.object({
  id: z.string(),
  title: highlightedSchema,
  summary: z.string(),
});
export type ProcedureHit = z.infer<typeof procedureHitSchema>;

export const searchQuerySchema = z.object({
  text: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(50).optional(),
  /** Search the text as typed: no 「您是不是要找」 correction (the resident tapped 仍按…查找). */
  exact: z.boolean().optional(),
});

export const searchResultSchema = z.object({
  /** What was searched for: the text as typed, or its correction (see correctedFrom). */
  query: z.string(),
  /** Set when a misspelled known term was corrected (劳懂合同 → 劳动合同): the text as typed. */
  correctedFrom: z.string().nullable().optional(),
  /** Set when the query was read as a citation (劳动合同法第47条): the article it points to. */
  citation: z.object({ key: z.string(), found: z.boolean(), display: z.string() }).nullable(),
  /** Legal words the search also looked for, from the glossary (老板 → 用人单位); shown so residents learn them. */
  alsoSearched: z.array(z.string()),
  qa: z.array(qaHitSchema),
  articles: z.array(articleHitSchema),
  procedures: z.array(procedureHitSchema),
  /** False when only the embedded Q&A is available on this terminal. */
  libraryInstalled: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const suggestionSchema = z.object({
  text: z.string(),
  kind: z.enum(['qa', 'law', 'term']),
  /** For qa: the entry id; for law: the normalised title. Lets a tap open it directly. */
  target: z.string().optional(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const articleViewSchema = z.object({
  key: z.string(),
  lawTitle: z.string(),
  label: z.string(),
  headings: z.array(z.string()),
  paragraphs: z.array(z.string()),
  versionDate: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  isCurrent: z.boolean(),
  previousKey: z.string().nullable(),
  nextKey: z.string().nullable(),
  /** Plain-language answers that rely on this article (their cites name it). */
  relatedQa: z.array(z.object({ id: z.string(), question: z.string() })).max(10),
});
export type ArticleView = z.infer<typeof articleViewSchema>;

export const qaCitationSchema = z.object({
  key: z.string(),
  display: z.string(),
  /** Whether the article can be opened on this terminal (false without the full library). */
  available: z.boolean(),
});

export const qaViewSchema = z.object({
  id: z.string(),
  question: z.string(),
  domain: z.string(),
  domainLabel: z.string(),
  /** Paragraphs of the answer in plain text; numbered steps keep their "1." prefix. */
  answer: z.array(z.string()),
  cites: z.array(qaCitationSchema),
  related: z.array(z.object({ id: z.string(), question: z.string() })),
});
export type QaView = z.infer<typeof qaViewSchema>;

export const libraryMethods = {
  'search.query': method(searchQuerySchema, searchResultSchema, { activity: true }),
  'search.suggest': method(z.object({ text: z.string().max(100) }), z.array(suggestionSchema).max(10), { activity: true }),
  'library.getArticle': method(z.object({ key: z.string().min(3).max(200) }), articleViewSchema.nullable(), { activity: true }),
  'qa.get': method(z.object({ id: z.string().min(1).max(100) }), qaViewSchema.nullable(), { activity: true }),
} as const;
