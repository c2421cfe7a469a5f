import { describe, expect, it } from 'vitest';
import { FIGURE_KEYS } from '../../../common/schemas/figure.ts';
import { en } from '../../../common/i18n/en.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { LEADER_FIGURE_KEYS } from '../../../common/schemas/appraisal.ts';
import { FIGURE_SOURCES, OWNER_FIGURE_SOURCES } from './figure.registry.ts';

describe('the figure registry', () => {
  it.each(FIGURE_KEYS)('%s has exactly one source and a label in both catalogs', (key) => {
    expect(FIGURE_SOURCES.filter((s) => s.key === key)).toHaveLength(1);
    expect((zhCN.figures.keys as Record<string, string>)[key]).toBeTruthy();
    expect((en.figures.keys as Record<string, string>)[key]).toBeTruthy();
    expect((zhCN.figures.definitions as Record<string, string>)[key]).toBeTruthy();
    expect((en.figures.definitions as Record<string, string>)[key]).toBeTruthy();
    expect(FIGURE_SOURCES.find((s) => s.key === key)?.version).toBeGreaterThanOrEqual(1);
  });

  it('computes per owner exactly the leader figures, each shaped as its unit figure', () => {
    expect(OWNER_FIGURE_SOURCES.map((s) => s.key).sort()).toEqual([...LEADER_FIGURE_KEYS].sort());
    for (const owner of OWNER_FIGURE_SOURCES) {
      const unit = FIGURE_SOURCES.find((s) => s.key === owner.key);
      expect({ kind: owner.kind, better: owner.better }).toEqual({ kind: unit?.kind, better: unit?.better });
    }
  });
});
