/**
 * The receipt document model: what a receipt says, independent of paper width. layoutReceipt() turns it into
 * lines for one paper width; those lines feed both the ESC/POS encoder and the on-screen preview.
 */

export type BlockAlign = 'left' | 'center' | 'right';

/** Printed on every receipt (the layout adds it; builders only pass the values, so layout stays deterministic). */
export interface ReceiptHeader {
  /** e.g. 「某某社区法律之家」 — from the site configuration. */
  readonly siteName: string;
  /** Already formatted local date and time, e.g. 「2026-11-22 14:05」 (see formatIssuedAt). */
  readonly issuedAt: string;
  /** A short reference number so staff can find the session, e.g. 「A7K3Q2」. */
  readonly reference: string;
}

export interface KeyValueRow {
  readonly key: string;
  readonly value: string;
}

export type ReceiptBlock =
  /** Large heading (bold, double height), centred by default. */
  | { readonly type: 'title'; readonly text: string; readonly align?: BlockAlign }
  /** Section heading (bold, normal size). */
  | { readonly type: 'heading'; readonly text: string }
  /** Paragraphs separated by \n. URLs too wide for a line become a QR code below the paragraph. */
  | { readonly type: 'text'; readonly text: string; readonly align?: BlockAlign; readonly bold?: boolean }
  /** Numbered steps with a hanging indent. */
  | { readonly type: 'steps'; readonly items: readonly string[]; readonly start?: number }
  /** Items to tick off (☐ in the model; printed as □, see CHECKBOX), hanging indent. */
  | { readonly type: 'checklist'; readonly items: readonly string[] }
  /** Bulleted items (·), hanging indent. */
  | { readonly type: 'bullets'; readonly items: readonly string[] }
  /** 「键：值」 rows; the value wraps under itself. */
  | { readonly type: 'keyValue'; readonly rows: readonly KeyValueRow[] }
  | { readonly type: 'separator'; readonly char?: '-' | '=' }
  | { readonly type: 'blank' }
  /** A QR code, centred; keep the payload an ASCII URL under ~100 bytes (§5). */
  | { readonly type: 'qr'; readonly payload: string; readonly caption?: string }
  | { readonly type: 'cut' };

export interface ReceiptDocument {
  readonly header: ReceiptHeader;
  readonly blocks: readonly ReceiptBlock[];
}

/** The line every receipt ends with. */
export const RECEIPT_FOOTER = '本单仅为一般性指引，不是法律意见。';

/**
 * ☐ (U+2610) is a 4-byte GB18030 sequence (81 37 A4 30), which many printer fonts lack; □ (A1 F5) is in GB2312.
 * So checklist items print with □.
 */
export const CHECKBOX = '□';

/** 「YYYY-MM-DD HH:mm」 from a Date in the machine's local time (the kiosk's clock is set to the site's zone). */
export function formatIssuedAt(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Appends a heading and its body (after one blank line) when `when` holds: the sections of every slip. */
export function appendSection(blocks: ReceiptBlock[], heading: string, body: readonly ReceiptBlock[], when: boolean): void {
  if (!when) return;
  if (blocks.at(-1)?.type !== 'blank') blocks.push({ type: 'blank' });
  blocks.push({ type: 'heading', text: heading }, ...body);
}
