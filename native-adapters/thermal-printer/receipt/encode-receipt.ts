import {
  chineseModeOn,
  concatBytes,
  feedAndCut,
  initialize,
  lineFeed,
  qrCode,
  setAlignment,
  setBold,
  setCharacterSize,
  setLineSpacing,
} from '../codec/escpos-commands';
import { encodeGb18030Text, encodeUtf8 } from '../codec/gb18030-text';
import type { CharEncoder, TextIssue } from '../codec/gb18030-text';
import type { LineStyle, ReceiptLayout } from './layout-receipt';

export interface EncodeReceiptOptions {
  /** ESC 3 n; 32 dots as in the spec's example receipt (≥ 28 keeps 24-dot glyphs apart). */
  readonly lineSpacing?: number;
  /** Send 4-byte GB18030 sequences unchanged (must match the option the layout was made with). */
  readonly allowFourByte?: boolean;
}

export interface EncodedReceipt {
  readonly bytes: Uint8Array;
  /** Empty when the layout came from layoutReceipt with the same encoder: it already substituted everything. */
  readonly issues: readonly TextIssue[];
}

/**
 * Layout → ESC/POS in text mode: ESC @, FS &, then each line as GB18030 bytes + LF, with GS ! and ESC E sent
 * only when the style changes. Alignment is already in the layout's indents (so the preview matches to the
 * column); ESC a is used only to centre QR codes. Ends with GS V 42 00 (feed to cutter, partial cut).
 */
export function encodeReceipt(layout: ReceiptLayout, encode: CharEncoder, options: EncodeReceiptOptions = {}): EncodedReceipt {
  const parts: Uint8Array[] = [initialize(), chineseModeOn(), setLineSpacing(options.lineSpacing ?? 32)];
  const issues: TextIssue[] = [];
  let style: LineStyle = { bold: false, width: 1, height: 1 };

  const applyStyle = (next: LineStyle) => {
    if (next.width !== style.width || next.height !== style.height) parts.push(setCharacterSize(next.width, next.height));
    if (next.bold !== style.bold) parts.push(setBold(next.bold));
    style = next;
  };

  for (const line of layout.lines) {
    switch (line.kind) {
      case 'text': {
        // Spaces carry the style's width too, so a double-width line needs half as many.
        const spaces = ' '.repeat(line.indent / line.style.width);
        const text = encodeGb18030Text(spaces + line.text, encode, options);
        issues.push(...text.issues);
        if (line.text !== '') applyStyle(line.style);
        parts.push(text.bytes, lineFeed());
        break;
      }
      case 'qr':
        applyStyle({ bold: false, width: 1, height: 1 });
        parts.push(
          setAlignment('center'),
          qrCode(encodeUtf8(line.payload), { moduleSize: line.moduleSize, errorLevel: line.errorLevel }),
          lineFeed(),
          setAlignment('left'),
        );
        break;
      case 'cut':
        applyStyle({ bold: false, width: 1, height: 1 });
        parts.push(feedAndCut('partial', 0));
        break;
    }
  }
  return { bytes: concatBytes(parts), issues };
}
