import type { CardRecord } from '../../../native-adapters/id-card-reader/codec/card-text';
import { BAUD_RATES } from '../../../native-adapters/id-card-reader/codec/commands';
import { projectCard, type ProjectedCard } from '../../../native-adapters/id-card-reader/codec/mask';
import { serialTransportFactory, systemReaderClock } from '../../../native-adapters/id-card-reader/node/reader-node';
import { IdCardReaderService, type ReaderState } from '../../../native-adapters/id-card-reader/service/id-card-reader-service';
import { UsageError, type CliCommand } from '../command';
import { parseCommandArgs } from '../parse';

const typeNames: Record<string, string> = {
  resident: '居民身份证',
  permit: '港澳台居民居住证',
  foreign2017: '外国人永久居留身份证 (2017)',
  foreign2023: '外国人永久居留身份证 (2023)',
};

export const idcardReadCommand: CliCommand = {
  name: 'idcard-read',
  summary: 'Read one ID card and print only its masked fields and the card type',
  usage: `Usage: npm run cli -- idcard-read --port <path> [--baud <N>] [--json] [--timeout <seconds>]

Waits for one card on the reader at <path>, then prints the card type,
the masked name and number, gender, age group and region. The card's raw data is never printed,
logged or written anywhere. Exits 1 with the reason when no card is read (default timeout 20 s).
  --baud  open the port at this rate only (${BAUD_RATES.join(', ')}), as the kiosk does when
          idReader.baudRate is provisioned; without it the rate is auto-detected.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      port: { type: 'string' },
      json: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '20' },
      baud: { type: 'string' },
    });
    if (!values.port) throw new UsageError('--port <path> is required');
    const timeoutS = Number(values.timeout);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UsageError('--timeout must be a positive number of seconds');
    const baudRate = values.baud === undefined ? null : Number(values.baud);
    if (baudRate !== null && !(BAUD_RATES as readonly number[]).includes(baudRate)) throw new UsageError(`--baud must be one of ${BAUD_RATES.join(', ')}`);

    const service = new IdCardReaderService({ openTransport: serialTransportFactory(values.port), baudRate, clock: systemReaderClock });
    const outcome = await new Promise<{ ok: true; card: ProjectedCard } | { ok: false; reason: string }>((resolve) => {
      const timer = setTimeout(
        () => resolve({ ok: false, reason: `no card was read within ${timeoutS} s (last state: ${describe(service.state)})` }),
        timeoutS * 1000,
      );
      const finish = (value: { ok: true; card: ProjectedCard } | { ok: false; reason: string }) => {
        clearTimeout(timer);
        resolve(value);
      };
      service.onDidChangeState((state) => {
        if (state.state === 'reader-offline') finish({ ok: false, reason: `reader offline: ${state.detail}` });
        if (state.state === 'retry-placement' && state.reason === 'unreadable') finish({ ok: false, reason: 'the card could not be read after 3 attempts' });
      });
      service.startRead((card: CardRecord) => {
        finish({
          ok: true,
          card: projectCard(card, ['cardType', 'maskedName', 'maskedIdNumber', 'gender', 'ageBracket', 'region', 'numberValid'], systemReaderClock.today()),
        });
      });
      service.start();
    });
    await service.stop();
    if (!outcome.ok) {
      io.stderr(`error: ${outcome.reason}\n`);
      return 1;
    }
    const c = outcome.card;
    if (values.json) {
      io.stdout(`${JSON.stringify(c)}\n`);
    } else {
      io.stdout(
        `card type:  ${c.cardType ?? ''} (${typeNames[c.cardType ?? ''] ?? ''})\n` +
          `name:       ${c.maskedName ?? ''}\n` +
          `number:     ${c.maskedIdNumber ?? ''}${c.numberValid ? '' : '  (does NOT validate: re-read or check the card)'}\n` +
          `gender:     ${c.gender ?? ''}\n` +
          `age group:  ${c.ageBracket ?? ''}\n` +
          `region:     ${c.region ?? '-'}\n`,
      );
    }
    return 0;
  },
};

function describe(state: ReaderState): string {
  return 'reason' in state ? `${state.state} (${state.reason})` : state.state;
}
