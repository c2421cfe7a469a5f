/**
 * The interface language: a React context holding the current locale, `useT()` for the catalog of
 * that locale and `useLocale()` to read or switch it. zh-CN is the source language and default.
 */
import { createContext, useContext } from 'react';
import { catalogs, DEFAULT_LOCALE, LOCALES, type Catalog, type Locale } from '../../../common/i18n/index.ts';

export type LocaleState = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
};

export const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: () => undefined });

/** The catalog of the current locale. */
export function useT(): Catalog {
  return catalogs[useContext(LocaleContext).locale];
}

/** The current locale and the function that switches it (the choice is kept in localStorage). */
export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

const STORAGE_KEY = 'xinfang.locale';

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

/** The stored choice, or the default; storage may be unavailable (private mode), which is fine. */
export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}
