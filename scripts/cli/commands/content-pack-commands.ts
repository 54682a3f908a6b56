import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWebKiosk } from '../../../electron/node/host/start-web-kiosk';
import { resolveDataDir } from '../../../electron/node/system/data-dir';
import { buildContentPack, buildLawPack } from '../../../kiosk-content/authoring/pack-builder/build-pack';
import { ContentStore, type InstallProgress } from '../../../kiosk-content/src/packs/node/content-store';
import { generatePackKeys, readPublicKey, type TrustedKey } from '../../../kiosk-content/src/packs/node/pack-keys';
import { PACK_EXTENSION } from '../../../kiosk-content/src/packs/node/pack-archive';
import { buildIndex, downloadPackUrl, INDEX_FILE } from '../../../kiosk-content/src/packs/node/pack-sources';
import { syncOnce } from '../../../kiosk-content/src/packs/node/pack-sync';
import { diffPacks, signPack, verifyPack } from '../../../kiosk-content/authoring/pack-builder/pack-tools';
import { readTerminalContentConfig } from '../../../kiosk-content/src/packs/node/terminal-content-config';
import type { LibraryTrainingReport } from '../../../kiosk-content/authoring/search-model/train-for-library';
import { defaultQaTraining, qaTrainingFromContent } from '../../../kiosk-content/authoring/search-model/train-for-library';
import { describeTraining } from './import-laws-command';
import { formatTrainingProblem } from '../../../kiosk-content/authoring/search-model/train-search-model';
import { ensureRendererBuilt } from '../../build/build-renderer';
import { appVersion, defaultContentDir, rendererDist } from '../../lib/repo-paths';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { parseCommandArgs } from '../parse';

/**
 * `content build|keygen|sign|verify|diff|index|preview|install|status|rollback`: content packs for
 * editors (build, sign, review, publish) and terminals (install, status, rollback). Every refusal
 * is one line on stderr and a non-zero exit (runCli prints thrown errors that way).
 */

const one = (positionals: string[], usage: string): string => {
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError(usage);
  return path.resolve(positionals[0]);
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** The terminal's content store in KIOSK_DATA_DIR (or the OS data folder). */
function terminalStore(io: CliIo): { store: ContentStore; dataDir: string } {
  const dataDir = resolveDataDir(io.env);
  return { store: new ContentStore({ root: path.join(dataDir, 'content'), appVersion: appVersion(), defaultContentDir }), dataDir };
}

const progressPrinter = (io: CliIo) => {
  let last = '';
  return (p: { phase: string; done: number; total: number; message: string }) => {
    const pct = p.total > 0 ? ` ${String(Math.floor((100 * p.done) / p.total))}%` : '';
    const line = `${p.phase}${pct}: ${p.message}`;
    if (line !== last) io.stderr(`${line}\n`);
    last = line;
  };
};

export const contentBuildCommand: CliCommand = {
  name: 'content build',
  summary: 'Build a content pack (or, with --laws, the law-library pack) from a folder',
  usage: `Usage: npm run cli -- content build <dir> --out <pack.fpk> [--version V] [--min-app V] [--key <private-key>]
       npm run cli -- content build <laws-dir> --laws --out <pack.fpk> [--version V] [--id ID] [--title T]
                                  [--train <questions.jsonl> [--lecoqa <qa.jsonl>] [--train-qa <content-dir>|none]]

Makes one pack file: manifest.json (pack id, version, created, minimum app version, kinds, every
file's SHA-256 and size) and the files, in a gzip'd ustar archive. A content folder must pass
content lint first; --version overrides pack.yaml's. With --laws the folder of law Markdown (layout
of ../shared/data/laws) is compiled into a content database inside the pack (id fatong-laws,
version = today as Y.M.D unless --version). --key signs it right away (else: content sign).
--train trains the learned search components from questions with known answering articles
(STARD-style JSON lines; --lecoqa adds lawyer keywords and answers, training only) and puts them
in the pack; a terminal that installs it searches with them. The kiosk's Q&A (phrasings and the
articles they cite) train it too: by default those of the default content every kiosk ships with
(kiosk-content/default/qa), --train-qa <content-dir> takes <content-dir>/qa instead, none leaves
them out. Bad lines and unknown articles are reported as file:line: reason and skipped.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        out: { type: 'string' },
        version: { type: 'string' },
        'min-app': { type: 'string' },
        key: { type: 'string' },
        laws: { type: 'boolean', default: false },
        id: { type: 'string' },
        title: { type: 'string' },
        json: { type: 'boolean', default: false },
        train: { type: 'string' },
        lecoqa: { type: 'string' },
        'train-qa': { type: 'string' },
      },
      true,
    );
    const dir = one(positionals, 'content build needs one folder: content build <dir> --out <pack>');
    if (!values.out) throw new UsageError('content build needs --out <pack.fpk>');
    const common = {
      out: path.resolve(values.out),
      minAppVersion: values['min-app'] ?? appVersion(),
      ...(values.version ? { version: values.version } : {}),
      ...(values.key ? { keyFile: path.resolve(values.key) } : {}),
      onProgress: (m: string) => io.stderr(`${m}\n`),
    };
    if ((values.train !== undefined || values.lecoqa !== undefined) && !values.laws) throw new UsageError('--train and --lecoqa go with --laws');
    if (values.lecoqa !== undefined && values.train === undefined) throw new UsageError('--lecoqa goes with --train <questions.jsonl>');
    for (const file of [values.train, values.lecoqa]) if (file !== undefined && !existsSync(file)) throw new UsageError(`training file not found: ${file}`);
    const trainQa = values['train-qa'];
    if (trainQa !== undefined && values.train === undefined) throw new UsageError('--train-qa goes with --train <questions.jsonl>');
    if (trainQa !== undefined && trainQa !== 'none' && !existsSync(path.join(trainQa, 'qa')))
      throw new UsageError(`--train-qa: ${path.resolve(trainQa)} has no qa/ folder (or say --train-qa none)`);
    const train =
      values.train === undefined
        ? null
        : {
            questions: path.resolve(values.train),
            lecoqa: values.lecoqa === undefined ? null : path.resolve(values.lecoqa),
            qa: trainQa === 'none' ? null : trainQa !== undefined ? qaTrainingFromContent(path.resolve(trainQa)) : defaultQaTraining(),
          };
    const started = performance.now();
    let training: LibraryTrainingReport | null = null;
    let built;
    if (values.laws) {
      const law = await buildLawPack(dir, {
        ...common,
        ...(values.id ? { id: values.id } : {}),
        ...(values.title ? { title: values.title } : {}),
        ...(train ? { train } : {}),
      });
      training = law.training;
      built = law;
      if (training) {
        for (const p of training.problems) io.stderr(`${formatTrainingProblem(p)}\n`);
        io.stderr(`search model: ${describeTraining(training)}\n`);
      } else io.stderr('search model: none (no --train): the pack ranks with the plain engine; terminals get no learned components\n');
    } else built = await buildContentPack(dir, common);
    const ms = performance.now() - started;
    const m = built.manifest;
    const searchModel = values.laws ? (training ? { questions: training.questions, qa: training.qa, problems: training.problems.length } : null) : undefined;
    if (values.json)
      io.stdout(
        `${JSON.stringify({ out: built.out, id: m.id, version: m.version, kinds: m.kinds, files: m.files.length, packBytes: built.packBytes, contentBytes: built.contentBytes, signed: built.signed, ms: Math.round(ms), ...(searchModel !== undefined ? { searchModel } : {}) })}\n`,
      );
    else
      io.stdout(
        `built ${built.out}: ${m.id} ${m.version} [${m.kinds.join(', ')}], ${String(m.files.length)} files, ${mb(built.contentBytes)} → ${mb(built.packBytes)}, ${built.signed ? 'signed' : 'unsigned (run content sign)'}, ${(ms / 1000).toFixed(2)} s\n`,
      );
    return 0;
  },
};

export const contentKeygenCommand: CliCommand = {
  name: 'content keygen',
  summary: 'Make an Ed25519 key pair for signing packs',
  usage: `Usage: npm run cli -- content keygen --out <dir> [--name fatong-pack]

Writes <name>.key (private, PKCS#8 PEM, mode 600 — keep it off terminals and out of git) and
<name>.pub (public, SPKI PEM — install it on terminals in <data dir>/config/trusted-keys/).
Never overwrites existing files.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { out: { type: 'string' }, name: { type: 'string', default: 'fatong-pack' } });
    if (!values.out) throw new UsageError('content keygen needs --out <dir>');
    const keys = generatePackKeys(path.resolve(values.out), values.name);
    io.stdout(`key ${keys.keyId}\nprivate ${keys.privateFile}\npublic  ${keys.publicFile}\n`);
    return Promise.resolve(0);
  },
};

export const contentSignCommand: CliCommand = {
  name: 'content sign',
  summary: 'Sign a pack with an Ed25519 private key',
  usage: `Usage: npm run cli -- content sign <pack> --key <private-key>

Checks every file against the manifest, then writes manifest.sig (Ed25519 over manifest.json)
into the pack, replacing any earlier signature. The pack file is rewritten atomically.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { key: { type: 'string' } }, true);
    const file = one(positionals, 'content sign needs one pack: content sign <pack> --key <private-key>');
    if (!values.key) throw new UsageError('content sign needs --key <private-key>');
    const sig = await signPack(file, path.resolve(values.key));
    io.stdout(`signed ${file} with key ${sig.keyId}\n`);
    return 0;
  },
};

function readKeys(files: string[] | undefined): TrustedKey[] {
  return (files ?? []).map((f) => readPublicKey(path.resolve(f)));
}

export const contentVerifyCommand: CliCommand = {
  name: 'content verify',
  summary: 'Check a pack: signature by a trusted key, every file hash, the archive',
  usage: `Usage: npm run cli -- content verify <pack> --pubkey <public-key> [--pubkey …] [--json]

Exits 0 when the pack is signed by one of the keys and every file matches the manifest;
otherwise prints the reason in one line and exits 1.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { pubkey: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } }, true);
    const file = one(positionals, 'content verify needs one pack: content verify <pack> --pubkey <key>');
    if (!values.pubkey?.length) throw new UsageError('content verify needs --pubkey <public-key>');
    const { manifest, keyId } = await verifyPack(file, readKeys(values.pubkey));
    if (values.json)
      io.stdout(`${JSON.stringify({ ok: true, id: manifest.id, version: manifest.version, kinds: manifest.kinds, files: manifest.files.length, keyId })}\n`);
    else io.stdout(`ok: ${manifest.id} ${manifest.version}, ${String(manifest.files.length)} files, signed by ${keyId}\n`);
    return 0;
  },
};

export const contentDiffCommand: CliCommand = {
  name: 'content diff',
  summary: 'Show what was added, changed and removed between two packs',
  usage: `Usage: npm run cli -- content diff <old-pack> <new-pack> [--json]

For the editor's review before publishing: header changes (version, title, minimum app, kinds),
then every file added (+), changed (~, with sizes) and removed (-).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } }, true);
    if (positionals.length !== 2 || !positionals[0] || !positionals[1])
      throw new UsageError('content diff needs two packs: content diff <old-pack> <new-pack>');
    const diff = await diffPacks(path.resolve(positionals[0]), path.resolve(positionals[1]));
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ header: diff.header, added: diff.added.map((f) => f.path), changed: diff.changed.map((c) => c.path), removed: diff.removed.map((f) => f.path), unchanged: diff.unchanged })}\n`,
      );
      return 0;
    }
    for (const h of diff.header) io.stdout(`${h.field}: ${h.before} → ${h.after}\n`);
    for (const f of diff.added) io.stdout(`+ ${f.path} (${String(f.size)} bytes)\n`);
    for (const c of diff.changed) io.stdout(`~ ${c.path} (${String(c.before.size)} → ${String(c.after.size)} bytes)\n`);
    for (const f of diff.removed) io.stdout(`- ${f.path}\n`);
    io.stdout(
      `${String(diff.added.length)} added, ${String(diff.changed.length)} changed, ${String(diff.removed.length)} removed, ${String(diff.unchanged)} unchanged\n`,
    );
    return 0;
  },
};

export const contentIndexCommand: CliCommand = {
  name: 'content index',
  summary: 'Write index.json for a folder of packs (what a content server or USB stick serves)',
  usage: `Usage: npm run cli -- content index <dir>

Reads every ${PACK_EXTENSION} in <dir> and writes <dir>/${INDEX_FILE}: id, version, kinds, file, size and
SHA-256 of each. Publish the folder as-is on any static file server, or copy it to a USB stick.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {}, true);
    const dir = one(positionals, 'content index needs one folder: content index <dir>');
    const index = await buildIndex(dir);
    writeFileSync(path.join(dir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
    for (const p of index.packs) io.stdout(`${p.id} ${p.version} ${p.file} ${String(p.size)} bytes\n`);
    io.stdout(`wrote ${path.join(dir, INDEX_FILE)} (${String(index.packs.length)} packs)\n`);
    return 0;
  },
};

export const contentPreviewCommand: CliCommand = {
  name: 'content preview',
  summary: 'Open the kiosk in the browser on a draft content folder',
  usage: `Usage: npm run cli -- content preview <dir> [--port N]

Starts the browser-mode kiosk (loopback only) on the content folder, with a temporary data
directory (so no installed pack hides the draft), and prints its URL. Ctrl+C stops it.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' } }, true);
    const dir = one(positionals, 'content preview needs one folder: content preview <dir>');
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got ${values.port ?? ''}`);
    await ensureRendererBuilt({ quiet: true });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-preview-'));
    const kiosk = await startWebKiosk({ dataDir, appVersion: appVersion(), staticDir: rendererDist, contentDir: dir, ...(port ? { port } : {}) });
    io.stdout(`Preview of ${dir} at ${kiosk.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await kiosk.close();
    rmSync(dataDir, { recursive: true, force: true });
    return 0;
  },
};

export const contentInstallCommand: CliCommand = {
  name: 'content install',
  summary: 'Verify and install a pack (file, or URL of a pack or index.json) on this terminal',
  usage: `Usage: npm run cli -- content install <pack-or-url> [--pubkey <public-key> …] [--json]

Installs into this terminal's data directory (KIOSK_DATA_DIR): checks the signature against
--pubkey (else the terminal's trusted keys in <data dir>/config/trusted-keys/), every file's
hash, refuses downgrades and packs needing a newer app, checks the content, builds the search
index in a staging database, then switches atomically. The previous content is kept for
content rollback. A running kiosk switches at its next idle moment. A URL ending in .json is an
index (content index writes it): the newest upgrades in it are installed, downloads resume; any
other http(s) URL is one pack.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { pubkey: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } }, true);
    if (positionals.length !== 1 || !positionals[0])
      throw new UsageError('content install needs one pack or URL: content install <pack-or-url> [--pubkey <key>]');
    const target = positionals[0];
    const { store, dataDir } = terminalStore(io);
    const config = readTerminalContentConfig(path.join(dataDir, 'config'));
    const keys = values.pubkey?.length ? readKeys(values.pubkey) : config.trustedKeys;
    if (keys.length === 0) throw new Error('no trusted public key: pass --pubkey <key> or put it in <data dir>/config/trusted-keys/');
    const onProgress = progressPrinter(io);
    const isUrl = /^https?:\/\//.test(target);
    let installed: Array<{ status: string; record: { id: string; version: string }; generation: string; ms: number }>;
    if (isUrl) {
      if (!target.endsWith('.json')) {
        // The URL of one pack: downloaded (size-limited), then installed like a file.
        const file = await downloadPackUrl(target, path.join(store.root, 'downloads'), {
          onProgress: (p) => onProgress({ phase: 'downloading', done: p.done, total: p.total, message: target }),
        });
        try {
          installed = [await store.install(file, { trustedKeys: keys, onProgress: onProgress as (p: InstallProgress) => void })];
        } finally {
          rmSync(file, { force: true });
        }
      } else {
        const results = await syncOnce(store, {
          sources: [{ kind: 'http', url: target }],
          trustedKeys: keys,
          ...(config.packIds ? { packIds: config.packIds } : {}),
          onProgress,
        });
        const failed = results.find((r) => r.status === 'failed');
        if (failed) throw new Error(failed.error ?? 'sync failed');
        installed = results.flatMap((r) => r.installed);
        if (installed.length === 0) io.stdout('up to date: nothing newer in the index\n');
      }
    } else {
      installed = [await store.install(path.resolve(target), { trustedKeys: keys, onProgress: onProgress as (p: InstallProgress) => void })];
    }
    for (const r of installed) {
      if (values.json)
        io.stdout(`${JSON.stringify({ status: r.status, id: r.record.id, version: r.record.version, generation: r.generation, ms: Math.round(r.ms) })}\n`);
      else
        io.stdout(
          r.status === 'installed'
            ? `installed ${r.record.id} ${r.record.version} (${(r.ms / 1000).toFixed(2)} s)\n`
            : `${r.record.id} ${r.record.version} is already installed\n`,
        );
    }
    return 0;
  },
};

export const contentStatusCommand: CliCommand = {
  name: 'content status',
  summary: "Show this terminal's active and previous content packs",
  usage: `Usage: npm run cli -- content status [--check] [--json]

Active and previous pack ids and versions (content slot and law library). --check also verifies
the active generation's files against their manifests and the database's integrity_check (exit 1
when something is wrong).`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false }, check: { type: 'boolean', default: false } });
    const { store, dataDir } = terminalStore(io);
    const active = store.active();
    const previous = store.previous();
    const problems = values.check && active ? store.checkGeneration(active) : [];
    const slot = (r: { id: string; version: string } | null | undefined) => (r ? { id: r.id, version: r.version } : null);
    const embedded = store.activeInSlot('content');
    const status = {
      dataDir,
      active: {
        generation: active?.generation ?? null,
        content: slot(active?.content) ?? (embedded ? { ...embedded, embedded: true } : null),
        laws: slot(active?.laws),
      },
      previous: previous ? { generation: previous.generation, content: slot(previous.content), laws: slot(previous.laws) } : null,
      ...(values.check ? { problems } : {}),
    };
    if (values.json) io.stdout(`${JSON.stringify(status)}\n`);
    else {
      const fmt = (r: { id: string; version: string } | null) => (r ? `${r.id} ${r.version}` : '(none)');
      io.stdout(`content:  ${fmt(status.active.content)}${active?.content ? '' : ' (embedded default)'}\n`);
      io.stdout(`laws:     ${fmt(status.active.laws)}\n`);
      io.stdout(`previous: ${previous ? `content ${fmt(status.previous?.content ?? null)}, laws ${fmt(status.previous?.laws ?? null)}` : '(none)'}\n`);
      if (values.check) io.stdout(problems.length === 0 ? 'check: ok\n' : `check: ${problems.join('; ')}\n`);
    }
    return problems.length === 0 ? 0 : 1;
  },
};

export const contentRollbackCommand: CliCommand = {
  name: 'content rollback',
  summary: 'Go back to the previous content (a running kiosk switches when idle)',
  usage: `Usage: npm run cli -- content rollback [--json]

Makes the previous content generation active again. Sync will not reinstall the versions rolled
back from; an explicit content install still can.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
    const { store } = terminalStore(io);
    const active = await store.rollback();
    const fmt = (r: { id: string; version: string } | null) => (r ? `${r.id} ${r.version}` : '(none)');
    if (values.json) io.stdout(`${JSON.stringify({ generation: active.generation, content: active.content, laws: active.laws })}\n`);
    else io.stdout(`rolled back: content ${active.content ? fmt(active.content) : '(embedded default)'}, laws ${fmt(active.laws)}\n`);
    return 0;
  },
};

export const contentPackCommands: CliCommand[] = [
  contentBuildCommand,
  contentKeygenCommand,
  contentSignCommand,
  contentVerifyCommand,
  contentDiffCommand,
  contentIndexCommand,
  contentPreviewCommand,
  contentInstallCommand,
  contentStatusCommand,
  contentRollbackCommand,
];
