import path from 'node:path';
import { PrinterSimulator, SIMULATOR_BANNER } from '../../../native-adapters/thermal-printer/simulator/printer-simulator';
import { UsageError, type CliCommand } from '../command';
import { parseCommandArgs } from '../parse';
import { runSimulatorOnLink } from '../simulator-session';

export const printerSimCommand: CliCommand = {
  name: 'printer-sim',
  summary: 'Simulate an ESC/POS receipt printer (GB18030, QR, DLE EOT) on a serial port or pty',
  usage: `Usage: npm run cli -- printer-sim --link <path> [--width 58|80] [--paper-out] [--no-paper]
         [--cover-open] [--slow] [--out <dir>] [--no-png]

A SIMULATOR, not a printer: interprets the ESC/POS the kiosk sends on <path> (one end of a socat
pty pair), answers DLE EOT, and writes each job (ended by a cut) as job-NNNN.txt and job-NNNN.png.
  --width       paper width: 58 (32 columns, 384 dots; default) or 80 (48 columns, 576 dots)
  --paper-out   the paper runs out part-way through the next job (after 5 lines); the rest waits
                in the buffer and prints when paper is loaded ("paper" on stdin)
  --no-paper    out of paper from the start
  --cover-open  the cover is open from the start ("close" on stdin closes it)
  --slow        prints a line every 60 ms and answers DLE EOT after 150 ms
  --out         output folder (default: ./printer-sim-out in the system temp folder)
Stdin controls: "paper" (load paper), "out" (run out now), "out-mid" (run out after 5 lines of
the next job), "open"/"close" (cover), "status". Stops on Ctrl-C.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      link: { type: 'string' },
      width: { type: 'string', default: '58' },
      'paper-out': { type: 'boolean', default: false },
      'no-paper': { type: 'boolean', default: false },
      'cover-open': { type: 'boolean', default: false },
      slow: { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-png': { type: 'boolean', default: false },
    });
    if (!values.link) throw new UsageError('--link <path> is required');
    if (values.width !== '58' && values.width !== '80') throw new UsageError('--width must be 58 or 80');
    const outDir = path.resolve(values.out ?? path.join(io.env.TMPDIR ?? '/tmp', 'printer-sim-out'));
    const modes = ['paper-out', 'no-paper', 'cover-open', 'slow'].filter((m) => values[m as 'slow']);
    return runSimulatorOnLink(values.link, io, (transport) => {
      const simulator = new PrinterSimulator(transport, {
        paperWidth: values.width === '80' ? 80 : 58,
        paperOut: values['no-paper'],
        paperOutAfterLines: values['paper-out'] ? 5 : null,
        coverOpen: values['cover-open'],
        slow: values.slow,
        outDir,
        png: !values['no-png'],
      });
      simulator.onJob((job) => {
        io.stdout(
          `[simulator] job ${job.number}: ${job.text.length} lines${job.warnings.length ? `, ${job.warnings.length} warnings` : ''} → ${job.files?.text ?? '(not saved)'}\n`,
        );
      });
      simulator.start();
      return {
        banner: `${SIMULATOR_BANNER} on ${values.link}: ${values.width} mm, output ${outDir}${modes.length ? `; modes: ${modes.join(', ')}` : ''}`,
        onCommand(command) {
          if (command === 'paper') simulator.loadPaper();
          else if (command === 'out') simulator.runOutOfPaper();
          else if (command === 'out-mid') simulator.runOutOfPaper(5);
          else if (command === 'open') simulator.setCoverOpen(true);
          else if (command === 'close') simulator.setCoverOpen(false);
          const s = simulator.state;
          return `[simulator] paper ${s.paperOut ? 'OUT' : 'ok'}, cover ${s.coverOpen ? 'OPEN' : 'closed'}, ${s.buffered} bytes waiting`;
        },
        stop: () => simulator.stop(),
      };
    });
  },
};
