/**
 * Where STARD's held-out recall is lost: `npx tsx scripts/bench/recall-analysis.ts`. 5-fold CV on the
 * public questions (each question ranked by the engine defaults with a model trained without its
 * fold, as search-experiment-setup.ts trains them); prints aggregates only.
 *
 * For every held-out (question, relevant article) pair missing from the first 100 results it counts:
 * whether the article's law is among the laws of the first 10 / 100 results (and where); whether a
 * training question of the fold cites the article; its rank in a deeper run of the same engine
 * (100–300, 300–1000, 1000–3000, beyond); how many of the question's words and character bigrams
 * the article shares; and which candidate source would bring it into a candidate set: the word
 * ranking deeper, BM25 over character bigrams of every article, the translation LM over every
 * article of the best k laws, neighbours ±1..2 of the first hits, the articles the Q&A matches cite.
 * It also prints, for the first 100, the score of the 100th result relative to the best (why an
 * added candidate with a first-stage score of 0 cannot enter the first 100).
 */
import { performance } from 'node:perf_hooks';
import { bigramCodes } from '../../kiosk-content/src/search/common/bigram-rescore';
import { defaultQaBridgeParams, splitCite } from '../../kiosk-content/src/search/common/qa-bridge';
import { translationLogLikelihood } from '../../kiosk-content/src/search/common/translation-lm';
import { bigramCandidateIndex } from './bigram-candidates';
import { openExperimentEngine } from './search-experiment-setup';

const { base, source, trainModels } = openExperimentEngine();
const idx = base.index.articles;
const data = idx.data;
const docCount = idx.docCount;

let t0 = performance.now();
const bigramIndex = bigramCandidateIndex(source.articles(), idx);
console.log(
  `bigram index: ${String(bigramIndex.bigrams)} bigrams, ${String(bigramIndex.postings)} postings, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const bigramTop = (query: string, k: number) => bigramIndex.top(query, k);

t0 = performance.now();
const trained = trainModels();
console.log(`training (5 folds + all): ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const stats = idx.textStatistics();
interface Missing {
  lawRank10: number; // rank of its law among the distinct laws of the first 10 (−1: not there)
  lawRank100: number;
  cited: boolean; // a training question of the fold cites it
  qaCited: boolean; // some Q&A entry cites it
  deepRank: number; // rank in the deep run (−1: not retrieved in 3000)
  sharedWords: number;
  sharedRareGrams: number; // distinct query bigrams in ≤ 1 % of articles that the article has
  sources: Set<string>;
  tlmRankInLaw: number; // rank by TLM among its law's articles when the law is among the first 3 (−1 otherwise)
  lawSize: number;
  /** Distance in articles to the nearest relevant article of the same question found in the first 100, same law (−1: none). */
  siblingDistance: number;
}
const missing: Missing[] = [];
let pairs = 0;
let found100 = 0;
const ratio100: number[] = [];
const budgets = { word300: 300, word1000: 1000, bigram100: 100, bigram300: 300, tlm3: 50, tlm5: 50 };
const candidateCounts = new Map<string, number>();
const addCount = (name: string, n: number) => candidateCounts.set(name, (candidateCounts.get(name) ?? 0) + n);
const qaCites = new Set<number>();
for (const e of base.index.qa.entries)
  for (const cite of e.cites) {
    const c = splitCite(cite);
    const d = c ? idx.findArticle(c.law, c.label) : undefined;
    if (d !== undefined) qaCites.add(d);
  }
const docOfKey = (key: string) => {
  const bar = key.lastIndexOf('|');
  return idx.findArticle(key.slice(0, bar), key.slice(bar + 1));
};

t0 = performance.now();
let questions = 0;
let questionsWithMisses = 0;
for (const fold of trained.folds) {
  const engine = base.withModel(fold.model);
  const held = new Set(fold.heldOut);
  const citedByTraining = new Set<number>();
  trained.questions.forEach((q, i) => {
    if (held.has(i)) return;
    for (const key of q.relevant) {
      const d = docOfKey(key);
      if (d !== undefined) citedByTraining.add(d);
    }
  });
  for (const i of fold.heldOut) {
    const q = trained.questions[i];
    if (!q) continue;
    questions++;
    const r = engine.search(q.query, { limit: 100, qaLimit: 0, snippets: false });
    const top = r.articles.map((a) => idx.findArticle(a.normalizedTitle, a.label) as number);
    const best = r.articles[0]?.score ?? 0;
    const last = r.articles[99]?.score;
    if (best > 0 && last !== undefined) ratio100.push(last / best);
    const topSet = new Set(top);
    const relevant = [...new Set(q.relevant)].map(docOfKey).filter((d): d is number => d !== undefined);
    pairs += relevant.length;
    const lost = relevant.filter((d) => !topSet.has(d));
    found100 += relevant.length - lost.length;
    if (lost.length === 0) continue;
    questionsWithMisses++;
    const deep = engine
      .search(q.query, { limit: 3000, qaLimit: 0, snippets: false })
      .articles.map((a) => idx.findArticle(a.normalizedTitle, a.label) as number);
    const deepRank = new Map(deep.map((d, k) => [d, k]));
    const laws10: number[] = [];
    const laws100: number[] = [];
    top.forEach((d, k) => {
      const l = data.docLaw[d] as number;
      if (k < 10 && !laws10.includes(l)) laws10.push(l);
      if (!laws100.includes(l)) laws100.push(l);
    });
    // Candidate sources.
    const own = r.terms.filter((t) => t.weight >= 1).map((t) => t.term);
    const bigram = bigramTop(r.query, 300);
    const sw = engine.translationWords(own);
    const tlmTop = (k: number) => {
      const docs: number[] = [];
      for (const l of laws10.slice(0, k)) {
        const law = data.laws[l];
        if (law) for (let d = law.firstDoc; d < law.firstDoc + law.docCount; d++) docs.push(d);
      }
      const ll = translationLogLikelihood(sw, docs, stats.forward, { translationShare: 0.5, collectionShare: 0.5 }, stats.scratch);
      return [...docs.keys()].sort((a, b) => (ll[b] as number) - (ll[a] as number)).map((k2) => docs[k2] as number);
    };
    const tlm3 = tlmTop(3);
    const tlm5 = tlmTop(5);
    const neighbours = new Set<number>();
    for (const d of top.slice(0, 10))
      for (const off of [-2, -1, 1, 2]) {
        const n = d + off;
        if (n >= 0 && n < docCount && data.docLaw[n] === data.docLaw[d]) neighbours.add(n);
      }
    const qaHits = engine.index.qa.search(r.terms, defaultQaBridgeParams.depth, engine.params.qaMatch, r.query);
    const bridged = new Set<number>();
    for (const h of qaHits.slice(0, defaultQaBridgeParams.depth))
      for (const cite of engine.index.qa.entry(h.id)?.cites ?? []) {
        const c = splitCite(cite);
        const d = c ? idx.findArticle(c.law, c.label) : undefined;
        if (d !== undefined) bridged.add(d);
      }
    const sets: Record<string, Set<number>> = {
      word300: new Set(deep.slice(0, budgets.word300)),
      word1000: new Set(deep.slice(0, budgets.word1000)),
      bigram100: new Set(bigram.slice(0, budgets.bigram100)),
      bigram300: new Set(bigram.slice(0, budgets.bigram300)),
      tlm3laws50: new Set(tlm3.slice(0, budgets.tlm3)),
      tlm5laws50: new Set(tlm5.slice(0, budgets.tlm5)),
      neighbours10: neighbours,
      qaCites: bridged,
    };
    for (const [name, s] of Object.entries(sets)) {
      let fresh = 0;
      for (const d of s) if (!topSet.has(d)) fresh++;
      addCount(name, fresh);
    }
    const qWords = new Set(own);
    const rareGrams = [...new Set(bigramCodes(r.query))].filter((c) => bigramIndex.docsOf(c).length <= docCount * 0.01);
    for (const d of lost) {
      const fwdStart = stats.forward.offsets[d] as number;
      const fwdEnd = stats.forward.offsets[d + 1] as number;
      const artTerms = new Set<string>();
      for (let k = fwdStart; k < fwdEnd; k++) artTerms.add(data.terms[stats.forward.terms[k] as number] as string);
      let sharedWords = 0;
      for (const w of qWords) if (artTerms.has(w)) sharedWords++;
      let sharedRare = 0;
      for (const c of rareGrams) if (bigramIndex.docsOf(c).includes(d)) sharedRare++;
      const l = data.docLaw[d] as number;
      const law = data.laws[l];
      let tlmRankInLaw = -1;
      if (laws10.slice(0, 3).includes(l) && law) {
        const inLaw = tlm3.filter((x) => data.docLaw[x] === l);
        tlmRankInLaw = inLaw.indexOf(d);
      }
      missing.push({
        lawRank10: laws10.indexOf(l),
        lawRank100: laws100.indexOf(l),
        cited: citedByTraining.has(d),
        qaCited: qaCites.has(d),
        deepRank: deepRank.get(d) ?? -1,
        sharedWords,
        sharedRareGrams: sharedRare,
        sources: new Set(Object.entries(sets).flatMap(([name, s]) => (s.has(d) ? [name] : []))),
        tlmRankInLaw,
        lawSize: law?.docCount ?? 0,
        siblingDistance: Math.min(...relevant.filter((x) => topSet.has(x) && data.docLaw[x] === l).map((x) => Math.abs(x - d)), Infinity),
      });
    }
  }
}
console.log(`ranking: ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const n = missing.length;
const pct = (k: number, of = n) => `${String(k)} (${((100 * k) / Math.max(1, of)).toFixed(1)} %)`;
const count = (f: (m: Missing) => boolean) => missing.filter(f).length;
console.log(
  `\n${String(questions)} held-out questions (${String(questionsWithMisses)} with a miss), ${String(pairs)} (question, article) pairs; in the first 100: ${pct(found100, pairs)}; missing: ${String(n)}`,
);
ratio100.sort((a, b) => a - b);
const q = (p: number) => (ratio100[Math.floor(p * (ratio100.length - 1))] ?? 0).toFixed(2);
console.log(`score of the 100th result / best score: p10 ${q(0.1)}, median ${q(0.5)}, p90 ${q(0.9)}`);
console.log('\nmissing pairs:');
console.log(
  `  law among the laws of the first 10: ${pct(count((m) => m.lawRank10 >= 0))} (1st ${String(count((m) => m.lawRank10 === 0))}, 2nd–3rd ${String(count((m) => m.lawRank10 >= 1 && m.lawRank10 <= 2))}, 4th+ ${String(count((m) => m.lawRank10 >= 3))})`,
);
console.log(`  law among the laws of the first 100: ${pct(count((m) => m.lawRank100 >= 0))}`);
console.log(`  cited by no training question of the fold: ${pct(count((m) => !m.cited))}; cited by some Q&A: ${pct(count((m) => m.qaCited))}`);
console.log(
  `  deep rank 100–299: ${pct(count((m) => m.deepRank >= 100 && m.deepRank < 300))}, 300–999: ${pct(count((m) => m.deepRank >= 300 && m.deepRank < 1000))}, 1000–2999: ${pct(count((m) => m.deepRank >= 1000))}, not in 3000: ${pct(count((m) => m.deepRank < 0))}`,
);
console.log(
  `  shared query words 0: ${pct(count((m) => m.sharedWords === 0))}, 1: ${pct(count((m) => m.sharedWords === 1))}, 2–3: ${pct(count((m) => m.sharedWords >= 2 && m.sharedWords <= 3))}, 4+: ${pct(count((m) => m.sharedWords >= 4))}`,
);
console.log(
  `  shared rare query bigrams (in ≤ 1 % of articles) 0: ${pct(count((m) => m.sharedRareGrams === 0))}, 1–2: ${pct(count((m) => m.sharedRareGrams >= 1 && m.sharedRareGrams <= 2))}, 3+: ${pct(count((m) => m.sharedRareGrams >= 3))}`,
);
const sib = (lo: number, hi: number) => count((m) => m.siblingDistance >= lo && m.siblingDistance <= hi);
console.log(
  `  another relevant article of the question found, same law: ${pct(count((m) => Number.isFinite(m.siblingDistance)))}; within 1–2 articles: ${pct(sib(1, 2))}, 3–10: ${pct(sib(3, 10))}, farther: ${pct(sib(11, 1e9))}`,
);
const inTop3 = missing.filter((m) => m.tlmRankInLaw >= 0);
const tl = (lo: number, hi: number) => inTop3.filter((m) => m.tlmRankInLaw >= lo && m.tlmRankInLaw < hi).length;
const sizes = inTop3.map((m) => m.lawSize).sort((a, b) => a - b);
console.log(
  `  law among the first 3 laws: ${String(inTop3.length)}; its TLM rank inside the law 0–9: ${String(tl(0, 10))}, 10–49: ${String(tl(10, 50))}, 50–199: ${String(tl(50, 200))}, 200+: ${String(tl(200, 1e9))} (law size median ${String(sizes[Math.floor(sizes.length / 2)] ?? 0)})`,
);
console.log('\ncandidate sources (missing pairs each would bring in; new candidates outside the first 100 per question with a miss):');
const names = [...candidateCounts.keys()];
for (const name of names)
  console.log(
    `  ${name.padEnd(14)} ${pct(count((m) => m.sources.has(name))).padEnd(16)} ${((candidateCounts.get(name) ?? 0) / questionsWithMisses).toFixed(0)} per question`,
  );
const union = (list: string[]) => count((m) => list.some((s) => m.sources.has(s)));
const combos: string[][] = [
  ['word300', 'bigram100'],
  ['word300', 'bigram300'],
  ['bigram100', 'tlm3laws50'],
  ['word300', 'bigram100', 'tlm3laws50', 'neighbours10', 'qaCites'],
  ['word1000', 'bigram300', 'tlm5laws50', 'neighbours10', 'qaCites'],
];
for (const c of combos) console.log(`  union ${c.join(' + ')}: ${pct(union(c))}`);
console.log(`  only bigram300 (not in word1000): ${pct(count((m) => m.sources.has('bigram300') && !m.sources.has('word1000')))}`);
console.log(`  only tlm5laws50 (not in word1000): ${pct(count((m) => m.sources.has('tlm5laws50') && !m.sources.has('word1000')))}`);
console.log(`  none of them: ${pct(count((m) => m.sources.size === 0))}`);
