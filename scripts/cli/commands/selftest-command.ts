import { statfsSync } from 'node:fs';
import path from 'node:path';
import type { StoredTerminalConfig } from '../../../electron/common/config/terminal-config';
import { probeIdReader } from '../../../electron/node/provisioning/device-probe';
import { probeRemoteWrite } from '../../../electron/node/provisioning/remote-write-probe';
import { readStoredTerminalConfig } from '../../../electron/node/provisioning/terminal-config-store';
import { prepareDataDir, resolveDataDir } from '../../../electron/node/system/data-dir';
import { loadContentFolder } from '../../../kiosk-content/src/content-folder/node/load-content-folder';
import { ContentStore } from '../../../kiosk-content/src/packs/node/content-store';
import { appVersion, defaultContentDir } from '../../lib/repo-paths';
import type { CliCommand, CliIo } from '../command';
import { parseCommandArgs } from '../parse';
import { idcardReadCommand } from './idcard-read-command';
import { printTestCommand } from './print-test-command';
import { printA4TestPage } from './a4-printer-checks';
import { errorMessage } from '../../../electron/common/errors/error-message';

export interface SelftestItem {
  name: 'configuration' | 'content' | 'printer' | 'a4-printer' | 'id-reader' | 'monitoring' | 'disk' | 'clock';
  ok: boolean;
  /** One line: what was checked and, on failure, why. */
  reason: string;
}

/** Content packs, logs and the print queue need room; below this the terminal will soon fail. */
export const MIN_FREE_BYTES = 500 * 1024 * 1024;
/** The kiosk serves sites in mainland China: receipts and logs must show China Standard Time. */
const EXPECTED_UTC_OFFSET_MINUTES = 8 * 60;
const EARLIEST_PLAUSIBLE = Date.parse('2026-01-01T00:00:00Z');

/** Runs another CLI command in-process and keeps its output (the device checks reuse print-test and idcard-read). */
async function runQuiet(command: CliCommand, args: string[], io: CliIo): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command.run(args, { ...io, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '';

async function checkPrinter(config: StoredTerminalConfig, io: CliIo): Promise<SelftestItem> {
  const p = config.printer;
  if (!p) return { name: 'printer', ok: true, reason: 'no printer provisioned (printer: null) — skipped' };
  const r = await runQuiet(
    printTestCommand,
    ['--port', p.port, '--baud', String(p.baudRate), '--width', String(p.width), '--flow', p.flowControl, '--site', config.site, '--timeout', '20'],
    io,
  );
  return r.code === 0
    ? { name: 'printer', ok: true, reason: `${lastLine(r.out)} (${p.port})` }
    : { name: 'printer', ok: false, reason: lastLine(r.err).replace(/^print-test: /, '') || `print-test exited ${String(r.code)}` };
}

async function checkIdReader(config: StoredTerminalConfig, io: CliIo): Promise<SelftestItem> {
  const reader = config.idReader;
  if (!reader) return { name: 'id-reader', ok: true, reason: 'no ID-card reader provisioned (idReader: null) — skipped' };
  // A provisioned rate is the only one the kiosk opens (IdCardReaderService), so check exactly that one.
  const configured = reader.baudRate;
  const probe = await probeIdReader(reader.port, undefined, configured === null ? undefined : [configured]);
  if (!probe && configured !== null) {
    const elsewhere = await probeIdReader(reader.port);
    const hint =
      elsewhere && !('error' in elsewhere) && elsewhere.kind === 'id-reader'
        ? `; it answers at ${String(elsewhere.baudRate)} baud — provision idReader.baudRate=${String(elsewhere.baudRate)} or null (detect)`
        : '';
    return {
      name: 'id-reader',
      ok: false,
      reason: `no answer to SAM status on ${reader.port} at the configured ${String(configured)} baud (idReader.baudRate)${hint}`,
    };
  }
  if (!probe) return { name: 'id-reader', ok: false, reason: `no answer to SAM status on ${reader.port} at any usual baud rate` };
  if ('error' in probe) return { name: 'id-reader', ok: false, reason: `cannot open ${reader.port}: ${probe.error}` };
  if (probe.kind !== 'id-reader' || probe.samId === null) return { name: 'id-reader', ok: false, reason: `${reader.port}: ${probe.detail}` };
  // A card is read only if one is on the reader: give it a few seconds, masked output only.
  const read = await runQuiet(
    idcardReadCommand,
    ['--port', reader.port, ...(configured === null ? [] : ['--baud', String(configured)]), '--json', '--timeout', '4'],
    io,
  );
  let card = 'no card on the reader (place one to test reading)';
  if (read.code === 0) {
    const c = JSON.parse(read.out) as { cardType?: string; maskedName?: string; numberValid?: boolean };
    card = `card read: ${c.cardType ?? '?'} ${c.maskedName ?? ''}${c.numberValid ? '' : ' (number does NOT validate)'}`;
  } else if (!/no card was read within/.test(read.err))
    return { name: 'id-reader', ok: false, reason: `SAM id ${probe.samId}; ${lastLine(read.err).replace(/^error: /, '')}` };
  return {
    name: 'id-reader',
    ok: true,
    reason: `SAM id ${probe.samId} at ${String(probe.baudRate)} baud${configured === null ? ' (detected)' : ' (configured)'}; ${card}`,
  };
}

function checkContent(dataDir: string): SelftestItem {
  try {
    const store = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: appVersion(), defaultContentDir });
    const active = store.active();
    if (!active) {
      const meta = loadContentFolder(defaultContentDir).meta;
      return { name: 'content', ok: true, reason: `embedded default content ${meta.id} ${meta.version} (no pack installed)` };
    }
    const problems = store.checkGeneration(active);
    const versions = [
      active.content ? `${active.content.id} ${active.content.version}` : 'embedded content',
      active.laws ? `${active.laws.id} ${active.laws.version}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return problems.length === 0
      ? { name: 'content', ok: true, reason: `${versions}; files and database intact` }
      : {
          name: 'content',
          ok: false,
          reason: `${versions}; ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${String(problems.length - 3)} more)` : ''}`,
        };
  } catch (error) {
    return { name: 'content', ok: false, reason: errorMessage(error) };
  }
}

async function checkMonitoring(config: StoredTerminalConfig): Promise<SelftestItem> {
  if (!config.monitoring) return { name: 'monitoring', ok: true, reason: 'no district monitoring provisioned (monitoring: null) — skipped' };
  const probe = await probeRemoteWrite(config.monitoring);
  return { name: 'monitoring', ...probe };
}

function checkDisk(dataDir: string): SelftestItem {
  const s = statfsSync(dataDir);
  const free = s.bavail * s.bsize;
  const mb = (n: number) => `${String(Math.round(n / 1024 / 1024))} MB`;
  return free >= MIN_FREE_BYTES
    ? { name: 'disk', ok: true, reason: `${mb(free)} free under ${dataDir}` }
    : {
        name: 'disk',
        ok: false,
        reason: `only ${mb(free)} free under ${dataDir}; at least ${mb(MIN_FREE_BYTES)} is needed (content updates, logs, print queue)`,
      };
}

function checkClock(now: Date): SelftestItem {
  const offset = -now.getTimezoneOffset();
  const fmt = (m: number) => `${m < 0 ? '-' : '+'}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}:${String(Math.abs(m) % 60).padStart(2, '0')}`;
  if (now.getTime() < EARLIEST_PLAUSIBLE)
    return { name: 'clock', ok: false, reason: `the clock says ${now.toISOString()}, before this software was built: set the date (RTC battery?)` };
  if (offset !== EXPECTED_UTC_OFFSET_MINUTES)
    return { name: 'clock', ok: false, reason: `time zone is UTC${fmt(offset)}; receipts need China Standard Time (UTC+08:00, e.g. Asia/Shanghai)` };
  return { name: 'clock', ok: true, reason: `${now.toISOString()} (UTC${fmt(offset)})` };
}

/** Exit codes: 0 every item passed, 1 at least one failed (each with its reason), 2 usage. */
export const selftestCommand: CliCommand = {
  name: 'selftest',
  summary: 'Check configuration, content, printer (prints the test page), ID reader, monitoring credentials, disk and clock',
  usage: `Usage: npm run cli -- selftest [--json]

Runs every check a technician needs before leaving the site, on the provisioned configuration:
  configuration  KIOSK_DATA_DIR/config/terminal.json exists and is valid
  content        active pack versions; files against their manifests, database integrity_check
  printer        status (DLE EOT), then prints the self-test page and reads the status again
  a4-printer     prints the A4 test page on the CUPS queue a4Printer.queue and follows the job
  id-reader      answers SAM status at idReader.baudRate (any usual rate when null) and gives
                 its SAM id; reads a card if one is on the reader (masked output only)
  monitoring     when provisioned: an empty remote write to monitoring.remoteWriteUrl with the
                 credentials (wrong ones: HTTP 401/403 named); needs to read the credential files
  disk           at least 500 MB free under KIOSK_DATA_DIR
  clock          a plausible date and China Standard Time (UTC+08:00)
Close the kiosk first (it holds the serial ports). Exit 1 if any item fails.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
    const dataDir = prepareDataDir(resolveDataDir(io.env));
    const items: SelftestItem[] = [];
    const { config, problems } = readStoredTerminalConfig(dataDir.config);
    items.push(
      config
        ? { name: 'configuration', ok: true, reason: `terminal ${config.terminalId}, ${config.site}, region ${config.region}` }
        : {
            name: 'configuration',
            ok: false,
            reason:
              problems.length > 0
                ? `invalid: ${problems
                    .map((p) => `${p.path}: ${p.message}`)
                    .join('; ')
                    .slice(0, 300)}`
                : 'not provisioned: run `provision --file <config.yaml>`',
          },
    );
    items.push(checkContent(dataDir.root));
    if (config) {
      items.push(await checkPrinter(config, io));
      items.push(
        config.a4Printer
          ? { name: 'a4-printer', ...(await printA4TestPage(config.site, config.a4Printer.queue)) }
          : { name: 'a4-printer', ok: true, reason: 'no A4 printer provisioned (a4Printer: null) — skipped' },
      );
      items.push(await checkIdReader(config, io));
      items.push(await checkMonitoring(config));
    } else {
      items.push(
        { name: 'printer', ok: false, reason: 'not checked: the terminal is not provisioned' },
        { name: 'id-reader', ok: false, reason: 'not checked: the terminal is not provisioned' },
      );
      items.push({ name: 'monitoring', ok: false, reason: 'not checked: the terminal is not provisioned' });
    }
    items.push(checkDisk(dataDir.root));
    items.push(checkClock(new Date()));
    const ok = items.every((i) => i.ok);
    if (values.json) io.stdout(`${JSON.stringify({ ok, items })}\n`);
    else {
      for (const i of items) io.stdout(`${i.ok ? 'PASS' : 'FAIL'}  ${i.name.padEnd(13)} ${i.reason}\n`);
      io.stdout(
        ok
          ? 'selftest passed\n'
          : `selftest FAILED: ${items
              .filter((i) => !i.ok)
              .map((i) => i.name)
              .join(', ')}\n`,
      );
    }
    return ok ? 0 : 1;
  },
};
