import { describe, expect, it } from 'vitest';
import {
  calibrated,
  Classifier,
  fitCalibrationCurve,
  fitTemperature,
  petitionText,
  textFeatures,
  type LabelledText,
} from './classifier.ts';
import { seededRandom } from '../platform/seeded-random.ts';

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

const VOCABULARY: Record<string, string[]> = {
  [LABOUR]: ['工伤认定', '拖欠工资', '养老保险', '社保断缴', '伤残补助', '加班费', '劳务派遣', '退休金'],
  [HOUSING]: ['塌陷区', '搬迁安置', '安置房', '物业维修', '棚户区改造', '拆迁补偿', '产权证', '道路损毁'],
  [ENVIRONMENT]: ['污水排放', '粉尘污染', '矸石山', '噪音扰民', '废气偷排', '河道垃圾', '煤灰', '水质污染'],
};
const SHARED = ['请领导重视', '多次反映', '至今没有解决', '恳请尽快处理', '村民意见很大', '去年开始'];

/**
 * `n` generated petitions: three words of their category's vocabulary and two shared phrases; with
 * `noise`, that share of the labels is replaced by a random category (what cannot be learnt).
 */
function generated(n: number, noise: number, seed: number): LabelledText[] {
  const next = seededRandom(seed);
  const pick = (list: string[]) => list[Math.floor(next() * list.length)] ?? '';
  const categories = Object.keys(VOCABULARY);
  return Array.from({ length: n }, (_, i) => {
    const category = categories[i % categories.length] ?? LABOUR;
    const words = VOCABULARY[category] ?? [];
    const text = `${pick(SHARED)}，${pick(words)}，${pick(words)}，${pick(SHARED)}，${pick(words)}。`;
    return { text, category: next() < noise ? pick(categories) : category };
  });
}

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

  it('learns a separable set: every training text is given back its category', () => {
    for (const example of TRAINING) expect(model.predict(example.text).category).toBe(example.category);
    const big = generated(300, 0, 1);
    const learnt = Classifier.train(big);
    for (const example of generated(60, 0, 2)) expect(learnt.predict(example.text).category).toBe(example.category);
  });

  it('ranks all categories with probabilities that sum to one', () => {
    const prediction = model.predict('工伤认定', 5);
    expect(prediction.top.map((t) => t.category).sort()).toEqual([HOUSING, ENVIRONMENT, LABOUR].sort());
    expect(prediction.top.reduce((s, t) => s + t.probability, 0)).toBeCloseTo(1, 2);
    expect(prediction.top[0]?.category).toBe(prediction.category);
    expect(model.predict('工伤认定', 1).top).toHaveLength(1);
  });

  it('survives a JSON round trip with identical predictions', () => {
    for (const trained of [model, Classifier.train(generated(300, 0.2, 3))]) {
      const restored = Classifier.fromJSON(
        JSON.parse(JSON.stringify(trained.toJSON())) as ReturnType<Classifier['toJSON']>,
      );
      expect(restored.temperature).toBe(trained.temperature);
      for (const text of ['欠薪', '塌陷区搬迁', '污水排放', '与训练无关的一句话', '工伤认定，安置房，煤灰'])
        expect(restored.predict(text)).toEqual(trained.predict(text));
    }
  });

  it('reads only models of its own format (an older one is retrained)', () => {
    expect(Classifier.readable(model.toJSON())).toBe(true);
    expect(Classifier.readable({ version: 1, classes: [], buckets: 4, idf: '', weights: '', bias: [] })).toBe(false);
    expect(Classifier.readable(null)).toBe(false);
  });

  it('trains deterministically', () => {
    expect(Classifier.train(TRAINING).predict('工伤和社保')).toEqual(model.predict('工伤和社保'));
    const noisy = generated(300, 0.3, 4);
    expect(Classifier.train(noisy).toJSON()).toEqual(Classifier.train(noisy).toJSON());
  });

  it('refuses training data with a single category', () => {
    expect(() => Classifier.train(TRAINING.filter((t) => t.category === LABOUR))).toThrow(RangeError);
  });

  it('fits no temperature on too few texts to measure one', () => {
    expect(model.temperature).toBe(1);
  });

  it.each([
    [0, 0.95, 1],
    [0.3, 0.6, 0.9],
    [0.6, 0.35, 0.75],
  ])(
    'is calibrated: with %d of labels random, its confidence on new texts is near how often it is right',
    (noise, atLeast, atMost) => {
      const trained = Classifier.train(generated(600, noise, 5));
      const fresh = generated(600, noise, 6);
      const predictions = fresh.map((e) => trained.predict(e.text));
      const meanConfidence = predictions.reduce((s, p) => s + p.confidence, 0) / predictions.length;
      const accuracy = predictions.filter((p, i) => p.category === fresh[i]?.category).length / fresh.length;
      expect(accuracy).toBeGreaterThanOrEqual(atLeast);
      expect(accuracy).toBeLessThanOrEqual(atMost);
      expect(Math.abs(meanConfidence - accuracy)).toBeLessThan(0.08);
    },
  );
});

describe('fitTemperature', () => {
  // Scores whose best class is right in `share` of the cases: the fitted temperature rises as the
  // share falls (the less often right, the flatter the probabilities): calibration is monotone.
  const heldOut = (share: number) =>
    Array.from({ length: 200 }, (_, i) => ({
      scores: Float64Array.from([3, 0, 0]),
      label: i < share * 200 ? 0 : 1 + (i % 2),
    }));

  it('flattens more as the best class is right less often, and never reorders', () => {
    const temperatures = [0.99, 0.9, 0.7, 0.5].map((share) => fitTemperature(heldOut(share)));
    for (let i = 1; i < temperatures.length; i += 1)
      expect(temperatures[i]).toBeGreaterThan(temperatures[i - 1] ?? Infinity);
    for (const t of temperatures) expect(t).toBeGreaterThan(0);
  });

  it.each([0.9, 0.7, 0.5])('makes the confidence equal the share right (%d)', (share) => {
    const t = fitTemperature(heldOut(share));
    const e = [Math.exp(3 / t), 1, 1];
    expect(e[0]! / (e[0]! + e[1]! + e[2]!)).toBeCloseTo(share, 2);
  });

  it('keeps temperature 1 without held-out texts', () => {
    expect(fitTemperature([])).toBe(1);
  });
});

describe('fitCalibrationCurve', () => {
  it('is monotone: a higher confidence never reads as less often right', () => {
    const next = seededRandom(7);
    // Right with a probability that is not monotone in the confidence: the curve pools it.
    const heldOut = Array.from({ length: 500 }, () => {
      const confidence = 0.3 + 0.7 * next();
      return { confidence, right: next() < 0.5 + 0.4 * Math.sin(confidence * 9) };
    });
    const curve = fitCalibrationCurve(heldOut, 3);
    for (let i = 1; i < curve.accuracy.length; i += 1) {
      expect(curve.accuracy[i]).toBeGreaterThanOrEqual(curve.accuracy[i - 1] ?? 0);
      expect(curve.confidence[i]).toBeGreaterThan(curve.confidence[i - 1] ?? 0);
    }
    let previous = 0;
    for (let c = 0; c <= 1; c += 0.01) {
      const value = calibrated(curve, c);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });

  it.each([
    ['too sure: right 70 % at 0.99', 0.99, 0.7],
    ['not sure enough: right 90 % at 0.5', 0.5, 0.9],
  ])('reads how often the best category was right (%s)', (_case, confidence, share) => {
    const heldOut = Array.from({ length: 400 }, (_, i) => ({ confidence, right: i < share * 400 }));
    expect(calibrated(fitCalibrationCurve(heldOut, 2), confidence)).toBeCloseTo(share, 2);
  });

  it('never claims certainty from a few texts, starts from chance, and is the identity without any', () => {
    const curve = fitCalibrationCurve([{ confidence: 0.9, right: true }], 4);
    expect(calibrated(curve, 0.9)).toBeCloseTo(2 / 3, 5);
    // Far less clear than anything held out: between chance (¼ at ¼) and the first point.
    expect(calibrated(curve, 0.25)).toBeCloseTo(0.25, 5);
    expect(calibrated(curve, 0.575)).toBeCloseTo((0.25 + 2 / 3) / 2, 5);
    expect(calibrated({ confidence: [], accuracy: [] }, 0.42)).toBe(0.42);
  });
});

describe('textFeatures', () => {
  it('has word and character 1- and 2-gram features, digits collapsed, without stop words or punctuation', () => {
    const features = textFeatures('我的工伤认定。A5区2019年');
    expect(features).toEqual(
      expect.arrayContaining(['w工伤', 'w认定', '1工', '2工伤', '2伤认', '2认定', '2a0', '20区', '1年']),
    );
    expect(features.some((f) => f.includes('。') || f === 'w我' || f === 'w的')).toBe(false);
    expect(features.filter((f) => !f.startsWith('w')).some((f) => /[1-9]/u.test(f.slice(1)))).toBe(false);
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
