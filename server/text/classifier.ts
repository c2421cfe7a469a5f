/**
 * Category suggestion: multinomial logistic regression (softmax) trained by SGD over jieba words and
 * character 1- and 2-grams (Han, letters and digits, digit runs collapsed), weighted by sublinear
 * TF × IDF and L2-normalised, with class-balanced example weights; its confidence is calibrated by
 * a temperature fitted on a slice of the training data. CPU only, in process, deterministic (fixed
 * seed), seconds for 5k petitions; the model is plain JSON (typed arrays as base64) so it can live
 * in a database row. Measured against the alternatives in bench:text (BENCH_TEXT_MODELS=all) and
 * docs/architecture.md "Text engine".
 */
import { segmentWords } from './segment.ts';
import { normaliseText } from './normalise.ts';
import { seededRandom, shuffleInPlace } from '../platform/seeded-random.ts';

/** A training example: the text (title and body) and its category. */
export type LabelledText = { text: string; category: string };

/** A prediction: the best category, its probability and the top-k categories. */
export type CategoryPrediction = {
  category: string;
  confidence: number;
  top: { category: string; probability: number }[];
};

/** Training settings; the defaults are the measured ones (docs/architecture.md "Text engine"). */
export type ClassifierOptions = {
  /** Features are hashed into 2^hashBits buckets before the vocabulary is chosen. */
  hashBits: number;
  /** A feature is kept only when this many training texts have it (rarer ones are mostly noise). */
  minDocuments: number;
  /** At most this many features, the most frequent: bounds the model's size (classes × features). */
  maxFeatures: number;
  /** Passes over the data, fewer when {@link ClassifierOptions.maxUpdates} says so. */
  epochs: number;
  learningRate: number;
  /** L2 penalty per example. */
  l2: number;
  /** Weigh each example by n / (classes × count of its class), so small categories are not drowned. */
  balanced: boolean;
  /**
   * A budget of weight updates (examples × features × classes × passes, the calibration pass
   * included) that bounds training time on large histories by lowering the epochs (never below 2).
   */
  maxUpdates: number;
  /** Share of the training data held out once to fit the temperature; 0 for none (temperature 1). */
  calibrationShare: number;
  seed: number;
};

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  hashBits: 20,
  minDocuments: 2,
  maxFeatures: 1 << 17,
  epochs: 8,
  learningRate: 4,
  l2: 3e-4,
  balanced: true,
  maxUpdates: 2.5e9,
  calibrationShare: 0.2,
  seed: 42,
};

/** Fewer training texts than this and no temperature is fitted (too few to measure it). */
const MIN_CALIBRATION_TEXTS = 100;

/**
 * A category is suggested only from this calibrated confidence on ("建议分类" only when likely right,
 * issue #19). Chosen on training data only (bench:text: a model of four fifths of the training split
 * predicting the last fifth) as the lowest threshold whose suggestions there are right ≥ 96 % — a
 * point above the 95 % aimed at, for the gap between one fifth and new texts (at 0.8 the fifth said
 * 95.8 % and the held-out split gave 94.5 %). The held-out split confirms 0.85: 86 % of texts get a
 * suggestion, right 95.6 % of the time.
 */
export const SUGGEST_MIN_CONFIDENCE = 0.85;

/** The serialised model. */
export type ClassifierData = {
  version: 2;
  classes: string[];
  hashBits: number;
  /** Uint32 hash buckets of the kept features, ascending, base64. */
  features: string;
  /** Float32 IDF per kept feature, base64. */
  idf: string;
  /** Int16 weights, features × classes (feature-major), base64; a weight is value × scales[its class]. */
  weights: string;
  scales: number[];
  bias: number[];
  /** Scores are divided by it before the softmax (calibration, first step). */
  temperature: number;
  /** Then the best category's probability is read off this curve (calibration, second step). */
  curve: CalibrationCurve;
};

/** A sparse feature vector: feature indices and their values. */
type SparseVector = { index: Uint32Array; value: Float32Array };

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The raw features of a text: jieba words (w…), and the character 1- and 2-grams (1…, 2…) of every
 * run of letters and digits, digit runs collapsed to one 0 (dates, amounts and house numbers say
 * little of the matter). Measured (bench:text): adding single characters and non-Han characters
 * raised macro-F1 from 0.909 to 0.916; character 3-grams and word bigrams lowered it — on a few
 * thousand petitions they add mostly rare, noisy features.
 */
export function textFeatures(text: string): string[] {
  const features = segmentWords(text).map((word) => `w${word}`);
  for (const run of normaliseText(text)
    .replace(/[0-9]+/gu, '0')
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i += 1) {
      features.push(`1${chars[i] ?? ''}`);
      if (i + 1 < chars.length) features.push(`2${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    }
  }
  return features;
}

/**
 * The text of a petition for classification: the title twice, then the body. A title is the
 * petitioner's own summary; counting it twice raised macro-F1 by about 0.01 on the labelled data
 * (three times: no better).
 */
export function petitionText(title: string | null | undefined, body: string): string {
  const t = title?.trim() ?? '';
  return t === '' ? body : `${t}\n${t}\n${body}`;
}

/** Counts per hash bucket of a text's features. */
function countBuckets(text: string, hashBits: number): Map<number, number> {
  const counts = new Map<number, number>();
  const mask = 2 ** hashBits - 1;
  for (const feature of textFeatures(text)) {
    const b = (fnv1a(feature) & mask) >>> 0;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return counts;
}

/** Sublinear TF × IDF over the kept features, L2-normalised; `slot` maps a bucket to its feature or −1. */
function weigh(counts: Map<number, number>, slot: Int32Array, idf: Float32Array): SparseVector {
  const index: number[] = [];
  const value: number[] = [];
  let norm = 0;
  for (const [b, c] of counts) {
    const s = slot[b] ?? -1;
    if (s < 0) continue;
    const v = (1 + Math.log(c)) * (idf[s] ?? 0);
    index.push(s);
    value.push(v);
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { index: Uint32Array.from(index), value: Float32Array.from(value, (v) => v * scale) };
}

function slotsOf(features: Uint32Array, hashBits: number): Int32Array {
  const slot = new Int32Array(2 ** hashBits).fill(-1);
  features.forEach((b, i) => {
    slot[b] = i;
  });
  return slot;
}

function toBase64(array: Float32Array | Uint32Array | Int16Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function bytesOf(text: string): ArrayBuffer {
  const bytes = Buffer.from(text, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

type Weights = { weights: Float32Array; bias: Float64Array };

/** Softmax regression by SGD over the examples `rows` of `vectors`, step size decaying linearly to a tenth. */
function fit(
  vectors: SparseVector[],
  labels: number[],
  rows: number[],
  k: number,
  width: number,
  epochs: number,
  o: ClassifierOptions,
): Weights {
  const perClass = new Array<number>(k).fill(0);
  for (const r of rows) perClass[labels[r] ?? 0] = (perClass[labels[r] ?? 0] ?? 0) + 1;
  const classWeight = perClass.map((count) => (o.balanced && count > 0 ? rows.length / (k * count) : 1));
  const weights = new Float32Array(k * width);
  const bias = new Float64Array(k);
  const order = [...rows];
  const next = seededRandom(o.seed);
  const probabilities = new Float64Array(k);
  const gradients = new Float64Array(k);
  let step = 0;
  const totalSteps = epochs * order.length;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    shuffleInPlace(order, next);
    for (const e of order) {
      const x = vectors[e];
      if (x === undefined) continue;
      // Linear decay of the step size to a tenth gives stable averages without tuning a schedule.
      const rate = o.learningRate * (1 - (0.9 * step) / totalSteps);
      step += 1;
      scores(weights, bias, x, probabilities);
      softmax(probabilities, 1);
      const label = labels[e] ?? 0;
      const exampleWeight = classWeight[label] ?? 1;
      for (let c = 0; c < k; c += 1) {
        gradients[c] = exampleWeight * ((probabilities[c] ?? 0) - (c === label ? 1 : 0));
        bias[c] = (bias[c] ?? 0) - rate * (gradients[c] ?? 0);
      }
      for (let f = 0; f < x.index.length; f += 1) {
        const base = (x.index[f] ?? 0) * k;
        const v = x.value[f] ?? 0;
        for (let c = 0; c < k; c += 1) {
          const current = weights[base + c] ?? 0;
          weights[base + c] = current - rate * ((gradients[c] ?? 0) * v + o.l2 * current);
        }
      }
    }
  }
  return { weights, bias };
}

/**
 * The temperature T that minimises the negative log-likelihood of softmax(scores / T) on held-out
 * examples (temperature scaling, Guo et al. 2017): one number, so the ranking is unchanged and only
 * the confidence is made honest. The labels are smoothed by one guess in (n + 2) spread over all
 * classes: when every held-out text is right (a few, easy ones) the plain optimum is T → 0, which
 * would turn the least difference into certainty. Golden-section search on log T in [0.01, 100].
 */
export function fitTemperature(heldOut: readonly { scores: Float64Array; label: number }[]): number {
  if (heldOut.length === 0) return 1;
  const smoothing = 1 / (heldOut.length + 2);
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let sum = 0;
    for (const { scores: s, label } of heldOut) {
      const p = softmax(Float64Array.from(s), t);
      for (let c = 0; c < p.length; c += 1) {
        const target = (c === label ? 1 - smoothing : 0) + smoothing / p.length;
        sum -= target * Math.log(Math.max(1e-12, p[c] ?? 0));
      }
    }
    return sum;
  };
  return Math.exp(minimumOn(nll, Math.log(0.01), Math.log(100), 50));
}

/** Golden-section search: where a function with one minimum on [lo, hi] is smallest, after `steps` narrowings. */
export function minimumOn(f: (x: number) => number, lo: number, hi: number, steps: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < steps; i += 1) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (f(a) < f(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}

/** The points of a monotone map from a raw confidence to how often the best category is right. */
export type CalibrationCurve = { confidence: number[]; accuracy: number[] };

/**
 * Isotonic regression (pool adjacent violators) of "the best category was right" on its confidence
 * over held-out texts: temperature scaling alone fits one number and leaves the shape, so a model
 * that is too sure at the top and not sure enough in the middle stays so. Each pooled block becomes
 * a point (mean confidence, share right, smoothed by one right and one wrong guess so that a small
 * block never claims certainty), read by linear interpolation from chance on; non-decreasing by
 * construction.
 */
export function fitCalibrationCurve(
  heldOut: readonly { confidence: number; right: boolean }[],
  classes: number,
): CalibrationCurve {
  const sorted = [...heldOut].sort((a, b) => a.confidence - b.confidence);
  const blocks: { sum: number; right: number; n: number }[] = [];
  for (const h of sorted) {
    blocks.push({ sum: h.confidence, right: h.right ? 1 : 0, n: 1 });
    for (;;) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (last === undefined || before === undefined || before.right / before.n < last.right / last.n) break;
      blocks.splice(blocks.length - 2, 2, {
        sum: before.sum + last.sum,
        right: before.right + last.right,
        n: before.n + last.n,
      });
    }
  }
  // Anchored at chance (a best probability of 1 / classes is right that often), so a text far less
  // clear than any held-out one is not read off the lowest block: a vague text stays vague.
  const chance = 1 / Math.max(1, classes);
  const curve: CalibrationCurve = { confidence: [], accuracy: [] };
  if (blocks.length > 0 && (blocks[0]?.sum ?? 0) / (blocks[0]?.n ?? 1) > chance) {
    curve.confidence.push(chance);
    curve.accuracy.push(chance);
  }
  let floor = chance;
  for (const b of blocks) {
    floor = Math.max(floor, (b.right + 1) / (b.n + 2));
    curve.confidence.push(b.sum / b.n);
    curve.accuracy.push(floor);
  }
  return curve;
}

/** Reads a {@link CalibrationCurve} at `confidence` (linear between points, flat beyond); the identity when empty. */
export function calibrated(curve: CalibrationCurve, confidence: number): number {
  const xs = curve.confidence;
  const ys = curve.accuracy;
  if (xs.length === 0) return confidence;
  if (confidence <= (xs[0] ?? 0)) return ys[0] ?? confidence;
  for (let i = 1; i < xs.length; i += 1) {
    const x1 = xs[i] ?? 0;
    if (confidence <= x1) {
      const x0 = xs[i - 1] ?? 0;
      const y0 = ys[i - 1] ?? 0;
      const y1 = ys[i] ?? 0;
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (confidence - x0)) / (x1 - x0);
    }
  }
  return ys[ys.length - 1] ?? confidence;
}

/** Int16 with one scale per class: half the size of Float32, and far below the model's own noise. */
function quantise(weights: Float32Array, k: number, width: number): { values: Int16Array; scales: number[] } {
  const values = new Int16Array(k * width);
  const scales: number[] = [];
  for (let c = 0; c < k; c += 1) {
    let max = 0;
    for (let f = 0; f < width; f += 1) max = Math.max(max, Math.abs(weights[f * k + c] ?? 0));
    const scale = max > 0 ? max / 32767 : 1;
    scales.push(scale);
    for (let f = 0; f < width; f += 1) values[f * k + c] = Math.round((weights[f * k + c] ?? 0) / scale);
  }
  return { values, scales };
}

/** A trained category model: {@link Classifier.train}, {@link Classifier.predict}, JSON round trip. */
export class Classifier {
  readonly classes: string[];
  /** The calibration temperature (1: none fitted). */
  readonly temperature: number;
  /** The map from the tempered confidence to the calibrated one (empty: none fitted). */
  readonly curve: CalibrationCurve;
  private readonly hashBits: number;
  private readonly features: Uint32Array;
  private readonly slot: Int32Array;
  private readonly idf: Float32Array;
  private readonly quantised: Int16Array;
  private readonly scales: number[];
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  private constructor(
    classes: string[],
    hashBits: number,
    features: Uint32Array,
    idf: Float32Array,
    quantised: { values: Int16Array; scales: number[] },
    bias: Float64Array,
    temperature: number,
    curve: CalibrationCurve,
  ) {
    this.classes = classes;
    this.hashBits = hashBits;
    this.features = features;
    this.slot = slotsOf(features, hashBits);
    this.idf = idf;
    this.quantised = quantised.values;
    this.scales = quantised.scales;
    const k = classes.length;
    // Scored with the dequantised weights, so a model and its JSON round trip predict alike.
    this.weights = Float32Array.from(quantised.values, (v, i) => v * (quantised.scales[i % k] ?? 1));
    this.bias = bias;
    this.temperature = temperature;
    this.curve = curve;
  }

  /**
   * Trains on labelled texts. Classes are the distinct categories, sorted. With enough texts, a
   * {@link ClassifierOptions.calibrationShare} of them is held out once: a model trained on the rest
   * scores them, and the temperature and the calibration curve are fitted on those scores; then the
   * model is trained on all texts. The vocabulary and IDF come from all training texts in both passes.
   * @throws RangeError when there are fewer than two categories.
   */
  static train(examples: readonly LabelledText[], options: Partial<ClassifierOptions> = {}): Classifier {
    const o = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
    const classes = [...new Set(examples.map((e) => e.category))].sort();
    if (classes.length < 2) throw new RangeError('training needs at least two categories');
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const k = classes.length;
    const n = examples.length;
    const counts = examples.map((e) => countBuckets(e.text, o.hashBits));

    // The vocabulary: buckets in at least minDocuments texts, the most frequent maxFeatures of them.
    const df = new Uint32Array(2 ** o.hashBits);
    for (const c of counts) for (const b of c.keys()) df[b] = (df[b] ?? 0) + 1;
    const kept: number[] = [];
    for (let b = 0; b < df.length; b += 1) if ((df[b] ?? 0) >= o.minDocuments) kept.push(b);
    kept.sort((a, b) => (df[b] ?? 0) - (df[a] ?? 0) || a - b);
    const features = Uint32Array.from(kept.slice(0, o.maxFeatures)).sort();
    const idf = Float32Array.from(features, (b) => Math.log((n + 1) / ((df[b] ?? 0) + 1)) + 1);
    const slot = slotsOf(features, o.hashBits);
    const vectors = counts.map((c) => weigh(c, slot, idf));
    const labels = examples.map((e) => classIndex.get(e.category) ?? 0);
    const width = Math.max(1, features.length);

    const calibrate = o.calibrationShare > 0 && n >= MIN_CALIBRATION_TEXTS;
    const perPass = vectors.reduce((s, x) => s + x.index.length, 0) * k;
    const passes = calibrate ? 2 - o.calibrationShare : 1;
    const epochs = Math.max(2, Math.min(o.epochs, Math.floor(o.maxUpdates / Math.max(1, perPass * passes))));

    let temperature = 1;
    let curve: CalibrationCurve = { confidence: [], accuracy: [] };
    // The slice is chosen by a hash of the text, so copies of one text (a petition filed again word
    // for word) are all held out or all trained on: a copy the model has seen would make it look surer
    // than it is on new texts.
    const inSlice = examples.map((e) => fnv1a(`${o.seed}:${e.text}`) % 1000 < o.calibrationShare * 1000);
    const held = inSlice.flatMap((yes, i) => (yes ? [i] : []));
    const rest = inSlice.flatMap((yes, i) => (yes ? [] : [i]));
    if (calibrate && held.length > 0 && new Set(rest.map((i) => labels[i])).size >= 2) {
      const partial = fit(vectors, labels, rest, k, width, epochs, o);
      const heldOut = held.map((i) => ({
        scores: scores(partial.weights, partial.bias, vectors[i] ?? EMPTY, new Float64Array(k)),
        label: labels[i] ?? 0,
      }));
      temperature = fitTemperature(heldOut);
      curve = fitCalibrationCurve(
        heldOut.map((h) => {
          const p = softmax(Float64Array.from(h.scores), temperature);
          return { confidence: Math.max(...p), right: bestOf(p) === h.label };
        }),
        k,
      );
    }
    const all = fit(
      vectors,
      labels,
      Array.from({ length: n }, (_, i) => i),
      k,
      width,
      epochs,
      o,
    );
    return new Classifier(
      classes,
      o.hashBits,
      features,
      idf,
      quantise(all.weights, k, width),
      all.bias,
      temperature,
      curve,
    );
  }

  /** The most likely category of a text with its calibrated probability and the `topK` best. */
  predict(text: string, topK = 3): CategoryPrediction {
    const x = weigh(countBuckets(text, this.hashBits), this.slot, this.idf);
    const probabilities = new Float64Array(this.classes.length);
    scores(this.weights, this.bias, x, probabilities);
    softmax(probabilities, this.temperature);
    // Ranked by the model's own probabilities (ties by class order); calibration changes only the figures.
    const order = this.classes
      .map((_, i) => i)
      .sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0) || a - b);
    recalibrate(probabilities, this.curve);
    const ranked = order.map((i) => ({
      category: this.classes[i] ?? '',
      probability: Math.round((probabilities[i] ?? 0) * 1000) / 1000,
    }));
    const best = ranked[0] ?? { category: '', probability: 0 };
    return { category: best.category, confidence: best.probability, top: ranked.slice(0, topK) };
  }

  /** The model as JSON-safe data. */
  toJSON(): ClassifierData {
    return {
      version: 2,
      classes: this.classes,
      hashBits: this.hashBits,
      features: toBase64(this.features),
      idf: toBase64(this.idf),
      weights: toBase64(this.quantised),
      scales: this.scales,
      bias: [...this.bias],
      temperature: this.temperature,
      curve: this.curve,
    };
  }

  /** Whether stored data is a model this code reads (an older format is retrained, not read). */
  static readable(data: unknown): data is ClassifierData {
    return typeof data === 'object' && data !== null && (data as { version?: unknown }).version === 2;
  }

  /** Restores a model saved by {@link Classifier.toJSON}. */
  static fromJSON(data: ClassifierData): Classifier {
    return new Classifier(
      data.classes,
      data.hashBits,
      new Uint32Array(bytesOf(data.features)),
      new Float32Array(bytesOf(data.idf)),
      { values: new Int16Array(bytesOf(data.weights)), scales: data.scales },
      Float64Array.from(data.bias),
      data.temperature,
      data.curve,
    );
  }
}

/**
 * Trains on labelled texts and returns the model as data: the call a worker thread makes
 * (platform/off-thread.ts), so a training of seconds never holds the server's event loop (issue #20).
 */
export function trainedClassifierData(
  examples: readonly LabelledText[],
  options: Partial<ClassifierOptions> = {},
): ClassifierData {
  return Classifier.train(examples, options).toJSON();
}

const EMPTY: SparseVector = { index: new Uint32Array(), value: new Float32Array() };

function scores(weights: Float32Array, bias: Float64Array, x: SparseVector, out: Float64Array): Float64Array {
  // Feature-major weights: the classes of one feature are adjacent, so a text reads one short run of
  // memory per feature instead of one scattered value per class (4× faster at 40 categories).
  const k = out.length;
  for (let c = 0; c < k; c += 1) out[c] = bias[c] ?? 0;
  for (let f = 0; f < x.index.length; f += 1) {
    const base = (x.index[f] ?? 0) * k;
    const v = x.value[f] ?? 0;
    for (let c = 0; c < k; c += 1) out[c] = (out[c] ?? 0) + (weights[base + c] ?? 0) * v;
  }
  return out;
}

function softmax(values: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const v of values) if (v / temperature > max) max = v / temperature;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    const e = Math.exp((values[i] ?? 0) / temperature - max);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) / sum;
  return values;
}

function bestOf(values: Float64Array): number {
  let best = 0;
  for (let c = 1; c < values.length; c += 1) if ((values[c] ?? 0) > (values[best] ?? 0)) best = c;
  return best;
}

/**
 * Replaces the best probability by its calibrated value and scales the others to fill the rest,
 * never so far that another category overtakes the best one (the ranking is the model's).
 */
function recalibrate(probabilities: Float64Array, curve: CalibrationCurve): void {
  if (curve.confidence.length === 0 || probabilities.length < 2) return;
  const best = bestOf(probabilities);
  const top = probabilities[best] ?? 0;
  let second = 0;
  probabilities.forEach((p, c) => {
    if (c !== best && p > second) second = p;
  });
  const target = Math.max(calibrated(curve, top), second / Math.max(1e-12, 1 - top + second));
  const scale = top < 1 ? (1 - target) / (1 - top) : 0;
  for (let c = 0; c < probabilities.length; c += 1)
    probabilities[c] = c === best ? target : (probabilities[c] ?? 0) * scale;
}
