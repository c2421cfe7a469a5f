import { describe, expect, it } from 'vitest';
import { compactText, normaliseText } from './normalise.ts';

describe('normaliseText', () => {
  it.each([
    ['full-width letters and digits', 'Ｂ２采区３号井', 'b2采区3号井'],
    ['upper case', 'GB11643 ID', 'gb11643 id'],
    ['ideographic space and runs of whitespace', '井下\u3000\u3000工伤\n\n  欠薪', '井下 工伤 欠薪'],
    ['Chinese punctuation', '工伤，欠薪！塌陷？安置；社保：（待遇）', '工伤,欠薪!塌陷?安置;社保:(待遇)'],
    ['book-title brackets and quotes', '《工伤保险条例》“认定”', '<工伤保险条例>"认定"'],
    ['traditional characters common in petitions', '煤礦工傷賠償，塌陷區搬遷補貼', '煤矿工伤赔偿,塌陷区搬迁补贴'],
    ['circled numbers', '①井下作业', '1井下作业'],
    ['leading and trailing whitespace', '  社保  ', '社保'],
  ])('folds %s', (_case, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const text = '煤礦工傷，Ｂ２采区　欠薪！';
    expect(normaliseText(normaliseText(text))).toBe(normaliseText(text));
  });
});

describe('compactText', () => {
  it.each([
    ['punctuation and spacing differ', '工伤，欠薪！', '工伤 欠薪'],
    ['full and half width', '３号井塌陷', '3号井塌陷'],
    ['traditional and simplified', '塌陷區安置', '塌陷区安置'],
  ])('gives one form when %s', (_case, a, b) => {
    expect(compactText(a)).toBe(compactText(b));
  });

  it('keeps only letters and digits', () => {
    expect(compactText('2019年，A5区——井下（工伤）')).toBe('2019年a5区井下工伤');
  });
});
