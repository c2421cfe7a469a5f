/**
 * Every audit action the server writes has a label in both locales, and the audit page never shows
 * a raw code: the catalog (common/domain/audit-actions.ts) is checked against the i18n catalogs, and
 * the server's source against the catalog — each `appendAudit` call's action must be one of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../common/domain/audit-actions.ts';
import { catalogs, LOCALES } from '../../common/i18n/index.ts';

const SERVER = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The argument text of every `appendAudit(…)` call in the server's source, with its file. */
function appendAuditCalls(): { file: string; text: string }[] {
  const calls: { file: string; text: string }[] = [];
  for (const file of sourceFiles(SERVER)) {
    const source = fs.readFileSync(file, 'utf8');
    for (let at = source.indexOf('appendAudit('); at !== -1; at = source.indexOf('appendAudit(', at + 1)) {
      let depth = 0;
      let end = at + 'appendAudit'.length;
      for (; end < source.length; end++) {
        if (source[end] === '(') depth++;
        else if (source[end] === ')' && --depth === 0) break;
      }
      const text = source.slice(at, end);
      if (!text.startsWith('appendAudit(trx: ')) calls.push({ file: path.relative(SERVER, file), text });
    }
  }
  return calls;
}

describe('audit actions', () => {
  it.each(LOCALES)('every action and entity type has a %s label', (locale) => {
    const labels = catalogs[locale].audit;
    const missing = [
      ...AUDIT_ACTIONS.filter((a) => !((labels.actions as Record<string, string>)[a] ?? '').trim()),
      ...AUDIT_ENTITY_TYPES.filter((t) => !((labels.entityTypes as Record<string, string>)[t] ?? '').trim()),
    ];
    expect(missing).toEqual([]);
  });

  it('the zh-CN labels are Chinese, not the codes', () => {
    const labels: Record<string, string> = catalogs['zh-CN'].audit.actions;
    expect(AUDIT_ACTIONS.filter((a) => !/[\u4e00-\u9fff]/.test(labels[a] ?? ''))).toEqual([]);
  });

  it('every action the server writes is in the catalog', () => {
    const calls = appendAuditCalls();
    expect(calls.length).toBeGreaterThan(35);
    const unknown: string[] = [];
    for (const { file, text } of calls) {
      const action = /action:\s*([^\n]+)/.exec(text)?.[1] ?? '';
      // A literal, a choice of literals, or a template over a typed verb (`petition.${verb}`).
      const literals = [...action.matchAll(/'([\w.]+)'/g)].map((m) => m[1] ?? '');
      const template = /`([\w.]+)\$\{/.exec(action)?.[1];
      if (literals.length === 0 && template === undefined) unknown.push(`${file}: ${action}`);
      for (const literal of literals)
        if (!AUDIT_ACTIONS.includes(literal as never)) unknown.push(`${file}: ${literal}`);
      if (template !== undefined && !AUDIT_ACTIONS.some((a) => a.startsWith(template)))
        unknown.push(`${file}: ${template}…`);
    }
    expect(unknown).toEqual([]);
  });
});
