import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import './high-contrast.css';

interface HighContrast {
  enabled: boolean;
  toggle(): void;
}

const HighContrastContext = createContext<HighContrast | null>(null);

/**
 * 高对比度: one class on <html> swaps the colour tokens. In memory only and inside the session
 * scope, so it is off again for the next resident.
 */
export function HighContrastProvider({ children }: { children: ReactNode }) {
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('high-contrast', enabled);
    return () => document.documentElement.classList.remove('high-contrast');
  }, [enabled]);
  const value = useMemo<HighContrast>(() => ({ enabled, toggle: () => setEnabled((on) => !on) }), [enabled]);
  return <HighContrastContext.Provider value={value}>{children}</HighContrastContext.Provider>;
}

export function useHighContrast(): HighContrast {
  const value = useContext(HighContrastContext);
  if (!value) throw new Error('useHighContrast() outside <HighContrastProvider>');
  return value;
}
