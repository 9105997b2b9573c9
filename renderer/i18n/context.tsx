import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createTranslator, type Translate, type UiLocale } from './index';

interface LocaleValue {
  locale: UiLocale;
  t: Translate;
}

const LocaleContext = createContext<LocaleValue>({ locale: 'en', t: createTranslator('en') });

export function LocaleProvider({ locale, children }: { locale: UiLocale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator(locale) }), [locale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  return useContext(LocaleContext);
}
