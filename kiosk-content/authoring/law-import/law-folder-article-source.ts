import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseLawMarkdown } from '../../src/laws/common/parse-law-markdown';
import type { ArticleIndexInput } from '../../src/search/common/article-index';
import type { ArticleText } from '../../src/search/common/search-engine';
import type { ArticleSource } from '../../src/search/node/article-source';
import { fnv1a } from '../../src/search/node/jieba-tokenizer';
import { assembleLibrary } from './assemble-library';
import type { SourceFile } from './assemble-library';
import { listLawFiles } from './import-laws';

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
