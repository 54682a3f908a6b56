import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliProcess, SimulatorHarness } from './support/cli-process';
import { filesUnder } from './support/files-under';

/** `npm run cli -- idcard-sim` and `idcard-read` as separate processes on a socat pty pair. */
const harness = new SimulatorHarness();
afterEach(() => harness.cleanup());

const tempDir = (): string => harness.tempDir('fatong-idcard-cli-');

async function startSim(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return (await harness.start('idcard-sim', args, 'SIMULATOR', env)).output;
}

function read(args: string[], env: NodeJS.ProcessEnv) {
  return runCliProcess('idcard-read', args, { env, timeoutMs: 40_000 });
}

describe('idcard-sim + idcard-read CLI', () => {
  it('prints only masked fields and the card type; says it is a simulator', async () => {
    const env = { ...process.env, KIOSK_DATA_DIR: tempDir() };
    const banner = await startSim(['--type', 'resident'], env);
    expect(banner).toMatch(/SIMULATOR/);
    const result = read(['--port', harness.pair?.a ?? '', '--json'], env);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      cardType: 'resident',
      maskedName: '测**例',
      maskedIdNumber: '110101********0010',
      gender: 'male',
      ageBracket: 'adult',
      region: '北京',
      numberValid: true,
    });
  });

  it('reads a card file, and fails with the reason (exit 1) when no card is placed', async () => {
    const dir = tempDir();
    const cardFile = path.join(dir, 'card.json');
    writeFileSync(
      cardFile,
      JSON.stringify({
        name: '样例乙',
        gender: '2',
        ethnicity: '02',
        birthDate: '20100615',
        address: '测试数据',
        idNumber: '110101201006150026',
        authority: '测试数据',
        validFrom: '20200101',
        validTo: '20250101',
      }),
    );
    const env = { ...process.env, KIOSK_DATA_DIR: path.join(dir, 'data') };
    await startSim(['--card-file', cardFile], env);
    const ok = read(['--port', harness.pair?.a ?? '', '--json'], env);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ maskedName: '样*乙', gender: 'female', ageBracket: 'minor' });
    // The same card stays on the reader: it is not read a second time.
    const again = read(['--port', harness.pair?.a ?? '', '--timeout', '2'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/no card was read within 2 s/);
  });

  it('reports an unreachable port with a non-zero exit', () => {
    const result = read(['--port', '/dev/fatong-no-such-reader', '--timeout', '5'], { ...process.env, KIOSK_DATA_DIR: tempDir() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/reader offline: cannot open/);
  });

  it('privacy: after a read, nothing under KIOSK_DATA_DIR or in the output holds the name or number in any encoding', async () => {
    const dataDir = tempDir();
    const env = { ...process.env, KIOSK_DATA_DIR: dataDir };
    await startSim(['--type', 'permit'], env);
    const result = read(['--port', harness.pair?.a ?? ''], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/测\*\*例/);
    const secrets = ['测试样例', '810000199001010027', '19900101'];
    const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), iconv.encode(s, 'gb18030')]);
    const haystacks = [...filesUnder(dataDir).map((f) => readFileSync(f)), Buffer.from(result.stdout), Buffer.from(result.stderr)];
    for (const hay of haystacks) for (const needle of needles) expect(hay.includes(needle)).toBe(false);
  });
});
