import { useState } from 'react';
import type { DocumentLayoutView } from '../../../../electron/common/contract/document-api';
import { Button } from '../../components/ui/Button';
import { CONTENT_LANG } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import styles from './documents.module.css';

const zoomSteps = [0.8, 1, 1.3, 1.7, 2.2] as const;

/**
 * The A4 pages drawn from the host's layout — the very items the PDF writer draws — as SVG, in
 * the same font family (Noto Sans SC). Each text run is stretched to its measured width, so line
 * ends fall where they fall on paper. The same code runs in Electron and in browser mode.
 */
export function DocumentPreview({ layout }: { layout: DocumentLayoutView }) {
  const t = useT();
  const [zoom, setZoom] = useState(1);
  const at = zoomSteps.indexOf(zoom as (typeof zoomSteps)[number]);
  return (
    <div className={styles.preview}>
      <div className={styles.zoomRow}>
        <Button variant="secondary" disabled={at <= 0} onClick={() => setZoom(zoomSteps[at - 1] ?? zoom)} data-testid="doc-zoom-out">
          {t('documents.preview.zoomOut')}
        </Button>
        <span className={styles.zoomValue} data-testid="doc-zoom">
          {Math.round(zoom * 100)}%
        </span>
        <Button variant="secondary" disabled={at >= zoomSteps.length - 1} onClick={() => setZoom(zoomSteps[at + 1] ?? zoom)} data-testid="doc-zoom-in">
          {t('documents.preview.zoomIn')}
        </Button>
      </div>
      <div className={styles.pages} data-testid="doc-pages">
        {layout.pages.map((page, index) => (
          <figure key={index} className={styles.page} style={{ width: `${String(Math.round(layout.width * 1.25 * zoom))}px` }}>
            <svg
              viewBox={`0 0 ${String(layout.width)} ${String(layout.height)}`}
              lang={CONTENT_LANG}
              role="img"
              aria-label={t('documents.preview.page', { page: index + 1 })}
              data-testid="doc-page"
            >
              <rect x="0" y="0" width={layout.width} height={layout.height} fill="#ffffff" />
              {page.items.map((item, i) =>
                item.kind === 'rule' ? (
                  <line key={i} x1={item.x1} y1={item.y1} x2={item.x2} y2={item.y2} stroke="#000000" strokeWidth={item.lineWidth} />
                ) : (
                  <text
                    key={i}
                    x={item.x}
                    y={item.y}
                    fontSize={item.size}
                    fontWeight={item.bold ? 700 : 400}
                    textLength={item.width}
                    lengthAdjust="spacingAndGlyphs"
                    fill="#000000"
                    className={styles.pageText}
                  >
                    {item.text}
                  </text>
                ),
              )}
            </svg>
            <figcaption className={styles.pageNumber}>{t('documents.preview.page', { page: index + 1 })}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
