/**
 * The SIMULATED printer's command interpreter: ESC/POS bytes (the subset of
 * shared/protocols/escpos-printer.md §2, §5) → printed lines, the way a 58/80 mm Chinese printer
 * would put them on paper: GB18030 decoded only in Chinese mode (FS &), sizes (GS !, ESC !), bold,
 * alignment at the start of a line, automatic wrap at the paper width, QR from the stored data.
 * DLE EOT is not handled here: real-time commands are answered where bytes are received.
 */

export type SimAlignment = 'left' | 'center' | 'right';

export interface PrintedTextLine {
  kind: 'text';
  /** Decoded characters as sent (leading spaces included). */
  text: string;
  /** Blank cells the alignment put before the text (ESC a). */
  alignPad: number;
  /** Width of `text` in cells: ASCII 1, double-byte 2, times the width scale. */
  columns: number;
  bold: boolean;
  width: number;
  height: number;
  /** Line pitch in dots (ESC 3 n / ESC 2). */
  spacing: number;
  /** True when the printer wrapped the line because it was wider than the paper. */
  wrapped: boolean;
  /** Raw bytes of the characters (for tests of what reached the head). */
  bytes: number[];
}

export interface PrintedQr {
  kind: 'qr';
  payload: string;
  payloadBytes: number;
  model: number;
  moduleSize: number;
  errorLevel: 'L' | 'M' | 'Q' | 'H';
  align: SimAlignment;
}

export interface PrintedFeed {
  kind: 'feed';
  dots: number;
}

export type PrintedLine = PrintedTextLine | PrintedQr | PrintedFeed;

export interface PrintedJob {
  lines: PrintedLine[];
  /** Unknown commands, bytes sent in the wrong mode, truncated commands. */
  warnings: string[];
  cut: 'partial' | 'full';
}

const DEFAULT_SPACING = 30;

/**
 * Byte-at-a-time state machine. `feed` may be called with any split of the stream (a serial link
 * delivers arbitrary chunks); a job ends at GS V and is handed to `onJob`.
 */
export class EscPosInterpreter {
  private chinese = false;
  private align: SimAlignment = 'left';
  private bold = false;
  private widthScale = 1;
  private heightScale = 1;
  private spacing = DEFAULT_SPACING;
  private lines: PrintedLine[] = [];
  private warnings: string[] = [];
  /** Current line: bytes and the state captured at its first printable byte. */
  private lineBytes: number[] = [];
  private lineColumns = 0;
  private lineAlign: SimAlignment = 'left';
  private lineStarted = false;
  private pendingLead: number[] = [];
  private command: number[] = [];
  private qrStore: { data: number[] } | null = null;
  private qrModel = 50;
  private qrModule = 3;
  private qrLevel: PrintedQr['errorLevel'] = 'L';
  private readonly decoder = new TextDecoder('gb18030');
  private readonly ascii = new TextDecoder('latin1');

  constructor(
    private readonly columns: number,
    private readonly onLine: (line: PrintedLine) => void,
    private readonly onJob: (job: PrintedJob) => void,
  ) {}

  get chineseMode(): boolean {
    return this.chinese;
  }

  feed(byte: number): void {
    if (this.command.length > 0) {
      this.command.push(byte);
      this.continueCommand();
      return;
    }
    if (this.pendingLead.length > 0) {
      this.continueDoubleByte(byte);
      return;
    }
    switch (byte) {
      case 0x1b:
      case 0x1d:
      case 0x1c:
      case 0x10:
        this.command = [byte];
        return;
      case 0x0a:
        this.printLine(false);
        return;
      case 0x0d:
        return; // CR is ignored when LF ends lines (the common setting)
      case 0x09:
        this.addChar([0x20], 1);
        return;
      default:
        break;
    }
    if (byte < 0x20 || byte === 0x7f) {
      this.warn(`control byte ${hex(byte)} ignored`);
      return;
    }
    if (byte < 0x80) {
      this.addChar([byte], 1);
      return;
    }
    if (!this.chinese) {
      this.warn(`byte ${hex(byte)} outside Chinese mode (FS & not sent): printed as a code-page glyph`);
      this.addChar([byte], 1);
      return;
    }
    if (byte === 0x80 || byte === 0xff) {
      this.warn(`byte ${hex(byte)} is not a GB18030 lead byte`);
      return;
    }
    this.pendingLead = [byte];
  }

  // ---- text ----

  private continueDoubleByte(byte: number): void {
    const seq = [...this.pendingLead, byte];
    if (seq.length === 2 && byte >= 0x30 && byte <= 0x39) {
      this.pendingLead = seq; // a 4-byte GB18030 sequence
      return;
    }
    if (seq.length === 3) {
      this.pendingLead = seq;
      return;
    }
    this.pendingLead = [];
    if (seq.length === 2 && (byte < 0x40 || byte === 0x7f || byte === 0xff)) {
      this.warn(`GB18030 lead ${hex(seq[0] ?? 0)} followed by ${hex(byte)}: character lost`);
      return;
    }
    if (seq.length === 4) this.warn(`4-byte GB18030 sequence ${seq.map(hex).join(' ')} (many fonts cover only the 2-byte zones)`);
    this.addChar(seq, 2);
  }

  private addChar(bytes: number[], cells: number): void {
    const width = cells * this.widthScale;
    if (!this.lineStarted) {
      this.lineStarted = true;
      this.lineAlign = this.align;
    }
    if (this.lineColumns + width > this.columns && this.lineColumns > 0) this.printLine(true);
    if (!this.lineStarted) {
      this.lineStarted = true;
      this.lineAlign = this.align;
    }
    this.lineBytes.push(...bytes);
    this.lineColumns += width;
  }

  private printLine(wrapped: boolean): void {
    if (this.pendingLead.length > 0) {
      this.warn('line ended inside a double-byte character');
      this.pendingLead = [];
    }
    const align = this.lineStarted ? this.lineAlign : this.align;
    const free = Math.max(0, this.columns - this.lineColumns);
    const alignPad = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
    const bytes = Uint8Array.from(this.lineBytes);
    const text = this.chinese ? this.decoder.decode(bytes) : this.ascii.decode(bytes);
    this.emit({
      kind: 'text',
      text,
      alignPad,
      columns: this.lineColumns,
      bold: this.bold,
      width: this.widthScale,
      height: this.heightScale,
      spacing: this.spacing,
      wrapped,
      bytes: [...this.lineBytes],
    });
    this.lineBytes = [];
    this.lineColumns = 0;
    this.lineStarted = false;
  }

  private emit(line: PrintedLine): void {
    this.lines.push(line);
    this.onLine(line);
  }

  // ---- commands ----

  private continueCommand(): void {
    const c = this.command;
    const [prefix, code] = c;
    if (c.length < 2 || prefix === undefined || code === undefined) return;
    const done = () => {
      this.command = [];
    };
    const arg = (i: number) => c[i] ?? 0;
    if (prefix === 0x10) {
      // Real-time commands were answered on receipt; here they only have to be skipped.
      if ((code === 0x04 || code === 0x05 || code === 0x14) && c.length < 3) return;
      done();
      return;
    }
    if (prefix === 0x1b) {
      switch (code) {
        case 0x40: // ESC @
          this.reset();
          return done();
        case 0x32:
          this.spacing = DEFAULT_SPACING;
          return done();
        case 0x61:
        case 0x45:
        case 0x33:
        case 0x64:
        case 0x4a:
        case 0x21:
        case 0x2d:
        case 0x4d:
        case 0x52:
        case 0x74:
        case 0x47:
          if (c.length < 3) return;
          break;
        default:
          this.warn(`unknown command ESC ${hex(code)}`);
          return done();
      }
      const n = arg(2);
      if (code === 0x61) this.align = n % 0x30 === 1 ? 'center' : n % 0x30 === 2 ? 'right' : 'left';
      if (code === 0x45) this.bold = (n & 1) === 1;
      if (code === 0x33) this.spacing = n;
      if (code === 0x64) this.feedLines(n);
      if (code === 0x4a) this.feedDots(n);
      if (code === 0x21) {
        this.bold = (n & 0x08) !== 0;
        this.heightScale = n & 0x10 ? 2 : 1;
        this.widthScale = n & 0x20 ? 2 : 1;
      }
      return done();
    }
    if (prefix === 0x1c) {
      if (code === 0x26) {
        this.chinese = true;
        return done();
      }
      if (code === 0x2e) {
        this.chinese = false;
        return done();
      }
      if (code === 0x21 || code === 0x57 || code === 0x2d) {
        if (c.length < 3) return;
        return done();
      }
      this.warn(`unknown command FS ${hex(code)}`);
      return done();
    }
    // GS
    switch (code) {
      case 0x21: {
        if (c.length < 3) return;
        const n = arg(2);
        this.widthScale = ((n >> 4) & 0x07) + 1;
        this.heightScale = (n & 0x07) + 1;
        return done();
      }
      case 0x56: {
        if (c.length < 3) return;
        const m = arg(2);
        if ((m === 0x41 || m === 0x42 || m === 65 || m === 66) && c.length < 4) return;
        this.cut(m === 0x00 || m === 0x30 || m === 0x41 ? 'full' : 'partial');
        return done();
      }
      case 0x42:
      case 0x61:
      case 0x72:
        if (c.length < 3) return;
        return done();
      case 0x28: {
        if (c.length < 5) return;
        const length = arg(3) + 256 * arg(4);
        if (c.length < 5 + length) return;
        this.function2d(c.slice(5));
        return done();
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH data: skip the raster data, note it.
        if (c.length < 8) return;
        const size = (arg(4) + 256 * arg(5)) * (arg(6) + 256 * arg(7));
        if (c.length < 8 + size) return;
        this.warn('raster image (GS v 0) printed as a blank band');
        this.feedDots(arg(6) + 256 * arg(7));
        return done();
      }
      default:
        this.warn(`unknown command GS ${hex(code)}`);
        return done();
    }
  }

  private function2d(body: number[]): void {
    const [cn, fn, ...rest] = body;
    if (cn !== 0x31) {
      this.warn(`GS ( k for symbol cn=${hex(cn ?? 0)} not supported`);
      return;
    }
    switch (fn) {
      case 0x41:
        this.qrModel = rest[0] ?? 50;
        return;
      case 0x43:
        this.qrModule = rest[0] ?? 3;
        return;
      case 0x45:
        this.qrLevel = (['L', 'M', 'Q', 'H'] as const)[(rest[0] ?? 0x30) - 0x30] ?? 'L';
        return;
      case 0x50:
        if (rest[0] !== 0x30) this.warn('GS ( k store: m must be 0x30');
        this.qrStore = { data: rest.slice(1) };
        return;
      case 0x51: {
        if (!this.qrStore) {
          this.warn('GS ( k print without stored QR data');
          return;
        }
        if (this.lineBytes.length > 0) this.printLine(false);
        const data = Uint8Array.from(this.qrStore.data);
        this.emit({
          kind: 'qr',
          payload: new TextDecoder('utf-8').decode(data),
          payloadBytes: data.length,
          model: this.qrModel - 0x30,
          moduleSize: this.qrModule,
          errorLevel: this.qrLevel,
          align: this.align,
        });
        return;
      }
      default:
        this.warn(`GS ( k function ${hex(fn ?? 0)} not supported`);
    }
  }

  private feedLines(n: number): void {
    if (this.lineBytes.length > 0) this.printLine(false);
    if (n > 0) this.emit({ kind: 'feed', dots: n * this.spacing });
  }

  private feedDots(n: number): void {
    if (this.lineBytes.length > 0) this.printLine(false);
    if (n > 0) this.emit({ kind: 'feed', dots: n });
  }

  private cut(mode: 'partial' | 'full'): void {
    if (this.lineBytes.length > 0) this.printLine(false);
    const job: PrintedJob = { lines: this.lines, warnings: this.warnings, cut: mode };
    this.lines = [];
    this.warnings = [];
    this.onJob(job);
  }

  private reset(): void {
    // ESC @ clears the line buffer and the modes. Chinese mode is left OFF on purpose: the spec says
    // not to assume the power-on default survives, so a host that forgets FS & is caught here.
    this.lineBytes = [];
    this.lineColumns = 0;
    this.lineStarted = false;
    this.pendingLead = [];
    this.chinese = false;
    this.align = 'left';
    this.bold = false;
    this.widthScale = 1;
    this.heightScale = 1;
    this.spacing = DEFAULT_SPACING;
  }

  private warn(message: string): void {
    if (this.warnings.length < 50) this.warnings.push(message);
  }
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** A printed line as plain text, aligned as on paper (QR as a bracketed line, feeds as nothing). */
export function printedLineText(line: PrintedLine, columns: number): string | null {
  if (line.kind === 'feed') return null;
  if (line.kind === 'qr') {
    const label = `[QR M${line.model} ${line.errorLevel} ×${line.moduleSize}: ${line.payload}]`;
    const pad = line.align === 'center' ? Math.max(0, Math.floor((columns - label.length) / 2)) : 0;
    return ' '.repeat(pad) + label;
  }
  return (' '.repeat(line.alignPad) + line.text).trimEnd();
}
