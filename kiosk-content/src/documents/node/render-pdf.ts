import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { DocumentContent } from '../common/compose-document';
import { A4, layoutDocument, type DocumentLayout, type FontMeasure } from '../common/layout-document';

/**
 * Writes a laid-out document as an A4 PDF in memory (never to disk: the caller pipes the bytes to
 * the printer). pdfkit embeds the Noto Sans SC TrueType faces as subsets holding only the glyphs
 * the document uses. The fonts come from @expo-google-fonts/noto-sans-sc (SIL OFL 1.1), the same
 * family the screen shows from @fontsource/noto-sans-sc.
 */
const fontPackage = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
export const documentFontFiles = {
  regular: path.join(fontPackage, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(fontPackage, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

let fontBytes: { regular: Buffer; bold: Buffer } | null = null;
/** The TTF files are 10 MB each: read once per process. */
function fonts(): { regular: Buffer; bold: Buffer } {
  fontBytes ??= { regular: readFileSync(documentFontFiles.regular), bold: readFileSync(documentFontFiles.bold) };
  return fontBytes;
}

function newPdf(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    // A neutral title and no author: the metadata never carries a resident's name.
    info: { Title: title, Creator: 'Fatong kiosk', Producer: 'Fatong kiosk' },
  });
  const f = fonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  return doc;
}

/** A measuring function bound to one pdfkit document's fonts (pdfkit measures with fontkit). */
function measureWith(doc: PDFKit.PDFDocument): FontMeasure {
  return (text, size, bold) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    return doc.widthOfString(text);
  };
}

let measurer: PDFKit.PDFDocument | null = null;
/** Measures with the document fonts without writing a PDF (for the preview). */
export function documentFontMeasure(): FontMeasure {
  measurer ??= newPdf('measure');
  return measureWith(measurer);
}

export function layoutForPrint(content: DocumentContent): DocumentLayout {
  return layoutDocument(content, documentFontMeasure());
}

/** Draws the layout; resolves with the whole PDF. */
export function renderPdf(layout: DocumentLayout, title: string): Promise<Buffer> {
  const doc = newPdf(title);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const page of layout.pages) {
    doc.addPage({ size: [layout.width, layout.height], margin: 0 });
    for (const item of page.items) {
      if (item.kind === 'rule') {
        doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.lineWidth).strokeColor('#000000').stroke();
      } else {
        doc
          .font(item.bold ? 'bold' : 'regular')
          .fontSize(item.size)
          .fillColor('#000000')
          .text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic' });
      }
    }
  }
  doc.end();
  return done;
}

/** Composed document → PDF bytes, laid out with the same fonts it embeds. */
export async function documentPdf(content: DocumentContent): Promise<{ pdf: Buffer; layout: DocumentLayout }> {
  const layout = layoutForPrint(content);
  return { pdf: await renderPdf(layout, content.title), layout };
}
