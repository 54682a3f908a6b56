import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

interface LargeText {
  enabled: boolean;
  toggle(): void;
}

const LargeTextContext = createContext<LargeText | null>(null);

/**
 * 大字模式: one class on <html> scales every rem-based size (styles/tokens.css). Kept in memory
 * only, like the navigation, so the next resident starts with the normal size.
 */
export function LargeTextProvider({ children }: { children: ReactNode }) {
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', enabled);
  }, [enabled]);
  const value = useMemo<LargeText>(() => ({ enabled, toggle: () => setEnabled((on) => !on) }), [enabled]);
  return <LargeTextContext.Provider value={value}>{children}</LargeTextContext.Provider>;
}

export function useLargeText(): LargeText {
  const value = useContext(LargeTextContext);
  if (!value) throw new Error('useLargeText() outside <LargeTextProvider>');
  return value;
}
