import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../components/ui/Button';
import { ContrastIcon, SpeakerIcon, TextSizeIcon } from '../../components/ui/icons';
import type { MessageKey } from '../../i18n/zh-cn';
import { useT } from '../../i18n/I18nProvider';
import { useSession, useSessionHold } from '../session/SessionProvider';
import shellStyles from '../app-shell.module.css';
import { useDisplayToggle, type DisplayToggleName } from './display-toggles';
import { pickVoice, screenText, speechChunksByLanguage } from './read-aloud';
import styles from './display-controls.module.css';

/** How long the 「不能朗读」 line stays. */
const NOTICE_MS = 10_000;

/** 大字模式, 高对比度, 朗读 and the language switch, after 首页 in the top bar of every screen. */
export function DisplayControls() {
  return (
    <>
      <DisplayToggleButton name="large-text" icon={<TextSizeIcon />} label="shell.largeText" shortLabel="shell.largeTextShort" testId="large-text-toggle" />
      <DisplayToggleButton name="high-contrast" icon={<ContrastIcon />} label="shell.contrast" shortLabel="shell.contrastShort" testId="contrast-toggle" />
      <ReadAloudButton />
      <LanguageButton />
    </>
  );
}

/** One display toggle's switch: pressed while the mode is on; the short word on the button, the full name for screen readers. */
function DisplayToggleButton(props: { name: DisplayToggleName; icon: ReactNode; label: MessageKey; shortLabel: MessageKey; testId: string }) {
  const t = useT();
  const toggle = useDisplayToggle(props.name);
  return (
    <Button
      variant="bar"
      icon={props.icon}
      onClick={toggle.toggle}
      aria-pressed={toggle.enabled}
      aria-label={t(props.label)}
      className={shellStyles.toggle}
      data-testid={props.testId}
    >
      {t(props.shortLabel)}
    </Button>
  );
}

/** 中文 ⇄ English: named in the language it switches to, so whoever needs it can read it. */
function LanguageButton() {
  const { locale, setLocale } = useSession();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button variant="bar" onClick={() => setLocale(next)} lang={next} className={shellStyles.toggle} data-testid="language-switch">
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}

type SpeechState = 'idle' | 'speaking' | 'no-voice';

/**
 * 朗读: reads the current screen (its <main>) with the Web Speech API, in the language on screen.
 * Pressed again, it stops. Without a voice for the language (Linux needs speech-dispatcher and an
 * offline Mandarin voice: README) it says so in one plain line instead of failing silently.
 */
function ReadAloudButton() {
  const t = useT();
  const [state, setState] = useState<SpeechState>('idle');
  const run = useRef(0);
  useSessionHold('read-aloud', state === 'speaking');

  const stop = useCallback(() => {
    run.current++;
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    setState('idle');
  }, []);
  useEffect(() => stop, [stop]);

  useEffect(() => {
    if (state !== 'no-voice') return;
    const timer = setTimeout(() => setState('idle'), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const start = async (): Promise<void> => {
    const id = ++run.current;
    const locale = document.documentElement.lang || 'zh-CN';
    const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
    const voices = synth ? await voicesOf(synth) : [];
    if (id !== run.current) return;
    const main = document.querySelector('main');
    // Each piece in its own language's voice; a piece with no voice for its language is left out
    // (an English voice spelling out Chinese helps no one). No voice for the screen's language: say so.
    const chunks = (main ? speechChunksByLanguage(screenText(main, locale)) : []).flatMap((chunk) => {
      const voice = pickVoice(voices, chunk.lang);
      return voice ? [{ text: chunk.text, voice }] : [];
    });
    if (!synth || !pickVoice(voices, locale) || chunks.length === 0) {
      setState(synth && pickVoice(voices, locale) ? 'idle' : 'no-voice');
      return;
    }
    synth.cancel();
    setState('speaking');
    chunks.forEach(({ text, voice }, index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      if (index === chunks.length - 1) utterance.onend = () => id === run.current && setState('idle');
      utterance.onerror = () => id === run.current && setState('idle');
      synth.speak(utterance);
    });
  };

  return (
    <>
      <Button
        variant="bar"
        icon={<SpeakerIcon />}
        onClick={() => (state === 'speaking' ? stop() : void start())}
        aria-pressed={state === 'speaking'}
        aria-label={state === 'speaking' ? t('shell.readAloudStop') : t('shell.readAloud')}
        className={shellStyles.toggle}
        data-testid="read-aloud"
      >
        {state === 'speaking' ? t('shell.readAloudStopShort') : t('shell.readAloudShort')}
      </Button>
      {state === 'no-voice' && (
        <p className={styles.notice} role="status" data-testid="read-aloud-unavailable">
          {t('shell.readAloudUnavailable')}
        </p>
      )}
    </>
  );
}

/** The voice list fills asynchronously in Chromium: wait briefly for voiceschanged. */
function voicesOf(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (): void => {
      synth.removeEventListener('voiceschanged', done);
      clearTimeout(timer);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(done, 1_500);
    synth.addEventListener('voiceschanged', done);
  });
}
