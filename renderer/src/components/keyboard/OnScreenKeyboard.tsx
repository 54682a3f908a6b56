import { useEffect, useMemo, useReducer, useState, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { MAX_COMPOSITION_LETTERS, type Candidate } from '../../../../electron/common/ime/pinyin-engine';
import { MarkChinese } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { HandwritingPad } from './handwriting/HandwritingPad';
import { keyboardReducer, keyboardRows, type KeyboardAction, type KeyboardMode } from './keyboard-state';
import styles from './on-screen-keyboard.module.css';
import { PinyinCandidateBar } from './PinyinCandidateBar';
import { compositionReducer, emptyComposition } from './pinyin-composition';
import { usePinyinEngine } from './use-pinyin-engine';

export interface OnScreenKeyboardProps {
  /** The text box's value; the keyboard edits it at the end. */
  value: string;
  onChange(value: string): void;
  /** The box's value with any pinyin still being typed committed (its best candidate). */
  onSubmit(value: string): void;
  /**
   * Shown in a bar above the keys: words to tap instead of typing them out (suggestions,
   * examples). Without any, the bar shows how to type in the current mode. The bar keeps its
   * height either way, so keys never jump under a finger.
   */
  candidates?: ReactNode;
  /** Wording of the submit key, e.g. 搜索. */
  submitLabel: string;
  /** 模糊音 for the pinyin candidates (n/l, f/h, z/zh …), as the terminal is provisioned. */
  fuzzyPinyin?: boolean;
  /**
   * Filled with a function that puts the pinyin still being typed into the box and returns the
   * box's new value, so a submit button outside the keyboard loses no letters.
   */
  commitPending?: RefObject<(() => string) | null>;
}

/**
 * The kiosk's keyboard: touch screens have none. Keys are at least 60 × 60 px, have no
 * hover-only states, and keep the text box focused (tapping a key must not move the caret or
 * close a physical keyboard's IME), so a physical keyboard works alongside.
 */
export function OnScreenKeyboard({ value, onChange, onSubmit, candidates, submitLabel, fuzzyPinyin = false, commitPending }: OnScreenKeyboardProps) {
  const t = useT();
  const [mode, setMode] = useState<KeyboardMode>('letters');
  // 拼音: letters wait in a composition above the keys until a candidate is tapped. If the
  // dictionary cannot load, letters go straight into the box (the search reads pinyin initials).
  const ime = usePinyinEngine(fuzzyPinyin);
  const [composition, compose] = useReducer(compositionReducer, emptyComposition);
  const composing = composition.letters !== '';
  const imeCandidates = useMemo<Candidate[]>(
    () => (ime.engine && composing ? ime.engine.candidates(composition.letters) : []),
    [ime.engine, composing, composition.letters],
  );

  const edit = (text: string, action: KeyboardAction): string => keyboardReducer({ text, mode }, action).text;

  /** The box's value with a candidate (or, without one, the letters as typed) appended. */
  const commit = (candidate: Pick<Candidate, 'text' | 'letters'>): string => {
    const next = edit(value, { type: 'insert', text: candidate.text });
    compose({ type: 'commit', candidate });
    if (next !== value) onChange(next);
    return next;
  };
  /**
   * Whatever is still in the composition goes into the box: the first candidate (it always reads
   * all the letters: the best path through them), or the letters as typed when there is none.
   */
  const commitAll = (): string => {
    if (!composing) return value;
    const [best] = imeCandidates;
    return commit(best ?? { text: composition.letters, letters: composition.letters.length });
  };

  useEffect(() => {
    if (!commitPending) return;
    commitPending.current = commitAll;
    return () => {
      commitPending.current = null;
    };
  });

  const apply = (action: KeyboardAction): void => {
    if (mode === 'letters' && ime.status !== 'failed') {
      if (action.type === 'insert' && /^[a-z]$/i.test(action.text)) return compose({ type: 'letter', letter: action.text });
      if (composing && action.type === 'backspace') return compose({ type: 'backspace' });
      if (composing && action.type === 'space') {
        const [best] = imeCandidates;
        if (best) commit(best);
        return;
      }
      if (action.type === 'clear') compose({ type: 'clear' });
      if (action.type === 'mode') commitAll();
    }
    const next = keyboardReducer({ text: value, mode }, action);
    if (next.mode !== mode) setMode(next.mode);
    if (next.text !== value) onChange(next.text);
  };

  // Pressing a key must not take focus away from the text box.
  const keepFocus = (event: PointerEvent<HTMLButtonElement>): void => event.preventDefault();

  const key = (label: string, action: KeyboardAction, extra?: { className?: string | undefined; ariaLabel?: string; testId?: string; pressed?: boolean }) => (
    <button
      type="button"
      key={extra?.testId ?? label}
      className={[styles.key, extra?.className].filter(Boolean).join(' ')}
      onPointerDown={keepFocus}
      onClick={() => apply(action)}
      aria-label={extra?.ariaLabel}
      aria-pressed={extra?.pressed}
      data-key={extra?.testId ?? label}
    >
      <MarkChinese text={label} />
    </button>
  );

  const bottomRow = (
    <div className={styles.row}>
      {mode === 'letters'
        ? key(t('keyboard.mode.digits'), { type: 'mode', mode: 'digits' }, { className: styles.wideKey, testId: 'mode-digits' })
        : key(t('keyboard.mode.letters'), { type: 'mode', mode: 'letters' }, { className: styles.wideKey, testId: 'mode-letters' })}
      {mode === 'handwriting'
        ? key(t('keyboard.mode.digits'), { type: 'mode', mode: 'digits' }, { className: styles.wideKey, testId: 'mode-digits' })
        : key(t('keyboard.mode.handwriting'), { type: 'mode', mode: 'handwriting' }, { className: styles.wideKey, testId: 'mode-handwriting' })}
      {/* Chinese characters need no space between them. */}
      {mode !== 'handwriting' && key(t('keyboard.space'), { type: 'space' }, { className: styles.spaceKey, testId: 'space' })}
      {key(t('keyboard.backspace'), { type: 'backspace' }, { className: styles.wideKey, testId: 'backspace' })}
      {key(t('keyboard.clear'), { type: 'clear' }, { className: styles.wideKey, testId: 'clear' })}
      <button
        type="button"
        className={`${styles.key} ${styles.wideKey} ${styles.submitKey}`}
        onPointerDown={keepFocus}
        onClick={() => onSubmit(commitAll())}
        data-key="submit"
      >
        {submitLabel}
      </button>
    </div>
  );

  return (
    <div className={styles.keyboard} role="group" aria-label={t('keyboard.label')} data-testid="on-screen-keyboard" data-mode={mode}>
      {mode === 'letters' && ime.status !== 'failed' ? (
        <PinyinCandidateBar
          composition={composition}
          candidates={imeCandidates}
          loading={ime.status === 'loading'}
          onPick={(candidate) => commit(candidate)}
          onPage={(delta) => compose({ type: 'page', delta, candidateCount: imeCandidates.length })}
          idle={
            candidates ?? (
              <p className={styles.hint}>
                <MarkChinese text={t('keyboard.hint.letters')} />
              </p>
            )
          }
          maxLetters={MAX_COMPOSITION_LETTERS}
        />
      ) : (
        <div className={styles.candidates} data-testid="keyboard-candidates">
          {candidates ?? (
            <p className={styles.hint}>
              <MarkChinese text={t(mode === 'letters' ? 'ime.failed' : `keyboard.hint.${mode}`)} />
            </p>
          )}
        </div>
      )}
      <div className={styles.rows}>
        {mode === 'handwriting' ? (
          // 手写: the writing pad takes the key rows' place, with the bottom keys beside it, so the
          // keyboard stays about as tall as in 拼音 mode (搜索 stays on an 800 px screen).
          <HandwritingPad onPick={(character) => apply({ type: 'insert', text: character })}>{bottomRow}</HandwritingPad>
        ) : (
          <>
            {keyboardRows[mode].map((row, index) => (
              <div key={`${mode}-${index}`} className={styles.row}>
                {row.map((letter) => key(letter, { type: 'insert', text: letter }, { className: styles.charKey }))}
              </div>
            ))}
            {bottomRow}
          </>
        )}
      </div>
    </div>
  );
}
