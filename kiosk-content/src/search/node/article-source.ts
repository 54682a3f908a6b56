import type { ArticleIndexInput } from '../common/article-index';
import type { ArticleBodies, ArticleText } from '../common/search-engine';
import type { LawRepository } from '../../library-db/node/law-repository';
import type { ContentDb } from '../../library-db/node/open-content-db';

/**
 * Where the index builder gets the current articles from, and where result snippets get their
 * text. The kiosk uses the content database; tools and tests can point at a Markdown folder
 * (authoring/law-import/law-folder-article-source.ts).
 */
export interface ArticleSource {
  /** Changes whenever any current article could have changed (decides index rebuilds). */
  fingerprint(): string;
  /** Normalised titles of the laws that have current articles. */
  lawTitles(): string[];
  articles(): Iterable<ArticleIndexInput>;
  article(key: string): ArticleText | null;
  /** Texts of several articles at once, in key order (optional: article() key by key otherwise). */
  articleBodies?(keys: readonly string[]): (string | null)[];
}

/** The source's bulk text reader for the engine, or key by key through article() when it has none. */
export function articleBodiesOf(source: ArticleSource): ArticleBodies {
  const bulk = source.articleBodies;
  return bulk ? (keys) => bulk.call(source, keys) : (keys) => keys.map((k) => source.article(k)?.text ?? null);
}

/** Current versions from the content database (LawRepository). */
export class RepositoryArticleSource implements ArticleSource {
  constructor(
    private readonly db: ContentDb,
    private readonly repo: LawRepository,
  ) {}

  fingerprint(): string {
    const meta = (key: string) => (this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? '';
    const stats = this.repo.stats();
    return `db:${meta('library.importedAt')}:${meta('library.source')}:${String(stats.currentArticles)}:${String(stats.laws)}`;
  }

  lawTitles(): string[] {
    return this.db
      .prepare(
        `SELECT DISTINCT l.normalized_title FROM laws l JOIN law_versions v ON v.law_id = l.id AND v.is_current = 1
         WHERE EXISTS (SELECT 1 FROM articles a WHERE a.version_id = v.id)`,
      )
      .pluck()
      .all() as string[];
  }

  articles(): Iterable<ArticleIndexInput> {
    return this.repo.iterateCurrentArticles();
  }

  /**
   * Recently read texts in two generations: each query re-scores its best hundred articles from
   * their text, and residents' questions keep returning to the same laws, so most reads hit. A
   * text read or used goes into the young generation; when that holds recentArticleTexts, it
   * becomes the old one and the previous old one is dropped (so the last 3,000–6,000 texts used
   * stay, about 1–2 MB), with no reordering per hit. Heading paths are looked up only for
   * article(), which shows them; the bigram stage needs the text alone.
   */
  private young = new Map<string, CachedText | null>();
  private old = new Map<string, CachedText | null>();

  private remember(key: string, value: CachedText | null): void {
    this.young.set(key, value);
    if (this.young.size >= recentArticleTexts) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  private cached(key: string): CachedText | null | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.remember(key, old);
    return old;
  }

  article(key: string): ArticleText | null {
    let found = this.cached(key);
    if (found === undefined) {
      found = this.repo.currentArticleTexts([key])[0] ?? null;
      this.remember(key, found);
    }
    return found ? { text: found.text, headings: this.repo.headingPath(found.headingId) } : null;
  }

  /** Texts of several articles, in key order; the ones not cached are read with one statement. */
  articleBodies(keys: readonly string[]): (string | null)[] {
    const out: (string | null)[] = new Array<string | null>(keys.length).fill(null);
    const missing: number[] = [];
    keys.forEach((key, i) => {
      const found = this.cached(key);
      if (found === undefined) missing.push(i);
      else out[i] = found?.text ?? null;
    });
    if (missing.length > 0) {
      const read = this.repo.currentArticleTexts(missing.map((i) => keys[i] as string));
      missing.forEach((i, j) => {
        const found = read[j] ?? null;
        this.remember(keys[i] as string, found);
        out[i] = found?.text ?? null;
      });
    }
    return out;
  }
}

interface CachedText {
  text: string;
  headingId: number | null;
}

const recentArticleTexts = 3000;
