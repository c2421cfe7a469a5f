import { en } from './en.ts';
import { zhCN, type Catalog } from './zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const catalogs: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };
export type { Catalog };
export type { PetitionVerb } from './zh-CN.ts';

/** Replace `{name}` placeholders with values. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = values[key];
    return value === undefined ? match : String(value);
  });
}
