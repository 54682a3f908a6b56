/**
 * The ID-card reader as the ID-card specs use it: the SIMULATOR on one end of a socat pty pair (the
 * kiosk's reader on the other), the card off the reader until a test places it, a way to swap in
 * a simulator with other options on the same wire, and to pull the reader's plug. Also the walk
 * from the home screen to the ID-card step of 法律援助申请预审.
 */
import type { Page } from 'playwright-core';
import type { IdCardState } from '../../../electron/common/contract/idcard-api';
import type { CardFields } from '../../../native-adapters/id-card-reader/codec/card-text';
import { IdCardSimulator, type SimulatorOptions } from '../../../native-adapters/id-card-reader/simulator/id-card-simulator';
import type { ByteTransport } from '../../../native-adapters/transport/byte-transport';
import { SerialTransport } from '../../../native-adapters/transport/serial/serial-transport';
import { zhCN } from '../../../renderer/src/i18n/zh-cn';
import { openPtyPair } from '../../../native-adapters/transport/pty/socat-pty-pair';
import { callHost } from './kiosk-suite';

/** The procedure whose applicant step reads the ID card. */
/** A fictional card: the number is built only to pass its check digit (MOD 11-2); the address says it is test data. */
export const TEST_CARD: Extract<CardFields, { type: 'resident' }> = {
  type: 'resident',
  name: '张测三',
  gender: '1',
  ethnicity: '01',
  birthDate: '19500101',
  address: '测试数据（模拟身份证，非真实住址）',
  idNumber: '510106195001011235',
  authority: '测试数据签发机关',
  validFrom: '20200101',
  validTo: '长期',
};
/** TEST_CARD as the screen, the receipt and the printer must show it. */
export const TEST_CARD_MASKED = { name: '张*三', idNumber: '510106********1235' } as const;

export const ID_CARD_PROCEDURE = 'legal-aid-precheck';

export interface SimulatedIdReader {
  /** The kiosk's end of the pty pair: give it as `idReader.port`. */
  port: string;
  /** The simulator answering now (replaced by `swap`). */
  readonly simulator: IdCardSimulator;
  /** Stops the simulator and starts one with these options on the same wire, its card off the reader. */
  swap(options: SimulatorOptions, wrap?: (end: ByteTransport) => ByteTransport): IdCardSimulator;
  /** The reader's cable pulled: the simulator stops and the pty pair goes away. */
  unplug(): Promise<void>;
  close(): Promise<void>;
}

/** The ID-card SIMULATOR on one end of a fresh socat pty pair, at 115200 baud; the card is placed when a test says. */
export async function startSimulatedIdReader(options: SimulatorOptions): Promise<SimulatedIdReader> {
  const pair = await openPtyPair();
  const end = new SerialTransport({ path: pair.b, baudRate: 115200 });
  await end.open();
  let unplugged = false;
  const begin = (next: SimulatorOptions, wrap?: (end: ByteTransport) => ByteTransport): IdCardSimulator => {
    const simulator = new IdCardSimulator(wrap ? wrap(end) : end, next);
    simulator.removeCard(); // the resident places it when the screen asks
    simulator.start();
    return simulator;
  };
  let simulator = begin(options);
  const unplug = async (): Promise<void> => {
    if (unplugged) return;
    unplugged = true;
    simulator.stop();
    // The pair goes first, as a USB adapter's device node vanishes at once.
    await pair.close();
    await end.close().catch(() => undefined); // its pty is gone already
  };
  return {
    port: pair.a,
    get simulator() {
      return simulator;
    },
    swap(next, wrap) {
      simulator.stop();
      simulator = begin(next, wrap);
      return simulator;
    },
    unplug,
    close: unplug,
  };
}

/** Waits until the host's reader (over `idcard.getState`, as the screen sees it) is in `state`. */
export async function waitForReaderState(baseUrl: string, state: IdCardState['state'], timeoutMs = 10_000): Promise<IdCardState> {
  const start = Date.now();
  for (;;) {
    const now = await callHost<IdCardState>(baseUrl, 'idcard.getState');
    if (now.state === state) return now;
    if (Date.now() - start > timeoutMs) throw new Error(`the reader stayed ${now.state}, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const atStep = (page: Page, stepId: string) => page.locator(`[data-testid="procedure-screen"][data-step="${stepId}"]`).waitFor();

/** From the home screen to the applicant step (the ID card) of 法律援助申请预审. */
export async function openLegalAid(page: Page): Promise<void> {
  await page.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
  await page.locator(`[data-testid="guide"][data-guide-id="${ID_CARD_PROCEDURE}"]`).click();
  await atStep(page, 'applicant');
}
