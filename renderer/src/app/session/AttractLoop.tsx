import { useEffect, useMemo, useState } from 'react';
import type { AttractContent } from '../../../../electron/common/contract/attract-api';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useSystemInfo } from '../../lib/system-info';
import { useKioskApi } from '../../platform/kiosk-api';
import styles from './session.module.css';

/** Each slide stays this long: long enough to read from a few steps away. */
export const SLIDE_MS = 12_000;

interface SlideView {
  key: string;
  label: string;
  title: string;
  body: string;
  basis?: string;
}

/**
 * While nobody uses the kiosk: 普法 slides and announcements from the content, then the hotline.
 * The whole screen is one invitation — any touch starts a fresh session on the home screen.
 */
export function AttractLoop({ onStart }: { onStart(): void }) {
  const t = useT();
  const api = useKioskApi();
  const { hotlines } = useSystemInfo();
  const [content, setContent] = useState<AttractContent>({ slides: [], announcements: [] });
  const [index, setIndex] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.attract.get().then(
      (value) => {
        if (!cancelled) setContent(value);
      },
      () => {
        // Without content the loop still shows the hotline and the invitation.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const slides = useMemo<SlideView[]>(
    () => [
      ...content.announcements.map((a) => ({ key: `a:${a.id}`, label: t('attract.announcement'), title: a.title, body: a.body })),
      ...content.slides.map((s) => ({
        key: `s:${s.id}`,
        label: t('attract.slide'),
        title: s.title,
        body: s.body,
        basis: t('attract.basis', { cites: s.cites.join('、') }),
      })),
      ...hotlines.map((h) => ({ key: `h:${h.phone}`, label: t('attract.help'), title: h.phone, body: t('attract.hotline', { name: h.name }) })),
    ],
    [content, hotlines, t],
  );

  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => i + 1), SLIDE_MS);
    return () => clearInterval(timer);
  }, []);
  const slide = slides.length > 0 ? slides[index % slides.length] : undefined;

  return (
    // The whole screen starts the session on a tap; the button is the same for keyboards and screen readers.
    <div className={styles.attract} onClick={onStart} data-testid="attract-loop">
      <p className={styles.attractBrand}>{t('app.name')}</p>
      {slide && (
        <article key={slide.key} className={styles.slide} data-testid="attract-slide" aria-live="polite">
          <p className={styles.slideLabel}>{slide.label}</p>
          <h1 className={styles.slideTitle}>{slide.title}</h1>
          <p className={styles.slideBody}>{slide.body}</p>
          {slide.basis && <p className={styles.slideBasis}>{slide.basis}</p>}
        </article>
      )}
      <Button size="huge" className={styles.startButton} onClick={onStart} data-testid="attract-start">
        {t('attract.start')}
      </Button>
    </div>
  );
}
