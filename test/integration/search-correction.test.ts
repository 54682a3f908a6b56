import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { imeDictionaryFileIn } from '../../electron/node/services/query-corrector-loader';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { buildImeDictionary } from '../../scripts/build/build-ime-dictionary';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { provisionTestTerminal } from './support/admin-session';

/**
 * 「您是不是要找」 through the host: search.query corrects a misspelled known term with the
 * pinyin dictionary the renderer ships, says what was typed, and searches as typed on request;
 * and 模糊音 reaches the screen in system.getInfo as provisioned or from the region.
 */
let root: string;
let rendererDir: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fatong-correction-'));
  rendererDir = path.join(root, 'renderer');
  const file = imeDictionaryFileIn(rendererDir);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, buildImeDictionary().text);
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function startHost(
  name: string,
  options: { dictionary?: boolean; provision?: Record<string, unknown> } = {},
): { host: KioskHost; api: KioskApi; logger: ReturnType<typeof createMemoryLogger> } {
  const dataDir = path.join(root, name);
  mkdirSync(dataDir);
  if (options.provision) provisionTestTerminal(dataDir, options.provision);
  const logger = createMemoryLogger();
  const host = new KioskHost({
    dataDir,
    contentDir: defaultContentDir,
    appVersion: 'test',
    logger,
    ...(options.dictionary === false ? {} : { imeDictionaryFile: imeDictionaryFileIn(rendererDir) }),
  });
  return { host, api: createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi, logger };
}

describe('search with 「您是不是要找」', () => {
  let running: ReturnType<typeof startHost>;
  beforeAll(() => {
    running = startHost('corrects');
  });
  afterAll(() => running.host.close());

  it('searches 劳懂合同 as 劳动合同 and says what was typed', async () => {
    const result = await running.api.search.query({ text: '劳懂合同' });
    expect(result.query).toBe('劳动合同');
    expect(result.correctedFrom).toBe('劳懂合同');
    expect(result.qa.map((hit) => hit.domain)).toContain('labour');
    const asTyped = await running.api.search.query({ text: '劳懂合同', exact: true });
    expect(asTyped.query).toBe('劳懂合同');
    expect(asTyped.correctedFrom).toBeNull();
  });

  it.each([
    ['离昏', '离婚', 'marriage'],
    ['陪偿', '赔偿', null],
  ])('corrects %s to %s', async (typed, meant, domain) => {
    const result = await running.api.search.query({ text: typed });
    expect(result.query).toBe(meant);
    expect(result.correctedFrom).toBe(typed);
    if (domain) expect(result.qa.map((hit) => hit.domain)).toContain(domain);
  });

  it('leaves a well-typed query alone', async () => {
    const result = await running.api.search.query({ text: '老板不发工资怎么办' });
    expect(result.query).toBe('老板不发工资怎么办');
    expect(result.correctedFrom).toBeNull();
  });

  it('never writes the query to the log', async () => {
    await running.api.search.query({ text: '劳懂合同' });
    expect(running.logger.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(running.logger.lines)).not.toContain('劳懂合同');
  });
});

describe('search without the pinyin dictionary', () => {
  it('searches as typed', async () => {
    const running = startHost('no-dictionary', { dictionary: false });
    try {
      const result = await running.api.search.query({ text: '劳懂合同' });
      expect(result.query).toBe('劳懂合同');
      expect(result.correctedFrom).toBeNull();
    } finally {
      running.host.close();
    }
  });
});

describe('模糊音 in system.getInfo', () => {
  it.each([
    ['sichuan-default', { region: '510104' }, true],
    ['beijing-default', { region: '110101' }, false],
    ['sichuan-off', { region: '510104', input: { fuzzyPinyin: false } }, false],
    ['beijing-on', { region: '110101', input: { fuzzyPinyin: true } }, true],
  ] as const)('%s', async (name, provision, expected) => {
    const running = startHost(name, { dictionary: false, provision });
    try {
      expect((await running.api.system.getInfo()).input).toEqual({ fuzzyPinyin: expected });
    } finally {
      running.host.close();
    }
  });

  it('is off on a terminal nobody provisioned', async () => {
    const running = startHost('unprovisioned', { dictionary: false });
    try {
      expect((await running.api.system.getInfo()).input).toEqual({ fuzzyPinyin: false });
    } finally {
      running.host.close();
    }
  });
});
