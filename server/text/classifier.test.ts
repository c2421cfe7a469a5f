import { describe, expect, it } from 'vitest';
import { Classifier, petitionText, textFeatures, type LabelledText } from './classifier.ts';

const LABOUR = '劳动和社会保障';
const HOUSING = '城乡建设';
const ENVIRONMENT = '环境保护';

const TRAINING: LabelledText[] = [
  ['井下受伤以后单位不给申报工伤，工伤认定一直办不下来', LABOUR],
  ['矿上拖欠工资半年，欠薪一直不发，工人生活困难', LABOUR],
  ['单位没有给我们缴纳社保，养老保险断缴三年', LABOUR],
  ['工伤鉴定九级伤残，一次性伤残补助金没有支付', LABOUR],
  ['劳务派遣工的工资被克扣，加班费也没有发', LABOUR],
  ['退休以后养老金计算有误，社保局不给解释', LABOUR],
  ['采煤塌陷区房屋开裂，要求搬迁安置', HOUSING],
  ['安置房迟迟不能交房，开发商一再拖延工期', HOUSING],
  ['小区物业不作为，电梯坏了半年没人修', HOUSING],
  ['棚户区改造的补偿标准太低，拆迁户不同意', HOUSING],
  ['塌陷区道路损毁严重，村民出行困难，要求修路', HOUSING],
  ['房屋产权证办不下来，开发商说在走流程', HOUSING],
  ['洗煤厂的污水直接排进河里，河水发黑发臭', ENVIRONMENT],
  ['煤场粉尘污染严重，周边村民家里全是煤灰', ENVIRONMENT],
  ['矸石山自燃冒烟，空气里有刺鼻的气味', ENVIRONMENT],
  ['选煤厂夜间噪音太大，附近居民无法休息', ENVIRONMENT],
  ['化工厂偷排废气，晚上气味特别重', ENVIRONMENT],
  ['河道里倾倒工业垃圾，水质受到污染', ENVIRONMENT],
].map(([text = '', category = '']) => ({ text, category }));

describe('Classifier', () => {
  const model = Classifier.train(TRAINING);

  it.each([
    ['受伤后申请工伤认定，单位拖着不办', LABOUR],
    ['工资被拖欠了四个月，欠薪什么时候能发', LABOUR],
    ['养老保险没有缴纳，社保怎么补缴', LABOUR],
    ['塌陷区的房子裂缝越来越大，什么时候搬迁安置', HOUSING],
    ['开发商拖延交房，安置房一直不能入住', HOUSING],
    ['洗煤厂排放污水，河里的鱼都死了', ENVIRONMENT],
    ['煤场的粉尘和噪音严重影响居民生活', ENVIRONMENT],
  ])('suggests the category of "%s"', (text, category) => {
    const prediction = model.predict(text);
    expect(prediction.category).toBe(category);
    expect(prediction.confidence).toBeGreaterThan(1 / 3);
  });

  it('ranks all categories with probabilities that sum to one', () => {
    const prediction = model.predict('工伤认定', 5);
    expect(prediction.top.map((t) => t.category).sort()).toEqual([HOUSING, ENVIRONMENT, LABOUR].sort());
    expect(prediction.top.reduce((s, t) => s + t.probability, 0)).toBeCloseTo(1, 2);
    expect(prediction.top[0]?.category).toBe(prediction.category);
    expect(model.predict('工伤认定', 1).top).toHaveLength(1);
  });

  it('survives a JSON round trip with identical predictions', () => {
    const restored = Classifier.fromJSON(
      JSON.parse(JSON.stringify(model.toJSON())) as ReturnType<Classifier['toJSON']>,
    );
    for (const text of ['欠薪', '塌陷区搬迁', '污水排放', '与训练无关的一句话'])
      expect(restored.predict(text)).toEqual(model.predict(text));
  });

  it('trains deterministically', () => {
    expect(Classifier.train(TRAINING).predict('工伤和社保')).toEqual(model.predict('工伤和社保'));
  });

  it('refuses training data with a single category', () => {
    expect(() => Classifier.train(TRAINING.filter((t) => t.category === LABOUR))).toThrow(RangeError);
  });
});

describe('textFeatures', () => {
  it('has word and character-bigram features, without stop words or punctuation', () => {
    const features = textFeatures('我的工伤认定。');
    expect(features).toEqual(expect.arrayContaining(['w工伤', 'w认定', 'c工伤', 'c伤认', 'c认定']));
    expect(features.some((f) => f.includes('。') || f === 'w我' || f === 'w的')).toBe(false);
  });
});

describe('petitionText', () => {
  it.each([
    ['工伤待遇', '单位不支付', '工伤待遇\n工伤待遇\n单位不支付'],
    [null, '单位不支付', '单位不支付'],
    ['  ', '单位不支付', '单位不支付'],
  ])('title %j and body %j', (title, body, expected) => {
    expect(petitionText(title, body)).toBe(expected);
  });
});
