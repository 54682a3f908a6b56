import { probePort, type ProbeResult } from '../../../electron/node/provisioning/device-probe';
import { listSerialPorts } from '../../../native-adapters/transport/serial/serial-transport';
import type { CliCommand } from '../command';
import { formatQueue, listCupsQueues } from './a4-printer-checks';
import { parseCommandArgs } from '../parse';
import { errorMessage } from '../../../electron/common/errors/error-message';

interface PortRow {
  path: string;
  /** false = given with --ports (pseudo-terminals and some adapters are not listed by the OS). */
  listed: boolean;
  manufacturer: string | null;
  vendorId: string | null;
  productId: string | null;
  probe?: ProbeResult;
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'List serial ports; with --probe, find which one is the receipt printer and which the ID reader',
  usage: `Usage: npm run cli -- devices [--probe] [--ports <p1,p2,…>] [--json]

Lists the serial ports the operating system reports (USB adapters with their vendor/product id).
  --probe  asks every port what it is: an ESC/POS printer answers DLE EOT (tried at 9600, 19200,
           38400, 57600, 115200 baud), an ID-card reader answers SAM status (115200 … 9600) and
           gives its SAM id. A port that answers as a printer is never sent reader frames.
           Close the kiosk first: a port in use cannot be opened.
  --ports  extra paths to list/probe (pseudo-terminals, symlinks such as /dev/serial/by-id/…)
  --json   {ports: [{path, listed, manufacturer, vendorId, productId, probe?: {kind, baudRate, …}}],
           cupsQueues: [{queue, device, status, problem}]}
Also lists the CUPS queues (the A4 printer is provisioned by its queue name, a4Printer.queue).`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      probe: { type: 'boolean', default: false },
      ports: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const rows: PortRow[] = [];
    try {
      for (const p of await listSerialPorts()) rows.push({ ...p, listed: true });
    } catch (error) {
      io.stderr(`devices: cannot list serial ports: ${errorMessage(error)}\n`);
    }
    for (const extra of (values.ports ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!rows.some((r) => r.path === extra)) rows.push({ path: extra, listed: false, manufacturer: null, vendorId: null, productId: null });
    }
    if (values.probe) for (const row of rows) row.probe = await probePort(row.path);
    const cups = await listCupsQueues();
    if (values.json) {
      io.stdout(`${JSON.stringify({ ports: rows, cupsQueues: cups.queues, ...(cups.problem ? { cupsProblem: cups.problem } : {}) })}\n`);
      return 0;
    }
    if (rows.length === 0) io.stdout('no serial ports found (give pseudo-terminals with --ports)\n');
    for (const row of rows) {
      const usb = row.vendorId ? ` usb ${row.vendorId}:${row.productId ?? '?'}` : '';
      const what = row.probe
        ? `  → ${row.probe.kind === 'unknown' ? 'unknown' : `${row.probe.kind} at ${String(row.probe.baudRate)} baud`}: ${row.probe.detail}`
        : '';
      io.stdout(`${row.path}${row.manufacturer ? ` (${row.manufacturer})` : ''}${usb}${row.listed ? '' : ' [given]'}${what}\n`);
    }
    // The A4 printer is a CUPS queue, not a serial port: provision its name as a4Printer.queue.
    if (cups.problem) io.stdout(`CUPS: cannot list queues (${cups.problem})\n`);
    else if (cups.queues.length === 0) io.stdout('CUPS: no queues (add the A4 printer with lpadmin)\n');
    for (const q of cups.queues) io.stdout(`${formatQueue(q)}\n`);
    return 0;
  },
};
