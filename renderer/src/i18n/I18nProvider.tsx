import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { createTranslate, defaultLocale, type Locale, type Translate } from './dictionaries';

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ locale = defaultLocale, children }: { locale?: Locale; children: ReactNode }) {
  const value = useMemo<I18nValue>(() => ({ locale, t: createTranslate(locale) }), [locale]);
  // The lang attribute picks the right glyph forms for Han characters and tells screen readers the language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Every string a resident sees goes through this: `const t = useT(); t('home.greeting')`. */
export function useT(): Translate {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() outside <I18nProvider>');
  return value.t;
}
