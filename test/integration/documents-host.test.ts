import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentService } from '../../electron/node/host/document-wiring';
import { DeviceStatusService } from '../../electron/node/services/device-status-service';
import type { DocumentService } from '../../electron/node/services/document-service';
import { IdCardService } from '../../electron/node/services/id-card-service';
import { prepareDataDir } from '../../electron/node/system/data-dir';
import { createFileLogger } from '../../electron/node/system/logger';
import { unprovisionedTerminal } from '../../electron/common/config/terminal-settings';
import { exampleAnswers } from '../../kiosk-content/src/documents/common/example-answers';
import { loadDocumentFolder } from '../../kiosk-content/src/documents/node/load-document-types';
import { defaultContentDir } from '../../kiosk-content/src/content-folder/node/load-content-folder';
import { IdCardSimulator } from '../../native-adapters/id-card-reader/simulator/id-card-simulator';
import { sampleCards } from '../../native-adapters/id-card-reader/simulator/sample-cards';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { CUPS_PDF_QUEUE, cupsProblem, spoolFiles } from './support/cups-pdf';
import { filesUnder } from './support/files-under';
import { openPtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';

/**
 * The document service as the host wires it: the applicant read through the real reader service
 * (simulator on a pty) and held only in memory, answers checked screen by screen, the preview
 * layout, printing through the real CUPS, no A4 printer, and the wipe at session end.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const loan = loadDocumentFolder().types.find((t) => t.id === 'loan-complaint');

async function withService(queue: string | null): Promise<{ service: DocumentService; root: string; sim: IdCardSimulator; idCard: IdCardService }> {
  const root = mkdtempSync(path.join(tmpdir(), 'fatong-documents-host-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const layout = prepareDataDir(root);
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  const deviceEnd = new SerialTransport({ path: pair.b, baudRate: 115200 });
  await deviceEnd.open();
  const sim = new IdCardSimulator(deviceEnd, { card: sampleCards.resident });
  sim.start();
  cleanups.push(async () => {
    sim.stop();
    await deviceEnd.close();
  });
  const logger = createFileLogger({ dir: layout.logs });
  const idCard = new IdCardService({ port: pair.a, devices: new DeviceStatusService(), logger });
  cleanups.push(() => idCard.close());
  idCard.start();
  const service = createDocumentService({ ...unprovisionedTerminal, a4Printer: queue ? { queue } : null }, idCard, logger, () => defaultContentDir);
  return { service, root, sim, idCard };
}

async function waitFor<T>(read: () => T, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = read();
    if (done(v)) return v;
    if (Date.now() - start > ms) throw new Error(`timed out; last ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('DocumentService in the host', () => {
  it('takes the applicant from the ID card into the preview only, checks each screen, and forgets the card at wipe', async () => {
    expect(loan).toBeDefined();
    const { service, root, idCard } = await withService(null);
    const card = sampleCards.resident;
    if (card.type !== 'resident') throw new Error('the sample resident card is not a resident card');
    const answers = { ...exampleAnswers(loan!), plaintiff: { fromIdCard: true, phone: '000-00000000' } };

    // Before a read there is no card to use.
    expect(service.check('loan-complaint', answers, 'plaintiff').problems).toEqual([
      { field: 'plaintiff', reason: '身份证信息已清除，请重新读卡或者手动填写' },
    ]);
    service.readIdCard();
    const read = await waitFor(
      () => idCard.getState(),
      (s) => s.state === 'read-ok',
    );
    expect(read.result?.maskedName).toMatch(/\*/);
    expect(JSON.stringify(read)).not.toContain(card.name);

    expect(service.check('loan-complaint', answers, 'plaintiff')).toEqual({
      problems: [],
      visibleFieldIds: expect.arrayContaining(['plaintiff', 'court']) as string[],
    });
    expect(service.check('loan-complaint', { ...answers, principal: 'abc' }, 'principal').problems).toEqual([
      { field: 'principal', reason: '金额要填数字（单位：元，最多两位小数）' },
    ]);
    const preview = service.preview('loan-complaint', answers);
    expect(preview.problems).toEqual([]);
    const text = JSON.stringify(preview.layout);
    expect(text).toContain(card.name);
    expect(text).toContain(card.idNumber);

    // No A4 printer at this terminal: the resident is told where to print; nothing is submitted.
    const printed = await service.print('loan-complaint', answers);
    expect(printed.state).toEqual({ state: 'failed', reason: 'no-printer', message: '本机没有A4打印机，请到服务窗口打印' });

    service.wipe();
    idCard.wipe();
    expect(service.preview('loan-complaint', answers).problems).toEqual([{ field: 'plaintiff', reason: '身份证信息已清除，请重新读卡或者手动填写' }]);
    const needles = [card.name, card.idNumber].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), iconv.encode(s, 'gb18030')]);
    for (const file of filesUnder(root)) for (const needle of needles) expect(readFileSync(file).includes(needle), file).toBe(false);
  });

  it('prints through CUPS once at a time and reports 打印好了; a missing queue is a plain failure', async () => {
    const problem = cupsProblem();
    if (problem) throw new Error(problem);
    const { service } = await withService(CUPS_PDF_QUEUE);
    const answers = exampleAnswers(loan!);
    const first = await service.print('loan-complaint', answers);
    expect(first.state.state).toBe('checking');
    // A second 打印 while the first runs does not submit another job.
    expect((await service.print('loan-complaint', answers)).state.state).not.toBe('idle');
    const done = await waitFor(
      () => service.printState(),
      (s) => s.state === 'done' || s.state === 'failed',
    );
    expect(done).toEqual({ state: 'done', message: '打印好了，请在打印机取走文书，核对后签名' });
    expect(spoolFiles().filter((f) => /\/d\d+-\d+$/.test(f))).toEqual([]);

    const { service: broken } = await withService('NoSuchQueue');
    await broken.print('loan-complaint', answers);
    const failed = await waitFor(
      () => broken.printState(),
      (s) => s.state === 'failed',
    );
    expect(failed).toEqual({ state: 'failed', reason: 'queue-missing', message: '没有打印出来：A4打印机设置有误，请找工作人员。' });
  });
});
