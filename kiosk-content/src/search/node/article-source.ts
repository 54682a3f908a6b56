import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseLawMarkdown } from '../../laws/common/parse-law-markdown';
import type { ArticleIndexInput } from '../common/article-index';
import type { ArticleText } from '../common/search-engine';
import type { LawRepository } from '../../library-db/node/law-repository';
import type { ContentDb } from '../../library-db/node/open-content-db';
import { assembleLibrary } from '../../../authoring/law-import/assemble-library';
import type { SourceFile } from '../../../authoring/law-import/assemble-library';
import { listLawFiles } from '../../../authoring/law-import/import-laws';
import { fnv1a } from './jieba-tokenizer';

/**
 * Where the index builder gets the current articles from, and where result snippets get their
 * text. The kiosk uses the content database; tools and tests can point at a Markdown folder.
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

/** Current versions straight from the law corpus folder, assembled as the importer does. */
export class LawFolderArticleSource implements ArticleSource {
  private readonly list: ArticleIndexInput[] = [];
  private readonly byKey = new Map<string, ArticleIndexInput>();
  private readonly print: string;

  constructor(readonly dir: string) {
    const files = listLawFiles(dir);
    const sources: SourceFile[] = [];
    const stamp: string[] = [];
    for (const rel of files) {
      const full = path.join(dir, rel);
      const st = statSync(full);
      stamp.push(`${rel}:${String(st.size)}:${String(Math.floor(st.mtimeMs))}`);
      const { law, problems } = parseLawMarkdown(rel, readFileSync(full, 'utf8'));
      if (!law) continue;
      const slash = rel.lastIndexOf('/');
      sources.push({ path: rel, category: slash < 0 ? '' : rel.slice(0, slash), law, problemCount: problems.length });
    }
    this.print = `folder:${fnv1a(stamp.join('\n'))}:${String(files.length)}`;
    for (const law of assembleLibrary(sources).laws) {
      const current = law.versions.at(-1);
      if (!current || current.articles.length === 0) continue;
      for (const a of current.articles) {
        const input: ArticleIndexInput = {
          key: `${law.normalizedTitle}|${a.label}`,
          normalizedTitle: law.normalizedTitle,
          title: law.title,
          label: a.label,
          text: a.paragraphs.join('\n'),
          headings: a.headings,
          versionDate: current.versionDate,
          category: law.category,
        };
        if (this.byKey.has(input.key)) continue;
        this.byKey.set(input.key, input);
        this.list.push(input);
      }
    }
  }

  fingerprint(): string {
    return this.print;
  }

  lawTitles(): string[] {
    return [...new Set(this.list.map((a) => a.normalizedTitle))];
  }

  articles(): Iterable<ArticleIndexInput> {
    return this.list;
  }

  article(key: string): ArticleText | null {
    return this.byKey.get(key) ?? null;
  }
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
