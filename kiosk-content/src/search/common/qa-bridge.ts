import type { QaHit } from './qa-index';

/**
 * The Q&A bridge: residents' questions reach the articles through the Q&A written in their words.
 *
 * The embedded Q&A (kiosk-content/default/qa) phrase everyday questions the way residents ask
 * them and cite, checked by hand, the articles that answer them. When an article query matches
 * Q&A entries, the articles those entries cite are strong candidates even where the query shares
 * no word with the statute (「老板不发工资」 → 劳动合同法 第三十条). This module turns the ranked
 * Q&A matches into a bonus per cited article and adds it to the article ranking:
 *
 *   bonus(article) = weight × best article score × Σ over the first `depth` Q&A matches that cite it
 *                    of  (match score / best match score) × coverage × 1/(rank + 1) × 1/√(citation position + 1)
 *
 * - match score / best: MiniSearch's score relative to the best match of the same query;
 * - coverage: the share of the resident's own words the entry matched, so a Q&A sharing one
 *   common word with a long question vouches for little;
 * - 1/(rank + 1): the reciprocal rank of the entry among the matches (the first vouches most);
 * - 1/√(position + 1): an entry lists its main article first.
 * Articles cited but absent from the article ranking enter it with the bonus alone; an empty
 * ranking (no article shares a word with the query: filler only) stays empty.
 * Pure: the engine supplies the hits, the query words and a resolver from citation to document.
 */
export interface QaBridgeParams {
  /** Share of the best article score the first, fully matching Q&A entry adds to each article it cites; 0 = off. */
  weight: number;
  /** Q&A matches consulted. */
  depth: number;
  /**
   * Coverage enters as coverage^power. Residents' everyday questions share about two thirds of their
   * words with the best Q&A (median), the public STARD questions about a fifth; a power above 1 keeps
   * the bridge for the former and lets it fade for long questions a Q&A only grazes.
   */
  coveragePower: number;
}

/**
 * The first ten matches (the Q&A list a resident would scroll; 5 or 20 changed nothing measurable).
 * Weight and power are the variant of scripts/bench/qa-bridge-bench.ts with the best R@10 on
 * everyday-01…32 among those that kept the 5-fold CV on the public STARD questions within 0.1
 * of the engine without the bridge on R@10, R@100 and nDCG@10 (tried: weight 0.5/1/1.5/2 ×
 * power 1/2/3/4, not all pairs). everyday-33…60 were written afterwards and took no part in the choice.
 */
export const defaultQaBridgeParams: QaBridgeParams = { weight: 1, depth: 10, coveragePower: 3 };

export interface QaBridgeEntry {
  /** 「劳动合同法 第三十条」, in the entry's order (main article first). */
  cites: readonly string[];
}

export interface ScoredDoc {
  doc: number;
  score: number;
}

/** Share of the query's own words among the terms a hit matched (1 when the query has none to compare). */
export function qaCoverage(hit: QaHit, ownTerms: readonly string[]): number {
  const own = new Set(ownTerms.map((t) => t.toLowerCase()));
  if (own.size === 0) return 1;
  let matched = 0;
  for (const t of new Set(hit.terms.map((x) => x.toLowerCase()))) if (own.has(t)) matched++;
  return Math.min(1, matched / own.size);
}

/** Document → bridge strength (before the weight and the best score), from the ranked Q&A matches. */
export function qaBridgeStrengths(
  qaHits: readonly QaHit[],
  ownTerms: readonly string[],
  entry: (id: string) => QaBridgeEntry | undefined,
  resolveCite: (cite: string) => number | undefined,
  depth: number,
  coveragePower: number,
): Map<number, number> {
  const out = new Map<number, number>();
  const top = qaHits[0]?.score ?? 0;
  if (top <= 0) return out;
  const seen = new Set<string>();
  for (const hit of qaHits) {
    if (seen.size >= depth) break;
    if (seen.has(hit.id)) continue;
    seen.add(hit.id);
    const e = entry(hit.id);
    if (!e) continue;
    const rank = seen.size - 1;
    const strength = (Math.max(0, hit.score) / top) * qaCoverage(hit, ownTerms) ** coveragePower * (1 / (rank + 1));
    if (strength <= 0) continue;
    e.cites.forEach((cite, position) => {
      const doc = resolveCite(cite);
      if (doc !== undefined) out.set(doc, (out.get(doc) ?? 0) + strength / Math.sqrt(position + 1));
    });
  }
  return out;
}

/** The article ranking with the bridge bonus added (new candidates included), best first. */
export function applyQaBridge(ranked: readonly ScoredDoc[], strengths: ReadonlyMap<number, number>, weight: number): ScoredDoc[] {
  // No article matched the words (empty or filler-only query): the Q&A matched filler too.
  const best = ranked[0]?.score ?? 0;
  if (weight <= 0 || strengths.size === 0 || best <= 0) return [...ranked];
  const scores = new Map(ranked.map((h) => [h.doc, h.score]));
  for (const [doc, s] of strengths) scores.set(doc, (scores.get(doc) ?? 0) + weight * best * s);
  return [...scores].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** 「劳动合同法 第三十条」 → law title and article label. */
export function splitCite(cite: string): { law: string; label: string } | null {
  const space = cite.lastIndexOf(' ');
  return space > 0 ? { law: cite.slice(0, space), label: cite.slice(space + 1) } : null;
}

/** What the bridge needs of a search index: the Q&A entries and the article lookup. */
export interface QaBridgeIndex {
  qa: { entry(id: string): QaBridgeEntry | undefined };
  articles: { findArticle(law: string, label: string): number | undefined };
}

/**
 * The engine's hook: `ranked` (best first) with the bridge bonus of `qaHits` applied. `terms` are
 * the searched terms; those of weight ≥ 1 are the resident's own words (glossary expansions weigh less).
 */
export function bridgeQaCitations(
  ranked: readonly ScoredDoc[],
  qaHits: readonly QaHit[],
  terms: readonly { term: string; weight: number }[],
  index: QaBridgeIndex,
  params: QaBridgeParams = defaultQaBridgeParams,
): ScoredDoc[] {
  if (params.weight <= 0) return [...ranked];
  const own = terms.filter((t) => t.weight >= 1).map((t) => t.term);
  const resolve = (cite: string) => {
    const c = splitCite(cite);
    return c ? index.articles.findArticle(c.law, c.label) : undefined;
  };
  return applyQaBridge(
    ranked,
    qaBridgeStrengths(qaHits, own, (id) => index.qa.entry(id), resolve, params.depth, params.coveragePower),
    params.weight,
  );
}
