/**
 * Warm-up of a freshly opened engine. The first queries of a new process are several times slower
 * than later ones: V8 runs the ranking loops interpreted until they are hot, and the article texts
 * the bigram stage reads (and the per-law label maps, the translation table's resolved words) are
 * not cached yet. A new process on an installed law pack answered its first 60 questions at about
 * twice the time of the rest. Running a handful of fixed questions through both shapes of search
 * (the CLI's: 100 articles, one Q&A, no snippets; the search screen's: 10 articles with snippets,
 * Q&A, suggestions) before the engine is handed out moves that cost to opening time, where the
 * cold-start figure counts it. Results are not changed: every cache involved only remembers what
 * it would read again.
 */

/** What the warm-up needs of an engine (SearchEngine satisfies it). */
export interface WarmableEngine {
  search(query: string, options: { limit?: number; qaLimit?: number; snippets?: boolean }): unknown;
  suggest(prefix: string, limit?: number): unknown;
}

export interface WarmUpOptions {
  /** Questions run (default warmUpQuestions). */
  questions?: readonly string[];
  /** Passes over the questions at most (default 2). */
  rounds?: number;
  /** Stop starting new questions after this long (default 400 ms), so a loaded box does not start slower than it must. */
  budgetMs?: number;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
}

export interface WarmUpReport {
  /** Searches run (each question counts once per shape). */
  searches: number;
  ms: number;
}

/**
 * Residents' questions on the kiosk's common matters, in everyday and in statute wording, plus a
 * citation and a pinyin-initials query (their own code paths). Written for the warm-up; not taken
 * from any benchmark set.
 */
export const warmUpQuestions: readonly string[] = [
  '公司拖欠工资不发怎么办',
  '离婚时夫妻共同财产怎么分割',
  '交通事故对方全责医药费谁承担',
  '朋友借钱到期不还可以起诉吗',
  '房东不退押金怎么办',
  '父母去世后房子怎么继承',
  '买到假货商家应当如何赔偿',
  '劳动合同法第47条',
  '被人打伤了可以要求哪些赔偿',
  '孩子在学校受伤学校有没有责任',
  '用人单位解除劳动合同应当支付经济补偿',
  '租赁合同期限届满承租人继续使用租赁物',
  '工伤认定需要提交哪些材料',
  '网上有人造谣诽谤我怎么办',
  '没钱请律师可以申请法律援助吗',
  'ldhtf',
];

export function warmUpEngine(engine: WarmableEngine, options: WarmUpOptions = {}): WarmUpReport {
  const now = options.now ?? Date.now;
  const questions = options.questions ?? warmUpQuestions;
  const rounds = options.rounds ?? 2;
  const budgetMs = options.budgetMs ?? 400;
  const started = now();
  let searches = 0;
  outer: for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      if (now() - started >= budgetMs) break outer;
      engine.search(q, { limit: 100, qaLimit: 1, snippets: false });
      engine.search(q, { limit: 10, qaLimit: 5 });
      engine.suggest(q, 5);
      searches += 2;
    }
  }
  return { searches, ms: now() - started };
}
