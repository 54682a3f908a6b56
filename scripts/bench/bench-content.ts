/**
 * `npm run bench:content`: build, sign, verify and install times for three packs —
 *   1. the embedded default content (kiosk-content/default),
 *   2. a Q&A pack made now from ../shared/data/lecoqa/qa.public.jsonl (988 questions, read at bench
 *      time into a temporary folder; never committed),
 *   3. the full law library (../shared/data/laws compiled into the pack's content.db).
 * Installs go into a temporary terminal store (verify signature + hashes, content lint, search
 * index in a staging database, atomic switch). Everything is deleted afterwards.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import { alsoCountLimits, answerLengthLimits, questionMaxLength } from '../../kiosk-content/src/qa/common/parse-qa-markdown';
import { lintContentFolder } from '../../kiosk-content/src/content-lint/node/lint-content-folder';
import { buildContentPack, buildLawPack, type BuiltPack } from '../../kiosk-content/authoring/pack-builder/build-pack';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { generatePackKeys, readPublicKey } from '../../kiosk-content/src/packs/node/pack-keys';
import { signPack, verifyPack } from '../../kiosk-content/authoring/pack-builder/pack-tools';
import { appVersion, defaultContentDir, repoRoot } from '../lib/repo-paths';

const shared = path.resolve(repoRoot, '../shared');
const lecoqaFile = path.join(shared, 'data', 'lecoqa', 'qa.public.jsonl');
const lawsDir = path.join(shared, 'data', 'laws');
const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-bench-content-'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface LecoqaRow {
  id: number;
  question: string;
  keywords: string | null;
  answer: string | null;
  relevant: Array<{ law: string; article: string }>;
}

const chars = (t: string) => [...t].length;
const yamlString = (t: string) => JSON.stringify(t);

/**
 * The LeCoQA questions as Q&A Markdown in the authoring format, mechanically fitted to the format's
 * limits (question ≤ 80 chars, answer cut to ≤ 600, the lawyer's keywords as "also"). Bench data
 * only: it is never shown to residents. Entries the Q&A parser still refuses are dropped and counted.
 */
function makeLecoqaFolder(dir: string): { written: number; kept: number } {
  cpSync(defaultContentDir, dir, { recursive: true });
  rmSync(path.join(dir, 'qa'), { recursive: true, force: true });
  writeFileSync(path.join(dir, 'pack.yaml'), 'id: bench-lecoqa\nversion: 1.0.0\ntitle: LeCoQA bench pack\n');
  // Procedures refer to the default Q&A by id; the bench pack carries the Q&A only.
  rmSync(path.join(dir, 'procedures'), { recursive: true, force: true });
  const qaDir = path.join(dir, 'qa', 'general');
  mkdirSync(qaDir, { recursive: true });
  const rows = readFileSync(lecoqaFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LecoqaRow);
  for (const row of rows) {
    const question = chars(row.question) > questionMaxLength ? [...row.question].slice(0, questionMaxLength - 1).join('') + '？' : row.question;
    const also = [
      ...new Set(
        (row.keywords ?? '')
          .split(/[；;，,、\s]+/)
          .map((k) => k.trim())
          .filter((k) => k && k !== question && chars(k) <= 40),
      ),
    ].slice(0, alsoCountLimits.max);
    for (const r of row.relevant) if (also.length < alsoCountLimits.min && !also.includes(`${r.law}${r.article}`)) also.push(`${r.law}${r.article}`);
    const cites = [...new Set(row.relevant.map((r) => `${normalizeLawTitle(r.law)} ${r.article}`))];
    let answer = (row.answer ?? '').replace(/\r/g, '');
    if (chars(answer.replace(/\s/g, '')) > answerLengthLimits.max) answer = [...answer].slice(0, answerLengthLimits.max - 20).join('') + '……';
    const md = `---\nid: general-lecoqa-${String(row.id)}\nquestion: ${yamlString(question.replace(/\n/g, ' '))}\nalso:\n${also.map((a) => `  - ${yamlString(a)}`).join('\n')}\ndomain: general\ncites:\n${cites.map((c) => `  - ${yamlString(c)}`).join('\n')}\n---\n${answer}\n`;
    writeFileSync(path.join(qaDir, `general-lecoqa-${String(row.id)}.md`), md);
  }
  // The same checks content build runs (format, lengths, GB18030 printability); failing entries are dropped.
  const bad = new Set(
    lintContentFolder(dir)
      .problems.map((p) => p.file)
      .filter((f) => f.startsWith('qa/')),
  );
  for (const file of bad) rmSync(path.join(dir, ...file.split('/')), { force: true });
  return { written: rows.length, kept: rows.length - bad.size };
}

interface Row {
  name: string;
  files: number;
  content: number;
  pack: number;
  build: number;
  sign: number;
  verify: number;
  install: number;
}

async function bench(name: string, build: (out: string) => Promise<BuiltPack>, keyFile: string, pubFile: string, store: ContentStore): Promise<Row> {
  const out = path.join(tmp, `${name}.fpk`);
  let t = performance.now();
  const built = await build(out);
  const buildMs = performance.now() - t;
  t = performance.now();
  await signPack(out, keyFile);
  const signMs = performance.now() - t;
  const key = readPublicKey(pubFile);
  t = performance.now();
  await verifyPack(out, [key]);
  const verifyMs = performance.now() - t;
  t = performance.now();
  const installed = await store.install(out, { trustedKeys: [key] });
  const installMs = performance.now() - t;
  if (installed.status !== 'installed') throw new Error(`${name}: ${installed.status}`);
  const problems = store.checkGeneration(store.active()!);
  if (problems.length > 0) throw new Error(`${name}: installed generation incomplete: ${problems.join('; ')}`);
  return {
    name,
    files: built.manifest.files.length,
    content: built.contentBytes,
    pack: built.packBytes,
    build: buildMs,
    sign: signMs,
    verify: verifyMs,
    install: installMs,
  };
}

try {
  const keys = generatePackKeys(path.join(tmp, 'keys'));
  const rows: Row[] = [];
  const minAppVersion = appVersion();

  rows.push(
    await bench(
      'default',
      (out) => buildContentPack(defaultContentDir, { out, minAppVersion, version: '9.0.0' }),
      keys.privateFile,
      keys.publicFile,
      new ContentStore({ root: path.join(tmp, 'store-default'), appVersion: minAppVersion, defaultContentDir }),
    ),
  );

  if (!existsSync(lecoqaFile)) throw new Error(`${lecoqaFile} is missing (the bench reads ../shared/data/lecoqa)`);
  const folder = path.join(tmp, 'lecoqa');
  const made = makeLecoqaFolder(folder);
  const qaRow = await bench(
    'lecoqa-qa',
    (out) => buildContentPack(folder, { out, minAppVersion }),
    keys.privateFile,
    keys.publicFile,
    new ContentStore({ root: path.join(tmp, 'store-lecoqa'), appVersion: minAppVersion, defaultContentDir }),
  );
  rows.push(qaRow);

  const lawRow = await bench(
    'laws',
    (out) => buildLawPack(lawsDir, { out, minAppVersion, version: '2026.11.22' }),
    keys.privateFile,
    keys.publicFile,
    new ContentStore({ root: path.join(tmp, 'store-laws'), appVersion: minAppVersion, defaultContentDir }),
  );
  rows.push(lawRow);

  console.log(`LeCoQA: ${String(made.written)} questions read from ${lecoqaFile}; ${String(made.kept)} fit the Q&A format and are in the pack`);
  console.log('pack         files   content      pack      build    sign   verify  install');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(10)} ${String(r.files).padStart(7)} ${mb(r.content).padStart(9)} ${mb(r.pack).padStart(9)} ${s(r.build).padStart(9)} ${s(r.sign).padStart(7)} ${s(r.verify).padStart(8)} ${s(r.install).padStart(8)}`,
    );
  }
  console.log(
    'install = signature + every hash while extracting, content lint (content packs) / integrity_check (laws), search index in a staging DB, fsync, atomic switch',
  );
  console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
