import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { createTranslate, defaultLocale, type Locale, type Translate } from './dictionaries';

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

/**
 * `part`: a piece of the page in another language than the rest (e.g. the rating bar asks in the
 * language of the session that just ended while the home screen is back in Chinese); it leaves
 * <html lang> alone and the piece sets its own lang attribute (useLocale()).
 */
export function I18nProvider({ locale = defaultLocale, part = false, children }: { locale?: Locale; part?: boolean; children: ReactNode }) {
  const value = useMemo<I18nValue>(() => ({ locale, t: createTranslate(locale) }), [locale]);
  // The lang attribute picks the right glyph forms for Han characters and tells screen readers the language.
  useEffect(() => {
    if (!part) document.documentElement.lang = locale;
  }, [locale, part]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The language this part of the screen is in (for lang attributes and the read-aloud voice). */
export function useLocale(): Locale {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useLocale() outside <I18nProvider>');
  return value.locale;
}

/** Every string a resident sees goes through this: `const t = useT(); t('home.greeting')`. */
export function useT(): Translate {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() outside <I18nProvider>');
  return value.t;
}
