import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { catalogs, type Locale } from '../../../common/i18n/index.ts';
import { LocaleContext, readStoredLocale, storeLocale } from './locale-context.ts';
import { theme } from '../app/theme.ts';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

const antLocales: Record<Locale, AntLocale> = { 'zh-CN': zhCN, en: enUS };

/**
 * The date library behind every DatePicker, RangePicker and `dayjs().format()`: its month and
 * weekday names (2026年 12月, 一 二 三 …, weeks from Monday) come from its own global locale, not from
 * Ant Design's, so it must switch with ours. English is built into dayjs; zh-cn is loaded above.
 */
const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function applyDateLocale(locale: Locale): Locale {
  dayjs.locale(dayjsLocales[locale]);
  return locale;
}

/** Provides our catalog, Ant Design's locale and the date library's together, so all switch at once. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  // The date locale is set before the first render (and before each switch renders), so no picker
  // ever draws a frame with English month names.
  const [locale, setLocaleState] = useState<Locale>(() => applyDateLocale(readStoredLocale()));

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(applyDateLocale(next));
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
