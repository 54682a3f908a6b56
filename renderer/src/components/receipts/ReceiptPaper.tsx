import type { CSSProperties } from 'react';
import type { ReceiptLayout } from '../../../../electron/common/contract/receipt-api';
import { DOTS_PER_CELL, previewRows } from './receipt-paper-grid';
import styles from './receipt-paper.module.css';

/**
 * Screen pixels per printer dot come from the --receipt-dot token: 1.25 px, so a CJK cell pair
 * (24 dots) is drawn 30 px wide, above the 24 px text minimum; 1.5 px (36 px) in 大字模式.
 */
const dotsToPx = (dots: number): string => `calc(${dots} * var(--receipt-dot))`;

/** The receipt preview (PrintPanel frames it): the layout on a grid of 12-dot cells, each glyph placed on its own cells (no font metrics involved). */
export function ReceiptPaper({ layout }: { layout: ReceiptLayout }) {
  const { rows, heightDots } = previewRows(layout);
  const px = dotsToPx;
  return (
    <div className={styles.paperWrap}>
      <div
        className={styles.paper}
        style={{ width: px(layout.dots), height: px(heightDots) }}
        data-testid="receipt-preview"
        data-columns={layout.columns}
        role="img"
        // Slips are printed in Chinese whatever the screen's language.
        lang="zh-CN"
        aria-label={layout.lines.map((l) => (l.kind === 'text' ? l.text : '')).join(' ')}
      >
        {rows.map((row, index) => {
          if (row.kind === 'text') {
            return (
              <div
                key={index}
                className={`${styles.paperLine} ${row.bold ? styles.paperBold : ''}`}
                style={{ top: px(row.top), height: px(row.height) }}
                data-line={index}
                data-text={row.glyphs.map((g) => g.char).join('')}
              >
                {row.glyphs.map((glyph, g) => (
                  <span
                    key={g}
                    className={styles.glyph}
                    style={
                      {
                        left: px(glyph.cell * DOTS_PER_CELL),
                        width: px(glyph.cells * DOTS_PER_CELL),
                        '--glyph-scale-x': row.widthScale,
                        '--glyph-scale-y': row.heightScale,
                      } as CSSProperties
                    }
                  >
                    {glyph.char}
                  </span>
                ))}
              </div>
            );
          }
          if (row.kind === 'qr') {
            return (
              <div
                key={index}
                className={styles.paperQr}
                style={{ top: px(row.top), left: px(row.left), width: px(row.size), height: px(row.size) }}
                data-qr={row.payload}
              />
            );
          }
          return <div key={index} className={styles.paperCut} style={{ top: px(row.top + row.height / 2) }} data-cut />;
        })}
      </div>
    </div>
  );
}
