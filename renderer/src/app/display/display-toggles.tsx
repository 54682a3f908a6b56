import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import './high-contrast.css';

/**
 * The display toggles, each a class on <html>: 大字模式 (`large-text`) scales every rem-based size
 * (styles/tokens.css), 高对比度 (`high-contrast`) swaps the colour tokens (high-contrast.css).
 */
export type DisplayToggleName = 'large-text' | 'high-contrast';

export interface DisplayToggle {
  enabled: boolean;
  toggle(): void;
}

interface DisplayToggles {
  on: ReadonlySet<DisplayToggleName>;
  toggle(name: DisplayToggleName): void;
}

const DisplayTogglesContext = createContext<DisplayToggles | null>(null);

/**
 * Kept in memory only and inside the session scope (app/session/SessionProvider remounts it), so
 * the next resident starts with the normal display. A class is removed again when the provider
 * unmounts, so no toggle outlives the session that turned it on.
 */
export function DisplayTogglesProvider({ children }: { children: ReactNode }) {
  const [on, setOn] = useState<ReadonlySet<DisplayToggleName>>(() => new Set());
  useEffect(() => {
    const classes = document.documentElement.classList;
    for (const name of on) classes.add(name);
    return () => {
      for (const name of on) classes.remove(name);
    };
  }, [on]);
  const toggle = useCallback(
    (name: DisplayToggleName) =>
      setOn((now) => {
        const next = new Set(now);
        if (!next.delete(name)) next.add(name);
        return next;
      }),
    [],
  );
  const value = useMemo<DisplayToggles>(() => ({ on, toggle }), [on, toggle]);
  return <DisplayTogglesContext.Provider value={value}>{children}</DisplayTogglesContext.Provider>;
}

/** One display toggle: whether it is on, and the switch for the top bar's button. */
export function useDisplayToggle(name: DisplayToggleName): DisplayToggle {
  const value = useContext(DisplayTogglesContext);
  if (!value) throw new Error('useDisplayToggle() outside <DisplayTogglesProvider>');
  const { on, toggle } = value;
  const enabled = on.has(name);
  return useMemo(() => ({ enabled, toggle: () => toggle(name) }), [enabled, toggle, name]);
}
