import { describe, expect, it } from 'vitest';
import { FIGURE_KEYS } from '../../../common/schemas/figure.ts';
import { en } from '../../../common/i18n/en.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { FIGURE_SOURCES } from './figure.registry.ts';

describe('the figure registry', () => {
  it.each(FIGURE_KEYS)('%s has exactly one source and a label in both catalogs', (key) => {
    expect(FIGURE_SOURCES.filter((s) => s.key === key)).toHaveLength(1);
    expect((zhCN.figures.keys as Record<string, string>)[key]).toBeTruthy();
    expect((en.figures.keys as Record<string, string>)[key]).toBeTruthy();
    expect((zhCN.figures.definitions as Record<string, string>)[key]).toBeTruthy();
    expect((en.figures.definitions as Record<string, string>)[key]).toBeTruthy();
    expect(FIGURE_SOURCES.find((s) => s.key === key)?.version).toBeGreaterThanOrEqual(1);
  });
});
