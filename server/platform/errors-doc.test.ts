import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.ts';
import { catalogs } from '../../common/i18n/index.ts';
import { statusOf } from './error-handler.ts';

const doc = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

describe('docs/errors.md', () => {
  it.each(ERROR_CODES.map((code) => [code]))('documents %s with its HTTP status', (code) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${statusOf(code)} |`);
  });

  it('lists no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((code) => !(ERROR_CODES as readonly string[]).includes(code ?? ''))).toEqual([]);
  });
});

describe('i18n', () => {
  it('has a text for every error code in every locale', () => {
    for (const catalog of Object.values(catalogs)) {
      for (const code of ERROR_CODES) expect(catalog.errors[code].length).toBeGreaterThan(0);
    }
  });
});
