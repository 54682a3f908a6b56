import type { PointerEvent, ReactNode } from 'react';
import type { Candidate } from '../../../../electron/common/ime/pinyin-engine';
import { CONTENT_LANG, MarkChinese } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import styles from './on-screen-keyboard.module.css';
import { CANDIDATES_PER_PAGE, candidatePage, type Composition } from './pinyin-composition';

export interface PinyinCandidateBarProps {
  composition: Composition;
  /** All candidates for the composition, best first. */
  candidates: readonly Candidate[];
  /** The dictionary is still loading. */
  loading: boolean;
  onPick(candidate: Candidate): void;
  onPage(delta: 1 | -1): void;
  /** Shown when nothing is being typed (the screen's suggestions, examples or a hint). */
  idle: ReactNode;
  maxLetters: number;
}

// Tapping must not take focus from the search box (a physical keyboard's IME stays put).
const keepFocus = (event: PointerEvent<HTMLButtonElement>): void => event.preventDefault();

/**
 * Above the 拼音 keys: the letters being typed on one line, and under them the words they may
 * mean, a page at a time with 上一页/下一页. The two lines keep their height whether or not
 * anything is typed, so keys never jump under a finger.
 */
export function PinyinCandidateBar({ composition, candidates, loading, onPick, onPage, idle, maxLetters }: PinyinCandidateBarProps) {
  const t = useT();
  const composing = composition.letters !== '';
  const page = candidatePage(candidates, composition.page);

  let line: ReactNode;
  if (!composing) line = idle;
  else if (loading) line = <p className={styles.hint}>{t('ime.loading')}</p>;
  else if (candidates.length === 0)
    line = (
      <p className={styles.hint} data-testid="ime-none">
        {t('ime.none')}
      </p>
    );
  else
    line = (
      <>
        <div className={styles.imeCandidates} role="group" aria-label={t('ime.candidates')}>
          {page.items.map((candidate, index) => (
            <button
              key={`${candidate.letters}:${candidate.text}`}
              type="button"
              className={styles.imeCandidate}
              onPointerDown={keepFocus}
              onClick={() => onPick(candidate)}
              lang={CONTENT_LANG}
              data-testid="ime-candidate"
              data-rank={composition.page * CANDIDATES_PER_PAGE + index}
            >
              {candidate.text}
            </button>
          ))}
        </div>
        <span className={styles.imePaging}>
          <button
            type="button"
            className={styles.imePageKey}
            onPointerDown={keepFocus}
            onClick={() => onPage(-1)}
            disabled={!page.hasPrevious}
            data-testid="ime-previous"
          >
            <MarkChinese text={t('ime.previousPage')} />
          </button>
          <button
            type="button"
            className={styles.imePageKey}
            onPointerDown={keepFocus}
            onClick={() => onPage(1)}
            disabled={!page.hasNext}
            data-testid="ime-next"
          >
            <MarkChinese text={t('ime.nextPage')} />
          </button>
        </span>
      </>
    );

  return (
    <div className={styles.imeBar} data-testid="keyboard-candidates">
      <div className={styles.composition} role="status" aria-label={t('ime.composition')} data-testid="ime-composition">
        {composition.letters}
        {composition.full && <span className={styles.compositionFull}> {t('ime.tooLong', { max: maxLetters })}</span>}
      </div>
      <div className={styles.candidates}>{line}</div>
    </div>
  );
}
