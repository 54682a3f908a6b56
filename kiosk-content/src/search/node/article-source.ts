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

function splitKey(key: string): { title: string; label: string } | null {
  const bar = key.lastIndexOf('|');
  return bar <= 0 ? null : { title: key.slice(0, bar), label: key.slice(bar + 1) };
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

  article(key: string): ArticleText | null {
    const k = splitKey(key);
    if (!k) return null;
    const view = this.repo.getArticle(k.title, k.label);
    return view ? { text: view.text, headings: view.headings } : null;
  }
}
