import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, visit } from 'yaml';
import {
  validateTerminalConfig,
  type ConfigProblem,
  type StoredTerminalConfig,
  type TerminalConfig,
  type ValidationResult,
} from '../../common/config/terminal-config';
import { publicKeyFromPem, type TrustedKey } from '../../../kiosk-content/src/packs/node/pack-keys';
import type { TerminalSettings } from '../../common/config/terminal-settings';
import { hashAdminPin } from './admin-pin';
import { writeFileAtomic } from '../../../native-adapters/node/atomic-file';
import { errorMessage } from '../../common/errors/error-message';

/** The provisioned configuration inside KIOSK_DATA_DIR/config (JSON, mode 0600, PIN only hashed). */
export const TERMINAL_CONFIG_FILE = 'terminal.json';

export function terminalConfigFile(configDir: string): string {
  return path.join(configDir, TERMINAL_CONFIG_FILE);
}

/** Aliases allowed in one provisioning file: enough for `&defaults`/`*defaults`, far below a "billion laughs" expansion. */
const MAX_ALIASES = 50;

/**
 * Parses YAML (or JSON, which is YAML) text. Every failure comes back as a `(file)` problem with
 * its line, in English and Chinese: syntax errors, and documents the parser refuses to expand
 * (an alias bomb, an alias to nothing), whose raw messages mean nothing to a technician.
 */
export function parseConfigText(text: string): { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '(file)',
        message: `YAML syntax error at line ${String(e.linePos?.[0]?.line ?? '?')}: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')} — YAML 格式错误（第 ${String(e.linePos?.[0]?.line ?? '?')} 行）`,
      })),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown };
  } catch {
    let line = 0;
    visit(doc, {
      Alias(_key, node) {
        line = node.range ? lineCounter.linePos(node.range[0]).line : 0;
        return visit.BREAK;
      },
    });
    const at = line > 0 ? String(line) : '?';
    return {
      ok: false,
      problems: [
        {
          path: '(file)',
          message: `YAML aliases (*name) from line ${at} expand too far or point to nothing; allowed: at most ${String(MAX_ALIASES)} aliases, each after its &anchor — YAML 别名（*名称）从第 ${at} 行起展开过多或找不到对应的 &锚点；要求：最多 ${String(MAX_ALIASES)} 个别名，且须在锚点之后`,
        },
      ],
    };
  }
}

const PEM_HEADER = '-----BEGIN PUBLIC KEY-----';

/**
 * Turns every trusted key into checked PEM text: a path (relative to the YAML file's folder) is
 * read and inlined so the stored configuration is self-contained; anything that is not an Ed25519
 * public key is a field-level problem.
 */
function resolveTrustedKeys(config: TerminalConfig, baseDir: string): ValidationResult<TerminalConfig> {
  const problems: ConfigProblem[] = [];
  const keys = config.content.trustedKeys.map((entry, i) => {
    const field = `content.trustedKeys[${String(i)}]`;
    let pem = entry;
    if (!entry.includes(PEM_HEADER)) {
      const file = path.resolve(baseDir, entry);
      if (!existsSync(file)) {
        problems.push({
          path: field,
          message: `no such key file ${JSON.stringify(entry)}; allowed: PEM text or the path of a .pub file — 找不到公钥文件；要求：PEM 文本或 .pub 文件路径`,
        });
        return entry;
      }
      pem = readFileSync(file, 'utf8');
    }
    try {
      publicKeyFromPem(pem, field);
    } catch (error) {
      problems.push({
        path: field,
        message: `not a usable public key (${error instanceof Error ? error.message.slice(0, 120) : 'invalid'}); allowed: an Ed25519 public key in PEM from \`content keygen\` — 不是有效的公钥；要求：\`content keygen\` 生成的 Ed25519 PEM 公钥`,
      });
    }
    return pem.trim();
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { ...config, content: { ...config.content, trustedKeys: keys } } };
}

export interface ReadResult {
  /** Null when the terminal was never provisioned or the file cannot be used. */
  config: StoredTerminalConfig | null;
  /** Why the stored file could not be used (the kiosk then runs unprovisioned and says so). */
  problems: ConfigProblem[];
}

export function readStoredTerminalConfig(configDir: string): ReadResult {
  const file = terminalConfigFile(configDir);
  if (!existsSync(file)) return { config: null, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { config: null, problems: [{ path: '(file)', message: `${file}: ${errorMessage(error)}` }] };
  }
  const result = validateTerminalConfig(raw);
  if (!result.ok) return { config: null, problems: result.problems };
  if (result.config.adminPinHash === undefined || result.config.adminPin !== undefined) {
    return { config: null, problems: [{ path: 'adminPinHash', message: 'the stored configuration must hold the PIN as a hash only; provision it again' }] };
  }
  const { adminPin: _plain, adminPinHash, ...rest } = result.config;
  return { config: { ...rest, adminPinHash }, problems: [] };
}

export type ProvisionResult = { ok: true; config: StoredTerminalConfig; file: string } | { ok: false; problems: ConfigProblem[] };

/**
 * Validates a whole configuration (from YAML, plus --set overrides already applied) and, only if
 * every field is valid, hashes the PIN and replaces the stored file atomically. On any problem
 * nothing is written and the previous configuration stays in force. A file without adminPin
 * keeps the PIN already provisioned.
 */
export function provisionTerminal(configDir: string, value: unknown, options: { baseDir: string }): ProvisionResult {
  const existing = readStoredTerminalConfig(configDir).config;
  let input = value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (obj['adminPin'] === undefined && obj['adminPinHash'] === undefined && existing) input = { ...obj, adminPinHash: existing.adminPinHash };
  }
  const validated = validateTerminalConfig(input);
  if (!validated.ok) return validated;
  const resolved = resolveTrustedKeys(validated.config, options.baseDir);
  if (!resolved.ok) return resolved;
  const { adminPin, adminPinHash, ...rest } = resolved.config;
  const stored: StoredTerminalConfig = { ...rest, adminPinHash: adminPin !== undefined ? hashAdminPin(adminPin) : (adminPinHash ?? '') };
  mkdirSync(configDir, { recursive: true, mode: 0o750 });
  const file = terminalConfigFile(configDir);
  writeFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`);
  return { ok: true, config: stored, file };
}

/** The stored configuration as a plain object for `--set` edits (null when not provisioned). */
export function storedAsInput(configDir: string): Record<string, unknown> | null {
  const { config } = readStoredTerminalConfig(configDir);
  return config ? (JSON.parse(JSON.stringify(config)) as Record<string, unknown>) : null;
}

/** For `config show` and the admin screen: secrets replaced, keys shortened to their id. */
export function redactConfig(config: StoredTerminalConfig): Record<string, unknown> {
  const { adminPinHash: _hash, ...rest } = config;
  return {
    ...rest,
    content: {
      ...config.content,
      trustedKeys: config.content.trustedKeys.map((pem) => {
        try {
          return `key ${publicKeyFromPem(pem, 'trustedKey').keyId}`;
        } catch {
          return '(unreadable key)';
        }
      }),
    },
    adminPin: '(set, stored as a scrypt hash)',
  };
}

/** The host's view of the terminal (site, region, device ports). */
export function toTerminalSettings(config: StoredTerminalConfig | null): TerminalSettings {
  return {
    terminalId: config?.terminalId ?? null,
    siteName: config?.site ?? null,
    region: config?.region ?? null,
    legalAidIncomeThreshold: config?.legalAidIncomeThreshold ?? null,
    offices: (config?.offices ?? []).map((o) => ({ ...o, handles: [...o.handles] })),
    printer: config?.printer ? { ...config.printer } : null,
    idReader: config?.idReader ? { ...config.idReader } : null,
    a4Printer: config?.a4Printer ? { ...config.a4Printer } : null,
    ...(config ? { idle: { ...config.idle } } : {}),
    ...(config ? { fuzzyPinyin: config.input.fuzzyPinyin } : {}),
  };
}

/** ContentService settings from the provisioned file (it replaces config/content.json). */
export function toContentConfig(config: StoredTerminalConfig): {
  sources: StoredTerminalConfig['content']['sources'];
  trustedKeys: TrustedKey[];
  pollMinutes: number;
  idleSeconds: number;
} {
  return {
    sources: config.content.sources,
    trustedKeys: config.content.trustedKeys.map((pem, i) => publicKeyFromPem(pem, `terminal.json content.trustedKeys[${String(i)}]`)),
    pollMinutes: config.content.pollMinutes,
    idleSeconds: config.idle.homeSeconds,
  };
}
