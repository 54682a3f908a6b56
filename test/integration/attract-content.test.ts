import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { ParsedLawFile } from '../../kiosk-content/src/laws/common/law-types';
import { parseLawMarkdown } from '../../kiosk-content/src/laws/common/parse-law-markdown';
import { loadAttractFolder } from '../../kiosk-content/src/attract/node/load-attract-folder';
import { defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';

/**
 * Issue 9 — the 普法 slides of the embedded default content (kiosk-content/default/slides): well
 * formed, and every sentence rests on the articles it cites, in their latest version (the shared
 * corpus, read at test time, never copied). A slide is read by passers-by who will act on it.
 */
const lawsDir = path.join(path.resolve(repoRoot, '../shared'), 'data', 'laws');
const attract = loadAttractFolder(defaultContentDir);

/** The text of the latest version of each cited article, by `<title> 第…条`. */
function citedArticleTexts(cites: Set<string>): Map<string, string> {
  const titles = new Set([...cites].map((c) => c.split(' ')[0] ?? ''));
  const latest = new Map<string, ParsedLawFile[]>();
  for (const name of readdirSync(lawsDir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.md') && n !== 'README.md')) {
    const text = readFileSync(path.join(lawsDir, name), 'utf8');
    const title = normalizeLawTitle(text.slice(0, text.indexOf('\n')).replace(/^#\s*/, ''));
    if (!titles.has(title)) continue;
    const { law } = parseLawMarkdown(name, text);
    if (!law) continue;
    const key = `${title}\u0000${law.part ?? ''}`;
    const current = latest.get(key);
    if (!current || (law.versionDate ?? '') > (current[0]?.versionDate ?? '')) latest.set(key, [law]);
  }
  const texts = new Map<string, string>();
  for (const laws of latest.values())
    for (const law of laws) for (const article of law.articles) texts.set(`${law.normalizedTitle} ${article.label}`, article.paragraphs.join(''));
  return texts;
}

/** Share of the clause's character pairs that occur in the source: 1 = every pair is the law's own wording. */
function overlap(clause: string, source: string): number {
  const pairs = [...clause].slice(0, -1).map((c, i) => c + (clause[i + 1] ?? ''));
  return pairs.filter((p) => source.includes(p)).length / Math.max(pairs.length, 1);
}

describe('普法 slides (kiosk-content/default/slides)', () => {
  it('are well formed and there are several', () => {
    expect(attract.problems).toEqual([]);
    expect(attract.slides.length).toBeGreaterThanOrEqual(4);
    expect(new Set(attract.slides.map((s) => s.id)).size).toBe(attract.slides.length);
  });

  it('cite articles that exist in the latest version of their law, and say nothing the articles do not', () => {
    const texts = citedArticleTexts(new Set(attract.slides.flatMap((s) => s.cites)));
    for (const slide of attract.slides) {
      const sources = slide.cites.map((cite) => texts.get(cite));
      expect(
        sources.every((s) => s !== undefined),
        `${slide.id}: ${slide.cites.join(', ')}`,
      ).toBe(true);
      const source = sources.join('');
      // Every clause is (nearly) the statute's own words: paraphrase is allowed only at the joints.
      for (const clause of slide.body.split(/[，。；、]/).filter((c) => c.length >= 6)) {
        expect(overlap(clause, source), `${slide.id}: 「${clause}」`).toBeGreaterThanOrEqual(0.6);
      }
    }
  });

  it('contain no phone number, address or amount of money', () => {
    for (const slide of attract.slides) expect(`${slide.title}${slide.body}`).not.toMatch(/\d{3,}|元|号楼|路\d|电话/);
  });
});
