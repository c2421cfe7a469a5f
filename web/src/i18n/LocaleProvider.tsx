import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { catalogs, type Locale } from '../../../common/i18n/index.ts';
import { LocaleContext, readStoredLocale, storeLocale } from './locale-context.ts';
import { theme } from '../app/theme.ts';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

const antLocales: Record<Locale, AntLocale> = { 'zh-CN': zhCN, en: enUS };

/** Provides our catalog and Ant Design's locale together, so both switch at once. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = catalogs[locale].app.name;
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);

  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={antLocales[locale]} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}
