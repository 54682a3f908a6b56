import { describe, expect, it } from 'vitest';
import { parseDevices, parseJobIds, parsePrinterStatuses, parseRequestId, printerProblem } from './lpstat-codec';

// Outputs captured from CUPS 2.4 (Debian) with a cups-pdf queue; the disabled one after `cupsdisable -r`.
const idle = `printer PDF is idle.  enabled since Mon Dec  7 09:20:04 2026
\tForm mounted:
\tContent types: any
\tDescription: PDF
\tAlerts: none
\tLocation: 
\tUsers allowed:
\t\t(all)
`;
const disabled = `printer PDF disabled since Mon Dec  7 09:20:21 2026 -
\ttest reason
\tForm mounted:
\tAlerts: paused
printer A4 now printing A4-7.  enabled since Mon Dec  7 09:21:00 2026
\tMedia tray empty
\tAlerts: media-empty-error media-needed
`;

describe('lpstat codec', () => {
  it('reads the request id lp prints', () => {
    expect(parseRequestId('request id is PDF-2 (1 file(s))\n')).toBe('PDF-2');
    expect(parseRequestId('lp: Error - The printer or class does not exist.')).toBeNull();
  });
  it('lists queues with their devices', () => {
    expect(parseDevices('device for PDF: cups-pdf:/\ndevice for Office: ipp://10.0.0.2/ipp/print\n')).toEqual([
      { queue: 'PDF', device: 'cups-pdf:/' },
      { queue: 'Office', device: 'ipp://10.0.0.2/ipp/print' },
    ]);
  });
  it('reads state, message and reasons of each printer', () => {
    expect(parsePrinterStatuses(idle)).toEqual([{ queue: 'PDF', activity: 'idle', message: '', reasons: [] }]);
    const [pdf, a4] = parsePrinterStatuses(disabled);
    expect(pdf).toEqual({ queue: 'PDF', activity: 'disabled', message: 'test reason', reasons: ['paused'] });
    expect(a4).toEqual({ queue: 'A4', activity: 'printing', message: 'Media tray empty', reasons: ['media-empty-error', 'media-needed'] });
    expect(printerProblem(pdf!)).toBe('paused');
    expect(printerProblem(a4!)).toBe('paper-out');
    expect(printerProblem(parsePrinterStatuses(idle)[0]!)).toBeNull();
    expect(printerProblem({ queue: 'X', activity: 'idle', message: '', reasons: ['offline-report'] })).toBe('offline');
  });
  it('lists job ids', () => {
    expect(parseJobIds('PDF-2                   root             45056   Mon Dec  7 09:20:03 2026\n\tAlerts: job-printing\n')).toEqual(['PDF-2']);
  });
});
