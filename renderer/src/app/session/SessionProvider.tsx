import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionEndReason } from '../../../../electron/common/contract/session-api';
import { defaultLocale, type Locale } from '../../i18n/dictionaries';
import { I18nProvider } from '../../i18n/I18nProvider';
import type { ScreenId } from '../../lib/navigation-stack';
import { useSystemInfo } from '../../lib/system-info';
import { useKioskApi } from '../../platform/kiosk-api';
import { AttractLoop } from './AttractLoop';
import { FeedbackBar } from './FeedbackBar';
import { IdleCountdown } from './IdleCountdown';
import { countdownMs, idleSettingsFrom, quietMsFor } from './idle-policy';
import { browserScheduler, IdleTimer } from './idle-timer';
import { isPrinting } from './print-busy';
import { SESSION_NEUTRAL } from './session-neutral';
import { wipeResidentData } from './session-wipe';

/**
 * attract: nobody here, the 普法 loop runs; waiting: the home screen, nobody has touched it yet;
 * active: a resident's session; warning: 「还在使用吗？」 counting down.
 */
export type SessionPhase = 'attract' | 'waiting' | 'active' | 'warning';

export interface SessionControl {
  phase: SessionPhase;
  /** Ends the session now: wipes everything of the resident and tells the host (session.end). */
  end(reason: SessionEndReason): void;
  /** The shell reports each screen shown, so the timeout fits what the resident is doing. */
  showing(screen: ScreenId): void;
  /** Something that must not be cut off (reading aloud, a receipt printing) holds the session while `on`. */
  hold(key: string, on: boolean): void;
  /** The language on screen for this session (the next one starts in Chinese again). */
  locale: Locale;
  setLocale(locale: Locale): void;
}

const SessionContext = createContext<SessionControl | null>(null);

/**
 * The resident's session around the app. Children are remounted with a fresh key when a session
 * ends, so every screen, the back history, 大字模式 / 高对比度 and the keyboard start over; what
 * lives outside React (search and procedure memory, browser storage) is wiped by wipeResidentData.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useKioskApi();
  const info = useSystemInfo();
  const settings = useMemo(() => idleSettingsFrom(info.idle), [info.idle]);
  const [generation, setGeneration] = useState(0);
  const [phase, setPhase] = useState<SessionPhase>('waiting');
  const [endsAt, setEndsAt] = useState(0);
  /** The rating bar after a session: asked in that session's language and text size, whatever the next one starts with. */
  const [feedbackFor, setFeedbackFor] = useState<{ at: number; locale: Locale; largeText: boolean } | null>(null);
  const [locale, setLocale] = useState<Locale>(defaultLocale);
  const phaseRef = useRef(phase);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  phaseRef.current = phase;
  const screen = useRef<ScreenId>('home');
  /** The resident went beyond the home screen: worth asking how it went. */
  const engaged = useRef(false);
  const holds = useRef(new Set<string>());
  const expireRef = useRef<() => void>(() => undefined);

  const timer = useMemo(
    () =>
      new IdleTimer(browserScheduler, {
        warn: (at) => {
          setEndsAt(at);
          setPhase('warning');
        },
        expire: () => expireRef.current(),
      }),
    [],
  );
  useEffect(() => () => timer.stop(), [timer]);

  const restartQuiet = useCallback(() => {
    const waiting = phaseRef.current === 'waiting';
    // Before anyone touched the home screen there is nothing to lose: straight to the attract loop.
    timer.activity(quietMsFor(waiting ? 'home' : screen.current, settings), waiting ? 0 : countdownMs(settings));
  }, [timer, settings]);

  const end = useCallback(
    (reason: SessionEndReason) => {
      wipeResidentData();
      api.session.end({ reason }).catch(() => {
        // The host restarts with nothing of the resident anyway; the screen side is wiped already.
      });
      const askFeedback = reason !== 'idle' && engaged.current;
      engaged.current = false;
      screen.current = 'home';
      holds.current.clear();
      setGeneration((g) => g + 1);
      // 大字模式 lives inside the session's subtree (DisplayTogglesProvider), which is about to be remounted;
      // its class on <html> is the one place both sides can read.
      const largeText = document.documentElement.classList.contains('large-text');
      setFeedbackFor(askFeedback ? { at: Date.now(), locale: localeRef.current, largeText } : null);
      setLocale(defaultLocale);
      if (reason === 'idle' || reason === 'admin') {
        timer.stop();
        phaseRef.current = 'attract';
        setPhase('attract');
      } else {
        phaseRef.current = 'waiting';
        setPhase('waiting');
        restartQuiet();
      }
    },
    [api, timer, restartQuiet],
  );

  const hold = useCallback(
    (key: string, on: boolean) => {
      const before = holds.current.size;
      if (on) holds.current.add(key);
      else holds.current.delete(key);
      const after = holds.current.size;
      if (after > 0 && before === 0) {
        timer.hold();
        if (phaseRef.current === 'warning') {
          phaseRef.current = 'active';
          setPhase('active');
        }
      } else if (after === 0 && before > 0) timer.release();
    },
    [timer],
  );

  expireRef.current = () => {
    if (phaseRef.current === 'waiting') {
      phaseRef.current = 'attract';
      setPhase('attract');
      setFeedbackFor(null);
      return;
    }
    // Last check with the host: a receipt on its way to the paper keeps the session open.
    api.receipts.getStatus().then(
      (status) => {
        if (isPrinting(status)) {
          setPhase('active');
          phaseRef.current = 'active';
          hold('printer', true);
        } else end('idle');
      },
      () => end('idle'),
    );
  };

  const startSession = useCallback(() => {
    phaseRef.current = 'active';
    setPhase('active');
    setFeedbackFor(null);
    restartQuiet();
  }, [restartQuiet]);

  // Any touch, key or wheel is activity; the first one on the home screen starts the session.
  useEffect(() => {
    const onActivity = (event: Event): void => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(`[${SESSION_NEUTRAL}]`)) return;
      const current = phaseRef.current;
      if (current === 'waiting') startSession();
      else if (current === 'active') restartQuiet();
    };
    const options = { capture: true, passive: true } as const;
    for (const type of ['pointerdown', 'keydown', 'wheel'] as const) window.addEventListener(type, onActivity, options);
    return () => {
      for (const type of ['pointerdown', 'keydown', 'wheel'] as const) window.removeEventListener(type, onActivity, options);
    };
  }, [startSession, restartQuiet]);

  // Once more after the remount: screens leave their state in feature memories as they unmount
  // (search-memory, procedure-memory), and the new session's navigation keys start over at 0.
  useEffect(() => {
    if (generation > 0) wipeResidentData();
  }, [generation]);

  // The home screen before the first touch is on the clock too.
  useEffect(() => {
    if (phaseRef.current === 'waiting') restartQuiet();
  }, [restartQuiet]);

  // A receipt printing holds the session (the host's printer events; nothing to do without a printer).
  useEffect(() => api.events.on('receipts.onDidChange', (status) => hold('printer', isPrinting(status))), [api, hold]);

  const control = useMemo<SessionControl>(
    () => ({
      phase,
      end,
      hold,
      locale,
      setLocale,
      showing: (id) => {
        screen.current = id;
        if (id !== 'home') engaged.current = true;
        if (phaseRef.current === 'active') restartQuiet();
      },
    }),
    [phase, end, hold, restartQuiet, locale],
  );

  return (
    <SessionContext.Provider value={control}>
      <I18nProvider locale={locale}>
        <Fragment key={generation}>{children}</Fragment>
        {phase === 'warning' && (
          <IdleCountdown
            endsAt={endsAt}
            onContinue={() => {
              phaseRef.current = 'active';
              setPhase('active');
              timer.continue();
            }}
            onEnd={() => end('idle')}
          />
        )}
        {phase === 'attract' && <AttractLoop onStart={startSession} />}
        {feedbackFor !== null && phase !== 'attract' && (
          <I18nProvider locale={feedbackFor.locale} part>
            <FeedbackBar key={feedbackFor.at} largeText={feedbackFor.largeText} onDone={() => setFeedbackFor(null)} />
          </I18nProvider>
        )}
      </I18nProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionControl {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}

/** Holds the session while `on` (e.g. a receipt printing, reading aloud). */
export function useSessionHold(key: string, on: boolean): void {
  const { hold } = useSession();
  useEffect(() => {
    hold(key, on);
    return () => hold(key, false);
  }, [hold, key, on]);
}
