import { encodeCardText, type CardFields, type CardType } from '../../../native-adapters/id-card-reader/codec/card-text';
import { cardTypes, loadCardFile, sampleCard } from '../../../native-adapters/id-card-reader/node/reader-node';
import { IdCardSimulator } from '../../../native-adapters/id-card-reader/simulator/id-card-simulator';
import { UsageError, type CliCommand } from '../command';
import { parseCommandArgs } from '../parse';
import { runSimulatorOnLink } from '../simulator-session';

export const idcardSimCommand: CliCommand = {
  name: 'idcard-sim',
  summary: 'Simulate a second-generation ID-card reader (SAM protocol) on a serial port or pty',
  usage: `Usage: npm run cli -- idcard-sim --link <path> [--card-file <card.json>]
         [--type resident|foreign2017|foreign2023|permit] [--no-card] [--remove-mid-read] [--corrupt] [--slow]

A SIMULATOR, not a reader: answers the kiosk on <path> (one end of a socat pty pair) with the
frames of shared/protocols/idcard-reader.md. Without --card-file it uses a built-in sample card of
--type (default resident) made of obviously fictional test data (name 测试样例).
  --card-file        JSON with the card's fields (resident: name, gender, ethnicity, birthDate,
                     address, idNumber, authority, validFrom, validTo; other types: see the spec)
  --no-card          nothing on the reader (find answers 0x80)
  --remove-mid-read  the first read stops part-way and the card is lifted for ~1 s, then put back
  --corrupt          line noise before replies; the first two reads arrive with a bad checksum
  --slow             late replies and a trickling base-info reply (within the spec's timeouts)
Type "remove" or "place" on stdin to lift or put back the card. Stops on Ctrl-C.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      link: { type: 'string' },
      'card-file': { type: 'string' },
      type: { type: 'string', default: 'resident' },
      'no-card': { type: 'boolean', default: false },
      'remove-mid-read': { type: 'boolean', default: false },
      corrupt: { type: 'boolean', default: false },
      slow: { type: 'boolean', default: false },
    });
    if (!values.link) throw new UsageError('--link <path> is required');
    const type = values.type as CardType;
    if (!cardTypes.includes(type)) throw new UsageError(`--type must be one of ${cardTypes.join(', ')}`);
    let card: CardFields | null = null;
    let latestAddress: string | undefined;
    if (!values['no-card']) {
      if (values['card-file']) {
        const loaded = loadCardFile(values['card-file'], type);
        card = loaded.card;
        latestAddress = loaded.latestAddress;
      } else {
        card = sampleCard(type);
      }
      encodeCardText(card); // fail now, not on the first read, if a field does not fit its slot
    }
    const modes = ['remove-mid-read', 'corrupt', 'slow'].filter((m) => values[m as 'slow']);
    return runSimulatorOnLink(values.link, io, (transport) => {
      const simulator = new IdCardSimulator(transport, {
        card,
        ...(latestAddress ? { latestAddress } : {}),
        removeMidRead: values['remove-mid-read'],
        corrupt: values.corrupt,
        slow: values.slow,
      });
      simulator.start();
      return {
        // Card contents are never printed, not even the simulator's own.
        banner:
          `ID-card reader SIMULATOR (not a real reader) on ${values.link}: ` +
          `${card ? `${card.type} card${values['card-file'] ? ' from file' : ' (built-in fictional test data)'}` : 'no card'}` +
          `${modes.length ? `; modes: ${modes.join(', ')}` : ''}`,
        onCommand(command) {
          if (command === 'remove') simulator.removeCard();
          if (command === 'place') simulator.placeCard();
          return `card ${simulator.cardPresent ? 'on' : 'off'} the reader`;
        },
        stop: () => simulator.stop(),
      };
    });
  },
};
