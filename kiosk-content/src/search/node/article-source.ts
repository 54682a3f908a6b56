import type { ArticleIndexInput } from '../common/article-index';
import type { ArticleText } from '../common/search-engine';
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
   * Recently read texts, least recently used dropped first: each query re-scores its best hundred
   * articles from their text, and residents' questions keep returning to the same laws, so most
   * reads hit (about 1 MB for this many articles of typical length).
   */
  private readonly recent = new Map<string, ArticleText | null>();

  article(key: string): ArticleText | null {
    const cached = this.recent.get(key);
    if (cached !== undefined) {
      this.recent.delete(key);
      this.recent.set(key, cached);
      return cached;
    }
    const text = this.repo.currentArticleText(key);
    this.recent.set(key, text);
    if (this.recent.size > recentArticleTexts) this.recent.delete(this.recent.keys().next().value as string);
    return text;
  }
}

const recentArticleTexts = 3000;
