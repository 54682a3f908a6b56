import { useState, type PointerEvent, type ReactNode } from 'react';
import { MarkChinese } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { HandwritingPad } from './handwriting/HandwritingPad';
import { keyboardReducer, keyboardRows, type KeyboardAction, type KeyboardMode } from './keyboard-state';
import styles from './on-screen-keyboard.module.css';

export interface OnScreenKeyboardProps {
  /** The text box's value; the keyboard edits it at the end. */
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  /**
   * Shown in a bar above the keys: words to tap instead of typing them out (suggestions,
   * examples). Without any, the bar shows how to type in the current mode. The bar keeps its
   * height either way, so keys never jump under a finger.
   */
  candidates?: ReactNode;
  /** Wording of the submit key, e.g. 搜索. */
  submitLabel: string;
}

/**
 * The kiosk's keyboard: touch screens have none. Keys are at least 60 × 60 px, have no
 * hover-only states, and keep the text box focused (tapping a key must not move the caret or
 * close a physical keyboard's IME), so a physical keyboard works alongside.
 */
export function OnScreenKeyboard({ value, onChange, onSubmit, candidates, submitLabel }: OnScreenKeyboardProps) {
  const t = useT();
  const [mode, setMode] = useState<KeyboardMode>('letters');

  const apply = (action: KeyboardAction): void => {
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
        onClick={onSubmit}
        data-key="submit"
      >
        {submitLabel}
      </button>
    </div>
  );

  return (
    <div className={styles.keyboard} role="group" aria-label={t('keyboard.label')} data-testid="on-screen-keyboard" data-mode={mode}>
      <div className={styles.candidates} data-testid="keyboard-candidates">
        {candidates ?? <p className={styles.hint}>
            <MarkChinese text={t(`keyboard.hint.${mode}`)} />
          </p>}
      </div>
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
