import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, validateTemplate } from '../../../common/domain/documents.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';

describe('the built-in templates', () => {
  it.each(DOCUMENT_KINDS)('%s uses only the fields its kind may use', (kind) => {
    expect(validateTemplate(kind, DEFAULT_TEMPLATES[kind])).toEqual([]);
  });

  it('the 信访处理意见书 carries every part 第32条 requires and the review route (第35条)', () => {
    const body = DEFAULT_TEMPLATES.reply.body;
    for (const field of [
      'request',
      'factsAndReasons',
      'opinion',
      'legalBasis',
      'resultLabel',
      'reviewDays',
      'reviewBody',
    ]) {
      expect(body).toContain(`{{${field}}}`);
    }
  });
});
