import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import type { ReceiptLayout } from '../../electron/common/contract/receipt-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { unprovisionedTerminal, type TerminalSettings } from '../../electron/common/config/terminal-settings';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { HAND_FILL_NOTICE, WRITE_BY_HAND } from '../../electron/common/receipts/hand-fill-input';
import { exampleAnswers } from '../../kiosk-content/src/documents/common/example-answers';
import { loadDocumentFolder } from '../../kiosk-content/src/documents/node/load-document-types';
import { IdCardSimulator } from '../../native-adapters/id-card-reader/simulator/id-card-simulator';
import { sampleCards } from '../../native-adapters/id-card-reader/simulator/sample-cards';
import { PrinterSimulator, type SimulatedJob } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { openPtyPair, type PtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { filesUnder } from './support/files-under';

/**
 * No A4 printer at this terminal (a4Printer: null): the resident's 民间借贷 起诉状 comes out of the
 * receipt printer as a 手写提示 slip instead — the host (KioskHost over the direct link) with the
 * ID-card reader simulator and the receipt printer simulator each on a real socat pty. The slip
 * carries the document's headings and rows with the answers to copy, what to bring and the
 * kiosk's notice, and never the card's name or number in clear: not on paper, not in the data dir.
 */

const TYPE = 'loan-complaint';
const loan = loadDocumentFolder().types.find((t) => t.id === TYPE);
const card = sampleCards.resident;

const pairs: PtyPair[] = [];
const ends: SerialTransport[] = [];
let printer: PrinterSimulator;
let reader: IdCardSimulator;
let dataDir: string;
let host: KioskHost;
let api: KioskApi;

async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function layoutText(layout: ReceiptLayout): string[] {
  return layout.lines.flatMap((line) => (line.kind === 'text' ? [(' '.repeat(line.indent) + line.text).trimEnd()] : []));
}

beforeAll(async () => {
  const printerPair = await openPtyPair();
  const readerPair = await openPtyPair();
  pairs.push(printerPair, readerPair);
  const printerEnd = new SerialTransport({ path: printerPair.b, baudRate: 115200 });
  const readerEnd = new SerialTransport({ path: readerPair.b, baudRate: 115200 });
  ends.push(printerEnd, readerEnd);
  await printerEnd.open();
  await readerEnd.open();
  printer = new PrinterSimulator(printerEnd, { paperWidth: 58, png: false });
  printer.start();
  reader = new IdCardSimulator(readerEnd, { card });
  reader.start();
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-hand-fill-'));
  const terminal: TerminalSettings = {
    ...unprovisionedTerminal,
    terminalId: 'T-TEST',
    siteName: '测试用站点（非真实地址）',
    printer: { port: printerPair.a, baudRate: 115200, width: 58, flowControl: 'none' },
    idReader: { port: readerPair.a, baudRate: 115200 },
    a4Printer: null,
  };
  host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger: createMemoryLogger(), terminal });
  api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  await until(async () => (await api.receipts.getStatus()).printer.state === 'ready');
});

afterAll(async () => {
  await host.closeAsync();
  printer.stop();
  reader.stop();
  for (const end of ends) await end.close();
  for (const pair of pairs) await pair.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the 手写提示 slip when there is no A4 printer', () => {
  it('prints the previewed slip: headings and rows with the answers, materials, notice — the ID card masked', async () => {
    if (!loan || card.type !== 'resident') throw new Error('loan-complaint or the resident sample card is missing');
    expect((await api.documents.getForm({ typeId: TYPE })).a4PrinterInstalled).toBe(false);
    await api.documents.readIdCard();
    await until(async () => (await api.idcard.getState()).state === 'read-ok');
    const answers: Record<string, unknown> = { ...exampleAnswers(loan), plaintiff: { fromIdCard: true, phone: '000-00000000' } };

    // 打印 on the A4 document says where to go; the slip is what the terminal can print.
    expect((await api.documents.print({ typeId: TYPE, answers: answers as never })).state).toMatchObject({ state: 'failed', reason: 'no-printer' });
    const preview = await api.receipts.previewDocument({ typeId: TYPE, answers: answers as never });
    if (!preview) throw new Error('no slip preview');
    expect(preview.layout.issues).toEqual([]);

    const before = printer.jobs.length;
    const result = await api.receipts.print({ target: { kind: 'document', typeId: TYPE, answers: answers as never }, reference: preview.reference });
    expect(result?.job.title).toBe('文书填写提示：民间借贷纠纷起诉状');
    await until(async () => (await api.receipts.getStatus()).jobs.find((j) => j.id === result?.job.id)?.state === 'done');
    expect(printer.jobs.length - before).toBe(1);
    const paper = printer.jobs.at(-1) as SimulatedJob;
    expect(paper.warnings).toEqual([]);
    // The paper says what the screen showed, line for line.
    expect(paper.text).toEqual(layoutText(preview.layout));

    const flowing = paper.text.join('').replace(/\s/g, '');
    expect(flowing).toContain('民事起诉状（民间借贷纠纷）');
    expect(flowing).toContain('本机没有A4打印机，请到服务窗口打印');
    for (const heading of ['一、当事人信息', '二、诉讼请求', '三、事实与理由', '四、证据']) expect(flowing).toContain(heading);
    // The answers to copy, the card masked, the rest of the resident's own details by hand.
    expect(flowing).toContain(`请求偿还本金：${String(answers.principal)}0元`);
    expect(flowing).toContain('姓名：测**例');
    expect(flowing).toContain('公民身份号码：110101********0010');
    expect(flowing).toContain(`住所：${WRITE_BY_HAND}`);
    expect(flowing).toContain(`此致${String(answers.court)}`);
    // What to bring: the materials of the outcome that offers this document (civil-suit/sue-contract).
    const outcome = (await api.procedures.get({ id: 'civil-suit' }))?.procedure.outcomes['sue-contract'];
    expect(outcome?.materials.length).toBeGreaterThan(0);
    for (const material of outcome?.materials ?? []) expect(flowing).toContain(material.replace(/\s/g, ''));
    expect(flowing).toContain(HAND_FILL_NOTICE);

    // Never the card in clear: not on paper, not in anything the host wrote.
    for (const secret of [card.name, card.idNumber, card.address, '1980年1月1日']) expect(flowing).not.toContain(secret);
    const needles = [card.name, card.idNumber].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), iconv.encode(s, 'gb18030')]);
    for (const file of filesUnder(dataDir)) for (const needle of needles) expect(readFileSync(file).includes(needle), file).toBe(false);
  });

  it('after the card is wiped (session end) the slip still lists the resident’s rows, to write by hand', async () => {
    if (!loan) throw new Error('loan-complaint is missing');
    await api.documents.wipe();
    const preview = await api.receipts.previewDocument({ typeId: TYPE, answers: { ...exampleAnswers(loan), plaintiff: { fromIdCard: true } } });
    const flowing = layoutText(preview?.layout ?? { columns: 32, dots: 384, lines: [], issues: [] })
      .join('')
      .replace(/\s/g, '');
    expect(flowing).toContain(`原告姓名：${WRITE_BY_HAND}`);
    expect(flowing).not.toContain('测**例');
    expect(await api.receipts.previewDocument({ typeId: 'no-such-document', answers: {} })).toBeNull();
  });
});
