import { describe, expect, it } from 'vitest';
import { applySetting, isTrivialPin, validateTerminalConfig } from './terminal-config';

const valid = {
  terminalId: 'bj-dc-01',
  site: '测试站点（测试数据）',
  region: 110101,
  printer: { port: '/dev/ttyS1', baudRate: 9600, width: 58, flowControl: 'rtscts' },
  idReader: { port: '/dev/ttyUSB0', baudRate: null },
  content: {
    sources: ['https://packs.example.org/index.json', '/media/usb/packs'],
    trustedKeys: ['-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----'],
  },
  idle: { homeSeconds: 90, procedureSeconds: 300 },
  languages: ['zh-CN', 'en'],
  adminPin: '583920',
  metrics: { port: 9464 },
  monitoring: {
    remoteWriteUrl: 'https://monitor.example.org/api/v1/write',
    basicAuth: { username: 'bj-dc-01', passwordFile: '/etc/fatong/monitoring-password' },
    tlsCaFile: '/etc/fatong/district-ca.pem',
  },
};

const problemsOf = (value: unknown) => {
  const r = validateTerminalConfig(value);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('terminal configuration schema', () => {
  it('accepts a complete configuration and normalises it', () => {
    const r = validateTerminalConfig(valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.region).toBe('110101');
    expect(r.config.content.sources).toEqual([
      { kind: 'http', url: 'https://packs.example.org/index.json' },
      { kind: 'folder', path: '/media/usb/packs' },
    ]);
  });

  it('fills defaults for the optional sections', () => {
    const r = validateTerminalConfig({ terminalId: 't1', site: '站', region: '440305', adminPin: '583920' });
    expect(r.ok && r.config).toMatchObject({
      printer: null,
      idReader: null,
      languages: ['zh-CN'],
      metrics: null,
      monitoring: null,
      idle: { homeSeconds: 120 },
    });
  });

  // One row per kind of mistake a technician makes: the field named, what is allowed, in both languages.
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['terminal id with a space', { terminalId: 'bj 01' }, 'terminalId', /letters, digits.*终端编号/],
    ['numeric terminal id (lost zeros)', { terminalId: 7 }, 'terminalId', /quote it/],
    ['empty site', { site: '' }, 'site', /1–60 characters.*站点名称/],
    ['region of four digits', { region: '1101' }, 'region', /six-digit administrative division code.*六位行政区划代码/],
    ['region with no province', { region: '991234' }, 'region', /province code/],
    [
      'baud rate not a serial speed',
      { printer: { ...valid.printer, baudRate: 9601 } },
      'printer.baudRate',
      /9600, 19200, 38400, 57600, 115200.*got 9601|got 9601.*9600, 19200/,
    ],
    ['paper width 57', { printer: { ...valid.printer, width: 57 } }, 'printer.width', /58 or 80.*纸宽/],
    ['flow control rts', { printer: { ...valid.printer, flowControl: 'rts' } }, 'printer.flowControl', /none, rtscts or xonxoff/],
    ['printer without port', { printer: { baudRate: 9600 } }, 'printer.port', /^required; allowed: serial device path/],
    ['A4 queue with a space', { a4Printer: { queue: 'office printer' } }, 'a4Printer.queue', /CUPS queue name.*CUPS 打印队列名/],
    ['reader baud rate as text', { idReader: { port: '/dev/ttyUSB0', baudRate: 'auto' } }, 'idReader.baudRate', /or null to detect it/],
    ['ftp content source', { content: { ...valid.content, sources: ['ftp://x.example/'] } }, 'content.sources[0]', /http\(s\) URL.*absolute folder path/],
    ['relative content folder', { content: { ...valid.content, sources: ['packs/usb'] } }, 'content.sources[0]', /absolute folder path/],
    ['sources without trusted keys', { content: { sources: ['/media/usb'], trustedKeys: [] } }, 'content.trustedKeys', /at least one is required/],
    ['idle timeout too short', { idle: { homeSeconds: 5, procedureSeconds: 300 } }, 'idle.homeSeconds', /15–900/],
    ['unknown language', { languages: ['zh-CN', 'fr'] }, 'languages[1]', /one of zh-CN, en/],
    ['languages without Chinese', { languages: ['en'] }, 'languages', /includes zh-CN/],
    ['PIN too short', { adminPin: '1234' }, 'adminPin', /6–12 digits/],
    ['trivial PIN', { adminPin: '123456' }, 'adminPin', /not a run such as 123456/],
    ['PIN as a number', { adminPin: 583920 }, 'adminPin', /in quotes/],
    [
      'remote-write URL without scheme',
      { monitoring: { remoteWriteUrl: 'monitor.example.org/api/v1/write' } },
      'monitoring.remoteWriteUrl',
      /http:\/\/ or https:\/\/.*remote-write 地址/,
    ],
    [
      'relative password file',
      { monitoring: { ...valid.monitoring, basicAuth: { username: 'bj-dc-01', passwordFile: 'secret.txt' } } },
      'monitoring.basicAuth.passwordFile',
      /absolute path.*绝对路径/,
    ],
    [
      'user name with a colon',
      { monitoring: { ...valid.monitoring, basicAuth: { username: 'a:b', passwordFile: '/etc/p' } } },
      'monitoring.basicAuth.username',
      /without spaces or ":"/,
    ],
    [
      'basic auth and a bearer token',
      { monitoring: { ...valid.monitoring, bearerTokenFile: '/etc/fatong/token' } },
      'monitoring',
      /got both basicAuth and bearerTokenFile.*只能选一个/,
    ],
    ['monitoring without metrics', { metrics: null }, 'monitoring', /needs metrics: \{port\}.*须同时设置 metrics/],
    [
      'a password in the file itself',
      { monitoring: { ...valid.monitoring, basicAuth: { username: 'u', password: 'x' } } },
      'monitoring.basicAuth.password',
      /unknown key.*allowed here: username, passwordFile/,
    ],
    ['scraping every 0 s', { monitoring: { ...valid.monitoring, scrapeSeconds: 0 } }, 'monitoring.scrapeSeconds', /1–300/],
    ['the removed heartbeat', { heartbeat: { url: 'https://m.example.org/' } }, 'heartbeat', /unknown key.*monitoring/],
    ['privileged metrics port', { metrics: { port: 80 } }, 'metrics.port', /1024–65535/],
    ['a typo in a key', { printr: {} }, 'printr', /unknown key.*allowed here: terminalId/],
    ['a typo inside a section', { printer: { ...valid.printer, widht: 58 } }, 'printer.widht', /allowed here: port, baudRate, width, flowControl/],
  ];
  for (const [name, patch, path, message] of cases) {
    it(`rejects ${name} with a field-level message`, () => {
      const problems = problemsOf({ ...valid, ...patch });
      const problem = problems.find((p) => p.path === path);
      expect(problem, JSON.stringify(problems)).toBeDefined();
      expect(problem?.message).toMatch(message);
    });
  }

  it('reports a missing PIN only as "required" and never repeats a PIN it rejects', () => {
    const { adminPin: _pin, ...withoutPin } = valid;
    expect(problemsOf(withoutPin)).toEqual([expect.objectContaining({ path: 'adminPin', message: expect.stringMatching(/^required/) as unknown })]);
    const rejected = problemsOf({ ...valid, adminPin: '111111' });
    expect(JSON.stringify(rejected)).not.toContain('111111');
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({ ...valid, region: 'x', printer: { ...valid.printer, width: 60, flowControl: 'x' } });
    expect(problems.map((p) => p.path).sort()).toEqual(['printer.flowControl', 'printer.width', 'region']);
  });

  it('recognises trivial PINs', () => {
    for (const pin of ['000000', '123456', '987654', '890123']) expect(isTrivialPin(pin)).toBe(true);
    for (const pin of ['583920', '112233', '135790']) expect(isTrivialPin(pin)).toBe(false);
  });
});

describe('--set path=value', () => {
  it('parses numbers, lists and null by field, keeps text as text', () => {
    let c: Record<string, unknown> = { ...valid };
    for (const a of ['printer.baudRate=19200', 'languages=zh-CN,en', 'monitoring.scrapeSeconds=15', 'terminalId=007', 'adminPin=024680']) {
      const r = applySetting(c, a);
      if (!r.ok) throw new Error(r.problem.message);
      c = r.value;
    }
    expect(c).toMatchObject({
      printer: { baudRate: 19200 },
      languages: ['zh-CN', 'en'],
      monitoring: { scrapeSeconds: 15 },
      terminalId: '007',
      adminPin: '024680',
    });
  });

  it('rejects unknown paths and malformed assignments', () => {
    expect(applySetting({}, 'printer.colour=red')).toMatchObject({ ok: false, problem: { path: 'printer.colour' } });
    expect(applySetting({}, 'printer.port')).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/expected path=value/) as unknown } });
  });
});
