import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatContentProblem } from '../../src/procedures/common/procedure-types';
import {
  PACK_FORMAT,
  packManifestSchema,
  semverSchema,
  unsafePathReason,
  type PackFile,
  type PackKind,
  type PackManifest,
} from '../../src/packs/common/pack-manifest';
import { lintContentFolder } from '../../src/content-lint/node/lint-content-folder';
import { openContentDb } from '../../src/library-db/node/open-content-db';
import { importLaws } from '../law-import/import-laws';
import type { LibraryTrainingReport, QaTrainingSource } from '../search-model/train-for-library';
import { trainSearchModelForLibrary } from '../search-model/train-for-library';
import { loadContentFolder } from '../../src/content-folder/node/load-content-folder';
import { writePack, type PackWriteFile } from '../../src/packs/node/pack-archive';
import { readPrivateKey, signManifest } from '../../src/packs/node/pack-keys';
import { sha256File } from '../../src/packs/node/file-hash';
import { errorMessage } from '../../src/errors/common/error-message';

export class PackBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackBuildError';
  }
}

/** Every regular file below dir (dotfiles skipped), `/`-separated, sorted; symlinks are refused. */
export function listPackFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const st = lstatSync(path.join(dir, child));
      if (st.isSymbolicLink()) throw new PackBuildError(`${child} is a symbolic link; packs hold regular files only`);
      if (st.isDirectory()) walk(child);
      else if (st.isFile()) {
        const unsafe = unsafePathReason(child);
        if (unsafe) throw new PackBuildError(`${child}: ${unsafe}`);
        out.push(child);
      }
    }
  };
  walk('');
  return out.sort();
}

const contentKinds: Array<[PackKind, string]> = [
  ['directory', 'directory.yaml'],
  ['qa', 'qa'],
  ['glossary', 'glossary'],
  ['procedures', 'procedures'],
  ['calendar', 'calendar'],
  ['announcements', 'announcements'],
  ['slides', 'slides'],
];

export interface BuildPackOptions {
  out: string;
  /** Overrides pack.yaml's version (content) / today's date as Y.M.D (laws). */
  version?: string;
  /** The oldest app that may install the pack (default: this app's version). */
  minAppVersion: string;
  /** Sign right away with this private key file. */
  keyFile?: string;
  now?: () => Date;
  onProgress?: (message: string) => void;
}

export interface BuiltPack {
  out: string;
  manifest: PackManifest;
  packBytes: number;
  /** Bytes of all files before compression. */
  contentBytes: number;
  signed: boolean;
}

async function finishPack(files: PackWriteFile[], header: Omit<PackManifest, 'files' | 'format'>, options: BuildPackOptions): Promise<BuiltPack> {
  const entries: PackFile[] = files.map((f) => ({ path: f.path, size: f.size, sha256: sha256File(f.source) }));
  const manifest = packManifestSchema.parse({ format: PACK_FORMAT, ...header, files: entries });
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = options.keyFile ? signManifest(manifestBytes, readPrivateKey(options.keyFile)) : null;
  const packBytes = await writePack(options.out, manifestBytes, signature, files);
  return { out: options.out, manifest, packBytes, contentBytes: files.reduce((s, f) => s + f.size, 0), signed: signature !== null };
}

function checkVersion(version: string): string {
  const parsed = semverSchema.safeParse(version);
  if (!parsed.success) throw new PackBuildError(`--version ${version} is not a version such as 1.2.3`);
  return version;
}

/**
 * A content pack from an authoring folder (pack.yaml, directory.yaml, qa/, glossary/, procedures/ …).
 * The folder must pass `content lint` first; with --version the pack's pack.yaml carries it too, so
 * the kiosk shows the version that was installed.
 */
export async function buildContentPack(dir: string, options: BuildPackOptions): Promise<BuiltPack> {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, 'pack.yaml'))) throw new PackBuildError(`${root} has no pack.yaml (for a folder of law Markdown, add --laws)`);
  let meta;
  try {
    meta = loadContentFolder(root).meta;
  } catch (error) {
    throw new PackBuildError(errorMessage(error));
  }
  options.onProgress?.('checking the content (content lint)');
  const lint = lintContentFolder(root);
  if (lint.problems.length > 0) {
    const first = lint.problems[0];
    throw new PackBuildError(
      `the content has ${String(lint.problems.length)} problem(s); first: ${first ? formatContentProblem(first) : ''} (run content lint)`,
    );
  }
  const version = checkVersion(options.version ?? meta.version);
  const kinds = contentKinds.filter(([, p]) => existsSync(path.join(root, p))).map(([k]) => k);
  if (kinds.length === 0) throw new PackBuildError(`${root} holds no content (directory.yaml, qa/, glossary/, procedures/ …)`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-pack-build-'));
  try {
    const files: PackWriteFile[] = listPackFiles(root).map((rel) => ({
      path: rel,
      source: path.join(root, ...rel.split('/')),
      size: statSync(path.join(root, ...rel.split('/'))).size,
    }));
    if (version !== meta.version) {
      // The pack's own pack.yaml must agree with its manifest.
      const text = readFileSync(path.join(root, 'pack.yaml'), 'utf8').replace(/^version:.*$/m, `version: ${version}`);
      const rewritten = path.join(tmp, 'pack.yaml');
      writeFileSync(rewritten, text);
      const entry = files.find((f) => f.path === 'pack.yaml');
      if (entry) {
        entry.source = rewritten;
        entry.size = statSync(rewritten).size;
      }
    }
    options.onProgress?.(`writing ${String(files.length)} files`);
    const now = options.now ?? (() => new Date());
    return await finishPack(
      files,
      { id: meta.id, version, title: meta.title, created: now().toISOString(), minAppVersion: checkVersion(options.minAppVersion), kinds },
      options,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface BuildLawPackOptions extends BuildPackOptions {
  id?: string;
  title?: string;
  /**
   * Questions with known answering articles (STARD-style JSON lines) and, optionally, LeCoQA
   * keywords and answers: the learned search components are trained here, at build time, and
   * travel in the pack's content.db (table search_model). Without it the pack has none. `qa`: the
   * Q&A that train it too; absent = the default content's (kiosk-content/default/qa), whose Q&A
   * every terminal has; null = none.
   */
  train?: { questions: string; lecoqa?: string | null; qa?: QaTrainingSource | null };
}

/**
 * The law library as a pack: the Markdown folder (layout of ../shared/data/laws) compiled into a
 * content database (`content.db`, import-laws), so terminals never parse statutes. The search
 * index is built at install, against the terminal's own Q&A and glossary, with the learned model
 * the pack carries (options.train); nothing is trained on a terminal.
 */
export async function buildLawPack(
  lawsDir: string,
  options: BuildLawPackOptions,
): Promise<BuiltPack & { problems: number; articles: number; training: LibraryTrainingReport | null }> {
  const root = path.resolve(lawsDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new PackBuildError(`${root} is not a folder`);
  const now = options.now ?? (() => new Date());
  const d = now();
  const version = checkVersion(options.version ?? `${String(d.getUTCFullYear())}.${String(d.getUTCMonth() + 1)}.${String(d.getUTCDate())}`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-law-pack-'));
  try {
    const dbFile = path.join(tmp, 'content.db');
    const db = openContentDb(dbFile);
    let summary;
    let training: LibraryTrainingReport | null = null;
    try {
      options.onProgress?.(`importing laws from ${root}`);
      summary = importLaws(db, root, { now });
      if (summary.laws + summary.documents === 0) throw new PackBuildError(`${root} holds no law Markdown files`);
      if (options.train) {
        options.onProgress?.(`training the search model from ${options.train.questions}${options.train.lecoqa ? ` + ${options.train.lecoqa}` : ''}`);
        // Q&A: absent = the default content every kiosk ships with (train-for-library.ts), null = none.
        training = trainSearchModelForLibrary(db, options.train.questions, options.train.lecoqa ?? null, options.train.qa);
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
      // One self-contained file in the pack: no -wal beside it.
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    const files: PackWriteFile[] = [{ path: 'content.db', source: dbFile, size: statSync(dbFile).size }];
    options.onProgress?.('writing the pack');
    const built = await finishPack(
      files,
      {
        id: options.id ?? 'fatong-laws',
        version,
        title: options.title ?? '国家法律法规库',
        created: d.toISOString(),
        minAppVersion: checkVersion(options.minAppVersion),
        kinds: ['laws'],
      },
      options,
    );
    return { ...built, problems: summary.problems.length, articles: summary.currentArticles, training };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
