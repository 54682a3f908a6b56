import { useCallback, useEffect, useRef, useState, type SVGProps } from 'react';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useSession, useSessionHold } from '../session/SessionProvider';
import shellStyles from '../app-shell.module.css';
import { useDisplayToggle } from './display-toggles';
import { pickVoice, screenText, speechChunksByLanguage } from './read-aloud';
import styles from './display-controls.module.css';

/** How long the 「不能朗读」 line stays. */
const NOTICE_MS = 10_000;

function Glyph({ children, ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

const ContrastIcon = () => (
  <Glyph>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 3v18" />
    <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
  </Glyph>
);

const SpeakerIcon = () => (
  <Glyph>
    <path d="M4 9h4l5-4v14l-5-4H4z" />
    <path d="M16.5 8.5a5 5 0 0 1 0 7" />
    <path d="M19 6a8.5 8.5 0 0 1 0 12" />
  </Glyph>
);

/** 高对比度 and 朗读, beside 大字模式 in the top bar of every screen. */
export function DisplayControls() {
  const t = useT();
  const contrast = useDisplayToggle('high-contrast');
  return (
    <>
      <Button
        variant="bar"
        icon={<ContrastIcon />}
        onClick={contrast.toggle}
        aria-pressed={contrast.enabled}
        aria-label={t('shell.contrast')}
        className={shellStyles.toggle}
        data-testid="contrast-toggle"
      >
        {t('shell.contrastShort')}
      </Button>
      <ReadAloudButton />
      <LanguageButton />
    </>
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
