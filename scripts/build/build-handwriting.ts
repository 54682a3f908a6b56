/**
 * Builds the handwriting pad's character templates from hanzi-writer-data (Make Me a Hanzi stroke
 * medians, Arphic Public License) into renderer/public/generated/handwriting/, which Vite copies
 * into the renderer bundle. The output is gitignored: it is derived from node_modules at build time.
 *
 *   npm run build:handwriting      (also run by every renderer build)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// The template format is pure code shared with the renderer, which decodes what this encodes.
import { encodeTemplates, FLAG_IN_CONTENT, makeTemplate, type CharacterTemplate, type Point } from '../../electron/common/handwriting/template-format';
import { appVersion, defaultContentDir, repoRoot } from '../lib/repo-paths';

export const handwritingOutDir = path.join(repoRoot, 'renderer', 'public', 'generated', 'handwriting');
export const templatesFileName = 'templates.bin';

interface HanziWriterCharacter {
  strokes: string[];
  /** Per stroke, a polyline in a 1024 box with y pointing up (font units: y = 900 − svgY). */
  medians: [number, number][][];
}

export function hanziWriterDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('hanzi-writer-data/package.json'));
}

/**
 * The 3755 characters of GB2312 level 1 (rows 0xB0–0xD7): the common characters, in the
 * standard's (pinyin) order. 《通用规范汉字表》 is not available offline; this is its nearest
 * relative that ships with the platform (the GB18030 decoder).
 */
export function gb2312Level1(): string[] {
  const decoder = new TextDecoder('gb18030');
  const characters: string[] = [];
  for (let row = 0xb0; row <= 0xd7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      if (row === 0xd7 && cell > 0xf9) break;
      characters.push(decoder.decode(new Uint8Array([row, cell])));
    }
  }
  return characters;
}

/** Every distinct Han character in the kiosk's default content (its laws' words, Q&A, procedures). */
export function contentCharacters(dir: string = defaultContentDir): Set<string> {
  const found = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|md|json|txt)$/i.test(entry.name)) {
        for (const match of readFileSync(full, 'utf8').matchAll(/\p{Script=Han}/gu)) found.add(match[0]);
      }
    }
  };
  walk(dir);
  return found;
}

export function readHanziWriterCharacter(character: string, dataDir: string = hanziWriterDataDir()): HanziWriterCharacter | undefined {
  const file = path.join(dataDir, `${character}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as HanziWriterCharacter;
}

/** The medians in screen orientation (y down), still in the 1024 font box. */
export function mediansToScreen(medians: readonly (readonly (readonly number[])[])[]): Point[][] {
  return medians.map((stroke) => stroke.map(([x = 0, y = 0]) => ({ x, y: 900 - y })));
}

export interface HandwritingBuild {
  bytes: Uint8Array;
  characters: number;
  missing: string[];
  notice: string;
}

export function buildHandwritingTemplates(): HandwritingBuild {
  const dataDir = hanziWriterDataDir();
  const dataVersion = (JSON.parse(readFileSync(path.join(dataDir, 'package.json'), 'utf8')) as { version: string }).version;
  const inContent = contentCharacters();
  const ordered = [...new Set([...gb2312Level1(), ...[...inContent].sort()])];
  const templates: CharacterTemplate[] = [];
  const missing: string[] = [];
  for (const character of ordered) {
    const data = readHanziWriterCharacter(character, dataDir);
    if (data === undefined || data.medians.length === 0) {
      missing.push(character);
      continue;
    }
    templates.push(makeTemplate(character, mediansToScreen(data.medians), inContent.has(character) ? FLAG_IN_CONTENT : 0));
  }
  // The Arphic Public License, section 2(a): a modified file states how and when it was changed.
  const notice = [
    `Derived from hanzi-writer-data ${dataVersion} (Make Me a Hanzi stroke data, from fonts by Arphic Technology Co., Ltd.).`,
    'Licensed under the Arphic Public License; see ARPHICPL.TXT beside this file.',
    `Changed by Fatong ${appVersion()} (scripts/build/build-handwriting.ts) when the app was built: only the stroke`,
    `medians of ${templates.length} characters kept, each stroke resampled to 8 points, scaled into a unit square and quantised to bytes.`,
  ].join('\n');
  return { bytes: encodeTemplates({ notice, templates }), characters: templates.length, missing, notice };
}

/** Writes the templates and the licence text; leaves files alone when unchanged (keeps the renderer build fresh). */
export function writeHandwritingTemplates(outDir: string = handwritingOutDir): HandwritingBuild & { file: string; written: boolean } {
  const build = buildHandwritingTemplates();
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, templatesFileName);
  const outputs: [string, Uint8Array][] = [
    [file, build.bytes],
    [path.join(outDir, 'ARPHICPL.TXT'), readFileSync(path.join(hanziWriterDataDir(), 'ARPHICPL.TXT'))],
    [path.join(outDir, 'NOTICE.txt'), new TextEncoder().encode(`${build.notice}\n`)],
  ];
  let written = false;
  for (const [target, bytes] of outputs) {
    if (existsSync(target) && Buffer.compare(readFileSync(target), bytes) === 0) continue;
    writeFileSync(target, bytes);
    written = true;
  }
  return { ...build, file, written };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = writeHandwritingTemplates();
  const kib = (result.bytes.length / 1024).toFixed(1);
  console.log(
    `handwriting templates: ${result.characters} characters, ${kib} KiB → ${path.relative(repoRoot, result.file)}${result.written ? '' : ' (unchanged)'}`,
  );
  if (result.missing.length > 0) console.log(`no stroke data for ${result.missing.length}: ${result.missing.join('')}`);
}
