import { z } from 'zod';

/**
 * One validated configuration per terminal, written by a technician as YAML and
 * installed with `npm run cli -- provision --file terminal.yaml`. Pure: the schema, the
 * technician-facing error messages and the normalised shape. Reading files, hashing the admin PIN
 * and checking public keys happen in electron/node/provisioning.
 *
 * Every problem names the field and what is allowed, in English and Chinese, so a technician on
 * site can fix it without the source code. The admin PIN is never echoed back in a message.
 */

export const SERIAL_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export const UI_LANGUAGES = ['zh-CN', 'en'] as const;
/** GB/T 2260 province-level prefixes (first two digits of a division code). */
const PROVINCE_PREFIXES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

const integer = (min: number, max: number) => z.number().int().min(min).max(max);
const baudRate = z.literal(SERIAL_BAUD_RATES);
const serialPort = z.string().trim().min(1).max(200);

const isAbsolutePath = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
const absolutePath = z.string().trim().min(2).max(300).refine(isAbsolutePath);

/** A content source: an http(s) URL of a pack index, or an absolute folder path (USB stick, share). */
const contentSourceSchema = z
  .union([
    z.string().trim().min(1),
    z.strictObject({ kind: z.literal('http'), url: z.string() }),
    z.strictObject({ kind: z.literal('folder'), path: z.string() }),
  ])
  .transform((s, ctx): ContentSource => {
    const text = typeof s === 'string' ? s : s.kind === 'http' ? s.url : s.path;
    if (/^https?:\/\/[^\s/]+/i.test(text) && (typeof s === 'string' || s.kind === 'http')) return { kind: 'http', url: text };
    if (isAbsolutePath(text) && (typeof s === 'string' || s.kind === 'folder')) return { kind: 'folder', path: text };
    ctx.addIssue({ code: 'custom', message: 'bad source', input: s });
    return z.NEVER;
  });

export type ContentSource = { kind: 'http'; url: string } | { kind: 'folder'; path: string };

/** PEM text; a path to a .pub file is also accepted in the YAML (the provisioner inlines it). */
const trustedKeySchema = z.string().trim().min(1);

/**
 * The only scrypt parameters the provisioner writes (`scrypt$N$r$p$salt$key`, base64). A stored hash
 * with any others is refused: a tiny N makes every unlock throw, a huge N·r makes each PIN check run
 * for many seconds with gigabytes of memory.
 */
export const ADMIN_PIN_SCRYPT = { N: 16_384, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;
/** Standard base64 of exactly `bytes` bytes, with its padding. */
const base64Of = (bytes: number): string => {
  const pad = (3 - (bytes % 3)) % 3;
  return `[A-Za-z0-9+/]{${String(4 * Math.ceil(bytes / 3) - pad)}}${'='.repeat(pad)}`;
};
export const ADMIN_PIN_HASH_PATTERN = new RegExp(
  `^scrypt\\$${String(ADMIN_PIN_SCRYPT.N)}\\$${String(ADMIN_PIN_SCRYPT.r)}\\$${String(ADMIN_PIN_SCRYPT.p)}\\$${base64Of(ADMIN_PIN_SCRYPT.saltBytes)}\\$${base64Of(ADMIN_PIN_SCRYPT.keyBytes)}$`,
);

export function isTrivialPin(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10));
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

export const terminalConfigSchema = z
  .strictObject({
    terminalId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    site: z.string().trim().min(1).max(60),
    region: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(
        z
          .string()
          .regex(/^\d{6}$/)
          .refine((code) => PROVINCE_PREFIXES.has(Number(code.slice(0, 2)))),
      ),
    legalAidIncomeThreshold: z.number().nonnegative().max(100_000).nullable().optional(),
    offices: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
          kind: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
          name: z.string().trim().min(1).max(60),
          address: z.string().trim().min(1).max(120).nullable().default(null),
          hours: z.string().trim().min(1).max(80).nullable().default(null),
          phone: z
            .string()
            .regex(/^[0-9-]{3,20}$/)
            .nullable()
            .default(null),
          handles: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
        }),
      )
      .max(30)
      .refine((list) => new Set(list.map((o) => o.id)).size === list.length)
      .default([]),
    printer: z
      .strictObject({
        port: serialPort,
        baudRate: baudRate.default(9600),
        width: z.union([z.literal(58), z.literal(80)]).default(58),
        flowControl: z.enum(['none', 'rtscts', 'xonxoff']).default('rtscts'),
      })
      .nullable()
      .default(null),
    idReader: z
      .strictObject({
        port: serialPort,
        /** null = detect at the usual rates (115200 … 9600); a number is the only rate the reader is opened at. */
        baudRate: baudRate.nullable().default(null),
      })
      .nullable()
      .default(null),
    /** The A4 printer for documents residents take away: a CUPS queue; null = none installed. */
    a4Printer: z
      .strictObject({ queue: z.string().regex(/^[A-Za-z0-9_.@+-]{1,127}$/) })
      .nullable()
      .default(null),
    content: z
      .strictObject({
        sources: z.array(contentSourceSchema).max(10).default([]),
        trustedKeys: z.array(trustedKeySchema).max(10).default([]),
        pollMinutes: integer(5, 1440).default(60),
      })
      .default({ sources: [], trustedKeys: [], pollMinutes: 60 }),
    idle: z
      .strictObject({
        homeSeconds: integer(15, 900).default(120),
        procedureSeconds: integer(30, 3600).default(300),
      })
      .default({ homeSeconds: 120, procedureSeconds: 300 }),
    input: z
      .strictObject({
        /** 模糊音 on the pinyin keyboard; null = from the region (on in the south-west, see fuzzy-pinyin.ts). */
        fuzzyPinyin: z.boolean().nullable().default(null),
      })
      .default({ fuzzyPinyin: null }),
    languages: z
      .array(z.enum(UI_LANGUAGES))
      .min(1)
      .refine((l) => l.includes('zh-CN') && new Set(l).size === l.length)
      .default(['zh-CN']),
    adminPin: z
      .string()
      .regex(/^\d{6,12}$/)
      .refine((pin) => !isTrivialPin(pin))
      .optional(),
    adminPinHash: z.string().regex(ADMIN_PIN_HASH_PATTERN).optional(),
    metrics: z
      .strictObject({ port: integer(1024, 65_535) })
      .nullable()
      .default(null),
    monitoring: z
      .strictObject({
        remoteWriteUrl: z.url({ protocol: /^https?$/ }),
        basicAuth: z.strictObject({ username: z.string().regex(/^[^\s:]{1,64}$/), passwordFile: absolutePath }).optional(),
        bearerTokenFile: absolutePath.optional(),
        tlsCaFile: absolutePath.optional(),
        scrapeSeconds: integer(1, 300).default(30),
      })
      .nullable()
      .default(null),
  })
  .superRefine((c, ctx) => {
    if (c.adminPin === undefined && c.adminPinHash === undefined) ctx.addIssue({ code: 'custom', path: ['adminPin'], message: 'missing' });
    if (c.content.sources.length > 0 && c.content.trustedKeys.length === 0)
      ctx.addIssue({ code: 'custom', path: ['content', 'trustedKeys'], message: 'keys needed' });
    if (c.monitoring && c.monitoring.basicAuth && c.monitoring.bearerTokenFile)
      ctx.addIssue({ code: 'custom', path: ['monitoring'], message: 'one credential', input: c.monitoring });
    if (c.monitoring && !c.metrics) ctx.addIssue({ code: 'custom', path: ['monitoring'], message: 'metrics needed', input: c.monitoring });
  });

/** What the YAML may contain (before defaults). */
export type TerminalConfigInput = z.input<typeof terminalConfigSchema>;
/** Validated, defaults applied; adminPin still plain if the file had one. */
export type TerminalConfig = z.output<typeof terminalConfigSchema>;
/** What is stored on the terminal: the PIN only as its scrypt hash. */
export type StoredTerminalConfig = Omit<TerminalConfig, 'adminPin' | 'adminPinHash'> & { adminPinHash: string };

export interface ConfigProblem {
  /** Dotted field path as written in the YAML, e.g. `printer.width` or `content.sources[1]`. */
  path: string;
  /** One line: what is wrong and what is allowed (English — 中文). */
  message: string;
}

interface FieldHelp {
  en: string;
  zh: string;
  /** Never repeat the value (PIN). */
  secret?: boolean;
}

const bauds = SERIAL_BAUD_RATES.join(', ');

/** What each field allows, keyed by path with list indices written as []. */
export const FIELD_HELP: Record<string, FieldHelp> = {
  '': { en: 'the configuration must be a mapping of the keys below', zh: '配置文件必须是键值映射' },
  terminalId: {
    en: 'terminal id: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. "bj-dc-01" (quote it if it is all digits)',
    zh: '终端编号：1–64 个字母、数字、“.”“_”“-”，以字母或数字开头，例如 "bj-dc-01"（纯数字请加引号）',
  },
  site: { en: 'site name shown on screen and receipts: 1–60 characters', zh: '站点名称（显示在屏幕和凭条上）：1–60 个字' },
  region: {
    en: 'six-digit administrative division code (GB/T 2260) of the site, e.g. 110101; the first two digits must be a province code',
    zh: '站点所在地的六位行政区划代码（GB/T 2260），例如 110101；前两位必须是省级代码',
  },
  legalAidIncomeThreshold: {
    en: "the province's legal-aid economic-hardship standard: monthly income per person in yuan (0–100000) as the province published it (法律援助法 第三十四条), or null when not known; the legal-aid pre-check then says the centre checks it",
    zh: '本省法律援助经济困难标准：家庭每人每月收入（元，0–100000），按省里公布的标准填写（法律援助法第三十四条）；不清楚时写 null，预审会说明由法律援助中心核实',
  },
  offices: {
    en: "this site's own offices (at most 30, each id once): they come first under 去哪里办, and one with the id of an office in the content pack's regional.yaml replaces it",
    zh: '本站点自己的办事地点（最多 30 个，id 不重复）：在“去哪里办”中排在最前；id 与内容包 regional.yaml 中某个地点相同时替换该地点',
  },
  'offices[]': { en: 'an office: {id, kind, name, address, hours, phone, handles}', zh: '一个办事地点：{id, kind, name, address, hours, phone, handles}' },
  'offices[].id': { en: 'office id: lower-case letters, digits and dashes, e.g. site-legal-aid', zh: '地点编号：小写字母、数字和连字符，例如 site-legal-aid' },
  'offices[].kind': {
    en: "which kind of office (the office ids of the content's directory.yaml): legal-aid-centre, labour-arbitration, labour-inspection, people-mediation, notary-office, court, marriage-registry …",
    zh: '地点类型（内容包 directory.yaml 中的编号）：legal-aid-centre、labour-arbitration、labour-inspection、people-mediation、notary-office、court、marriage-registry 等',
  },
  'offices[].name': { en: 'the office name residents see: 1–60 characters', zh: '居民看到的地点名称：1–60 个字' },
  'offices[].address': {
    en: 'street address: 1–120 characters, or null when not known (shown as 请咨询现场工作人员)',
    zh: '详细地址：1–120 个字；不清楚时写 null（显示“请咨询现场工作人员”）',
  },
  'offices[].hours': { en: 'opening hours: 1–80 characters, or null when not known', zh: '办公时间：1–80 个字；不清楚时写 null' },
  'offices[].phone': {
    en: 'phone: digits and dashes only (3–20), in quotes, or null when not known',
    zh: '电话：只含数字和连字符（3–20 位），加引号；不清楚时写 null',
  },
  'offices[].handles': {
    en: 'what residents go there for: at most 20 short items; empty = what the directory says',
    zh: '可以办理的事项：最多 20 项；不写则沿用 directory.yaml 的说明',
  },
  'offices[].handles[]': { en: 'one item, 1–40 characters', zh: '一项，1–40 个字' },
  printer: {
    en: 'the receipt printer: {port, baudRate, width, flowControl}, or null when there is none',
    zh: '凭条打印机：{port, baudRate, width, flowControl}；没有打印机时写 null',
  },
  'printer.port': { en: 'serial device path, e.g. /dev/ttyS1, /dev/ttyUSB0 or COM3', zh: '串口设备路径，例如 /dev/ttyS1、/dev/ttyUSB0 或 COM3' },
  'printer.baudRate': {
    en: `serial speed, one of ${bauds} (the printer's self-test page shows it)`,
    zh: `串口波特率，只能是 ${bauds} 之一（打印机自检页上有）`,
  },
  'printer.width': { en: 'paper width in millimetres: 58 or 80', zh: '纸宽（毫米）：58 或 80' },
  'printer.flowControl': { en: 'flow control: none, rtscts or xonxoff', zh: '流控：none、rtscts 或 xonxoff' },
  idReader: { en: 'the ID-card reader: {port, baudRate}, or null when there is none', zh: '身份证阅读器：{port, baudRate}；没有阅读器时写 null' },
  'idReader.port': { en: 'serial device path, e.g. /dev/ttyUSB1 or COM4', zh: '串口设备路径，例如 /dev/ttyUSB1 或 COM4' },
  'idReader.baudRate': {
    en: `serial speed, one of ${bauds} (the kiosk then uses only this one), or null to detect it`,
    zh: `串口波特率，只能是 ${bauds} 之一（填写后只用这个波特率），或写 null 自动检测`,
  },
  a4Printer: {
    en: 'the A4 printer: {queue} (a CUPS queue, see `devices`), or null when there is none',
    zh: 'A4打印机：{queue}（CUPS 打印队列，可用 devices 查看）；没有A4打印机时写 null',
  },
  'a4Printer.queue': { en: 'CUPS queue name: letters, digits and _ . @ + - (at most 127)', zh: 'CUPS 打印队列名：字母、数字和 _ . @ + -，最多 127 个字符' },
  content: { en: 'content packs: {sources, trustedKeys, pollMinutes}', zh: '内容包：{sources, trustedKeys, pollMinutes}' },
  'content.sources': { en: 'a list of at most 10 content sources', zh: '内容来源列表，最多 10 个' },
  'content.sources[]': {
    en: 'an http(s) URL of a pack index (…/index.json) or an absolute folder path such as /media/usb/packs',
    zh: '内容包索引的 http(s) 地址（…/index.json）或绝对文件夹路径，例如 /media/usb/packs',
  },
  'content.trustedKeys': {
    en: 'a list of at most 10 trusted pack keys; at least one is required when content.sources is set',
    zh: '受信任的内容包公钥列表，最多 10 个；填写了 content.sources 时至少要有一个',
  },
  'content.trustedKeys[]': {
    en: 'an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----) or the path of its .pub file (from `content keygen`)',
    zh: 'PEM 格式的 Ed25519 公钥（-----BEGIN PUBLIC KEY-----）或其 .pub 文件路径（由 `content keygen` 生成）',
  },
  'content.pollMinutes': { en: 'minutes between content checks: a whole number 5–1440', zh: '检查内容更新的间隔（分钟）：5–1440 的整数' },
  idle: { en: 'idle timeouts: {homeSeconds, procedureSeconds}', zh: '无操作超时：{homeSeconds, procedureSeconds}' },
  'idle.homeSeconds': { en: 'seconds without a touch before the screen returns home: a whole number 15–900', zh: '无人操作多少秒后回到首页：15–900 的整数' },
  'idle.procedureSeconds': {
    en: 'seconds without a touch inside a guided procedure: a whole number 30–3600',
    zh: '办事指引中无人操作多少秒后结束：30–3600 的整数',
  },
  input: { en: 'on-screen keyboard: {fuzzyPinyin}', zh: '屏幕键盘：{fuzzyPinyin}' },
  'input.fuzzyPinyin': {
    en: 'fuzzy pinyin (n/l, f/h, z/zh, c/ch, s/sh, in/ing, en/eng, an/ang) on the pinyin keyboard: true, false, or null to follow the region (on for Sichuan, Chongqing, Yunnan, Guizhou, Hunan, Hubei)',
    zh: '拼音键盘的模糊音（n/l、f/h、z/zh、c/ch、s/sh、in/ing、en/eng、an/ang）：true、false，或 null 按地区决定（四川、重庆、云南、贵州、湖南、湖北默认开启）',
  },
  languages: {
    en: `screen languages, a list from ${UI_LANGUAGES.join(', ')}, without repeats, that includes zh-CN; the first is the default`,
    zh: `界面语言：从 ${UI_LANGUAGES.join('、')} 中选择，不重复，必须包含 zh-CN；第一个为默认语言`,
  },
  'languages[]': { en: `one of ${UI_LANGUAGES.join(', ')}`, zh: `只能是 ${UI_LANGUAGES.join('、')} 之一` },
  adminPin: {
    en: 'admin PIN: 6–12 digits in quotes, e.g. "583920"; not one repeated digit and not a run such as 123456; required unless a PIN is already provisioned',
    zh: '管理员密码：6–12 位数字，加引号，例如 "583920"；不能是同一个数字重复或 123456 这样的顺序数字；首次配置必须填写',
    secret: true,
  },
  adminPinHash: {
    en: 'written by the provisioner only (scrypt hash); put the PIN in adminPin instead',
    zh: '仅由配置工具写入（scrypt 哈希）；请在 adminPin 中填写密码',
    secret: true,
  },
  metrics: { en: 'Prometheus metrics: {port}, or null for none', zh: 'Prometheus 指标：{port}；不需要时写 null' },
  'metrics.port': { en: 'TCP port on 127.0.0.1 for /metrics: a whole number 1024–65535', zh: '本机 127.0.0.1 上 /metrics 的端口：1024–65535 的整数' },
  monitoring: {
    en: 'district monitoring: {remoteWriteUrl, basicAuth or bearerTokenFile, tlsCaFile, scrapeSeconds}, or null for none; needs metrics.port, and at most one of basicAuth and bearerTokenFile',
    zh: '区县监控上报：{remoteWriteUrl, basicAuth 或 bearerTokenFile, tlsCaFile, scrapeSeconds}；不上报时写 null；必须同时设置 metrics.port，basicAuth 与 bearerTokenFile 只能选一个',
  },
  'monitoring.remoteWriteUrl': {
    en: "the district Prometheus' remote-write URL, http:// or https://, e.g. https://monitor.example.org/api/v1/write",
    zh: '区县 Prometheus 的 remote-write 地址，http:// 或 https://，例如 https://monitor.example.org/api/v1/write',
  },
  'monitoring.basicAuth': { en: 'HTTP basic auth: {username, passwordFile}', zh: 'HTTP 基本认证：{username, passwordFile}' },
  'monitoring.basicAuth.username': { en: 'user name: 1–64 characters without spaces or ":"', zh: '用户名：1–64 个字符，不含空格和“:”' },
  'monitoring.basicAuth.passwordFile': {
    en: 'absolute path of a file holding only the password (readable by the monitoring agent only)',
    zh: '只含密码的文件的绝对路径（仅监控代理可读）',
  },
  'monitoring.bearerTokenFile': { en: 'absolute path of a file holding only the bearer token', zh: '只含访问令牌（bearer token）的文件的绝对路径' },
  'monitoring.tlsCaFile': { en: "absolute path of the district's CA certificate (PEM) for https", zh: '区县 CA 证书（PEM）的绝对路径，用于 https' },
  'monitoring.scrapeSeconds': { en: 'seconds between readings of /metrics: a whole number 1–300', zh: '读取 /metrics 的间隔（秒）：1–300 的整数' },
};

const topLevelKeys = Object.keys(terminalConfigSchema.def.shape ?? {});

function helpPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? '[]' : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${String(key)}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function helpFor(path: readonly PropertyKey[]): FieldHelp {
  return FIELD_HELP[helpPath(path)] ?? { en: 'see README → Provisioning', zh: '见 README → 终端配置' };
}

/** One technician-facing line per problem: field, what is wrong, what is allowed (English — 中文). */
export function problemOf(path: readonly PropertyKey[], issue: { code: string; input?: unknown; keys?: readonly string[] }): ConfigProblem {
  if (issue.code === 'unrecognized_keys') {
    const parent = formatPath(path);
    const names = issue.keys ?? [];
    const allowed =
      path.length === 0
        ? topLevelKeys
        : Object.keys(FIELD_HELP)
            .filter((k) => k.startsWith(`${helpPath(path)}.`) && !k.slice(helpPath(path).length + 1).includes('.'))
            .map((k) => k.slice(helpPath(path).length + 1));
    return {
      path: names.map((k) => (parent ? `${parent}.${k}` : k)).join(', '),
      message: `unknown key${names.length > 1 ? 's' : ''} (allowed here: ${allowed.join(', ')}) — 不认识的配置项（此处允许：${allowed.join('、')}）`,
    };
  }
  const help = helpFor(path);
  const missing = issue.input === undefined;
  const got = help.secret ? 'a value that is not accepted (not shown)' : describeValue(issue.input);
  const gotZh = missing ? '缺少此项' : help.secret ? '填写的值不符合要求（不显示）' : `当前为 ${describeValue(issue.input)}`;
  return { path: formatPath(path) || '(file)', message: `${missing ? 'required' : `got ${got}`}; allowed: ${help.en} — ${gotZh}；要求：${help.zh}` };
}

export type ValidationResult<T> = { ok: true; config: T } | { ok: false; problems: ConfigProblem[] };

/** Validates a parsed YAML/JSON value; every problem is field-level. */
export function validateTerminalConfig(value: unknown): ValidationResult<TerminalConfig> {
  const result = terminalConfigSchema.safeParse(value, { reportInput: true });
  if (result.success) {
    if (result.data.adminPin !== undefined && result.data.adminPinHash !== undefined) {
      return { ok: false, problems: [{ path: 'adminPinHash', message: `${FIELD_HELP['adminPinHash']?.en ?? ''} — ${FIELD_HELP['adminPinHash']?.zh ?? ''}` }] };
    }
    return { ok: true, config: result.data };
  }
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const issue of result.error.issues) {
    // A union reports the branch it failed in; the field-level line is the same either way.
    const input =
      issue.code === 'custom' && (issue.message === 'missing' || issue.message === 'keys needed')
        ? issue.message === 'missing'
          ? undefined
          : []
        : (issue as { input?: unknown }).input;
    const problem = problemOf(issue.path, { code: issue.code, input, ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}) });
    if (issue.code === 'custom' && issue.message === 'one credential')
      problem.message = `got both basicAuth and bearerTokenFile; allowed: one of them — 同时填写了 basicAuth 和 bearerTokenFile；要求：只能选一个`;
    if (issue.code === 'custom' && issue.message === 'metrics needed')
      problem.message = `got monitoring with metrics: null; allowed: monitoring needs metrics: {port} (the agent reads 127.0.0.1:<port>/metrics) — 填写了监控上报但 metrics 为 null；要求：须同时设置 metrics: {port}`;
    if (issue.code === 'custom' && issue.message === 'keys needed')
      problem.message = `content.sources is set but no key is trusted; allowed: ${FIELD_HELP['content.trustedKeys']?.en ?? ''} — 填写了内容来源但没有受信任的公钥；要求：${FIELD_HELP['content.trustedKeys']?.zh ?? ''}`;
    const key = `${problem.path}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return { ok: false, problems };
}

/** Settings for one dotted path given on the command line (`--set printer.port=/dev/ttyS1`). */
const NUMERIC_PATHS = new Set([
  'printer.baudRate',
  'printer.width',
  'idReader.baudRate',
  'content.pollMinutes',
  'idle.homeSeconds',
  'idle.procedureSeconds',
  'metrics.port',
  'monitoring.scrapeSeconds',
]);
const LIST_PATHS = new Set(['languages', 'content.sources', 'content.trustedKeys']);

/**
 * Applies `path=value` to a plain config object (a copy is returned). Numbers are parsed for
 * numeric fields, lists are comma-separated, `null` clears a section; everything else stays text
 * (so terminalId=007 and adminPin=024680 keep their leading zeros).
 */
export function applySetting(
  config: Record<string, unknown>,
  assignment: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: ConfigProblem } {
  const eq = assignment.indexOf('=');
  if (eq <= 0)
    return {
      ok: false,
      problem: { path: assignment, message: 'expected path=value, e.g. printer.port=/dev/ttyS1 — 格式应为 路径=值，例如 printer.port=/dev/ttyS1' },
    };
  const path = assignment.slice(0, eq).trim();
  const raw = assignment.slice(eq + 1).trim();
  const parts = path.split('.');
  if (!(path in FIELD_HELP) || parts.some((p) => p === '')) return { ok: false, problem: problemOf([], { code: 'unrecognized_keys', keys: [path] }) };
  let value: unknown = raw;
  if (raw === 'null') value = null;
  else if (NUMERIC_PATHS.has(path) && raw !== '' && Number.isFinite(Number(raw))) value = Number(raw);
  else if (LIST_PATHS.has(path)) value = raw === '' ? [] : raw.split(',').map((s) => s.trim());
  const copy = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of parts.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[parts[parts.length - 1] ?? path] = value;
  if (path === 'adminPin') delete copy['adminPinHash'];
  return { ok: true, value: copy };
}
