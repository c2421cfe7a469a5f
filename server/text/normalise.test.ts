import { describe, expect, it } from 'vitest';
import { compactText, fingerprintChars, normaliseText } from './normalise.ts';

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

// fingerprintChars is what a repeat shingle is taken of (repeat-engine.ts): two ways of writing the
// same matter must give one string, two different matters must not.
describe('fingerprintChars', () => {
  it.each([
    ['的/地/得', '认真的核实', '认真地核实'],
    ['的/得 in another place', '拖得太久了', '拖的太久了'],
    ['在/再', '再次反映', '在次反映'],
    ['已/以/己', '已经发放', '以经发放'],
    ['已/己', '已经发放', '己经发放'],
    ['请/清/情', '请问何时补发', '清问何时补发'],
    ['做/作', '做好安置工作', '作好安置工作'],
    ['他/她/它', '他的工资', '她的工资'],
    ['帐/账', '工资帐目', '工资账目'],
    ['须/需', '必须补缴', '必需补缴'],
    ['映/应 (反映 typed 反应)', '上次反映的问题', '上次反应的问题'],
    ['full-width digits and letters', 'Ｂ２采区２０２５年', 'b2采区2025年'],
    ['full-width vs half-width punctuation', '工伤，欠薪！塌陷？', '工伤,欠薪!塌陷?'],
    ['punctuation dropped altogether', '工伤。欠薪；塌陷：安置', '工伤欠薪塌陷安置'],
    ['book-title marks and quotes', '《工伤保险条例》“认定”', '工伤保险条例认定'],
    ['spaces, the ideographic space and line breaks', '井下 工伤\u3000欠薪\n\n补发', '井下工伤欠薪补发'],
    ['traditional characters', '煤礦工傷賠償', '煤矿工伤赔偿'],
    ['upper and lower case', 'GB11643', 'gb11643'],
  ])('gives one form for %s', (_case, a, b) => {
    expect(fingerprintChars(a)).toBe(fingerprintChars(b));
  });

  it.each([
    ['工资 and 工伤', '拖欠工资', '拖欠工伤'],
    ['塌陷 and 搬迁', '塌陷区', '搬迁区'],
    ['digits', '三号井2025年', '三号井2026年'],
    ['养老 and 医疗', '养老保险断缴', '医疗保险断缴'],
  ])('keeps %s apart', (_case, a, b) => {
    expect(fingerprintChars(a)).not.toBe(fingerprintChars(b));
  });

  it.each([
    ['a mixed letter', '各位领导：上次反應的事情，再次清問：工資何時補發？（Ｂ２采区）'],
    ['plain text', '我们综采一队十余名职工三月份加班工资至今未发放'],
    ['only punctuation', '，。！？、；：'],
    ['empty', ''],
  ])('is idempotent and never longer than compactText: %s', (_case, text) => {
    const once = fingerprintChars(text);
    expect(fingerprintChars(once)).toBe(once);
    expect(Array.from(once).length).toBeLessThanOrEqual(Array.from(compactText(text)).length);
  });
});
