/**
 * Category suggestion: multinomial logistic regression (softmax) trained by SGD over hashed
 * features — jieba words and Han character bigrams — weighted by sublinear TF × IDF and
 * L2-normalised, with class-balanced example weights. CPU only, in process, deterministic (fixed
 * seed), seconds for 10k petitions; the model is plain JSON (typed arrays as base64) so it can
 * live in a database row.
 */
import { bigramTokens, segmentWords } from './segment.ts';
import { isHan } from './normalise.ts';

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
  /** Hash space of the features, a power of two. */
  buckets: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty per example. */
  l2: number;
  /** Weigh each example by n / (classes × count of its class), so small categories are not drowned. */
  balanced: boolean;
  seed: number;
};

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  buckets: 1 << 18,
  epochs: 8,
  learningRate: 2,
  l2: 3e-4,
  balanced: true,
  seed: 42,
};

/**
 * A category is suggested only from this confidence on ("建议分类" only when likely right, issue
 * #19): on the held-out split of bench:text, suggestions at or above it are right ≥ 95 % of the time.
 */
export const SUGGEST_MIN_CONFIDENCE = 0.6;

/** The serialised model. */
export type ClassifierData = {
  version: 1;
  classes: string[];
  buckets: number;
  /** Float32 IDF per bucket, base64. */
  idf: string;
  /** Float32 weights, classes × buckets row-major, base64. */
  weights: string;
  bias: number[];
};

/** A sparse feature vector: bucket indices and their values. */
type SparseVector = { index: Uint32Array; value: Float32Array };

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The raw features of a text: jieba words and Han character bigrams, with prefixes. Word bigrams
 * were measured too and lowered macro-F1 (0.89 → 0.86 with everything else equal): on a few
 * thousand petitions they add mostly rare, noisy features.
 */
export function textFeatures(text: string): string[] {
  const features = segmentWords(text).map((word) => `w${word}`);
  for (const token of bigramTokens(text)) if (token.length === 2 && isHan(token[0] ?? '')) features.push(`c${token}`);
  return features;
}

/**
 * The text of a petition for classification: the title twice, then the body. A title is the
 * petitioner's own summary; counting it twice raised macro-F1 by about 0.01 on the labelled data.
 */
export function petitionText(title: string | null | undefined, body: string): string {
  const t = title?.trim() ?? '';
  return t === '' ? body : `${t}\n${t}\n${body}`;
}

/** Counts per bucket of a text's features. */
function countBuckets(text: string, buckets: number): Map<number, number> {
  const counts = new Map<number, number>();
  const mask = buckets - 1;
  for (const feature of textFeatures(text)) {
    const b = fnv1a(feature) & mask;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return counts;
}

/** Sublinear TF × IDF, L2-normalised. */
function weigh(counts: Map<number, number>, idf: Float32Array): SparseVector {
  const index = new Uint32Array(counts.size);
  const value = new Float32Array(counts.size);
  let i = 0;
  let norm = 0;
  for (const [b, c] of counts) {
    const v = (1 + Math.log(c)) * (idf[b] ?? 1);
    index[i] = b;
    value[i] = v;
    norm += v * v;
    i += 1;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < value.length; j += 1) value[j] = (value[j] ?? 0) * scale;
  return { index, value };
}

function toBase64(array: Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** A small deterministic generator (mulberry32) for the example order. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A trained category model: {@link Classifier.train}, {@link Classifier.predict}, JSON round trip. */
export class Classifier {
  readonly classes: string[];
  private readonly buckets: number;
  private readonly idf: Float32Array;
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  private constructor(
    classes: string[],
    buckets: number,
    idf: Float32Array,
    weights: Float32Array,
    bias: Float64Array,
  ) {
    this.classes = classes;
    this.buckets = buckets;
    this.idf = idf;
    this.weights = weights;
    this.bias = bias;
  }

  /**
   * Trains on labelled texts. Classes are the distinct categories, sorted.
   * @throws RangeError when there are fewer than two categories.
   */
  static train(examples: readonly LabelledText[], options: Partial<ClassifierOptions> = {}): Classifier {
    const o = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
    const classes = [...new Set(examples.map((e) => e.category))].sort();
    if (classes.length < 2) throw new RangeError('training needs at least two categories');
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const counts = examples.map((e) => countBuckets(e.text, o.buckets));
    const df = new Uint32Array(o.buckets);
    for (const c of counts) for (const b of c.keys()) df[b] = (df[b] ?? 0) + 1;
    const idf = new Float32Array(o.buckets);
    const n = examples.length;
    for (let b = 0; b < o.buckets; b += 1) idf[b] = Math.log((n + 1) / ((df[b] ?? 0) + 1)) + 1;
    const vectors = counts.map((c) => weigh(c, idf));
    const labels = examples.map((e) => classIndex.get(e.category) ?? 0);
    const perClass = new Array<number>(classes.length).fill(0);
    for (const label of labels) perClass[label] = (perClass[label] ?? 0) + 1;
    const classWeight = perClass.map((count) => (o.balanced ? examples.length / (classes.length * count) : 1));

    const k = classes.length;
    const weights = new Float32Array(k * o.buckets);
    const bias = new Float64Array(k);
    const order = Array.from({ length: n }, (_, i) => i);
    const next = random(o.seed);
    const probabilities = new Float64Array(k);
    let step = 0;
    const totalSteps = o.epochs * n;
    for (let epoch = 0; epoch < o.epochs; epoch += 1) {
      for (let i = n - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
      }
      for (const e of order) {
        const x = vectors[e];
        if (x === undefined) continue;
        // Linear decay of the step size to a tenth gives stable averages without tuning a schedule.
        const rate = o.learningRate * (1 - (0.9 * step) / totalSteps);
        step += 1;
        scores(weights, bias, x, o.buckets, probabilities);
        softmax(probabilities);
        const label = labels[e] ?? 0;
        const exampleWeight = classWeight[label] ?? 1;
        for (let c = 0; c < k; c += 1) {
          const gradient = exampleWeight * ((probabilities[c] ?? 0) - (c === label ? 1 : 0));
          const row = c * o.buckets;
          for (let f = 0; f < x.index.length; f += 1) {
            const w = row + (x.index[f] ?? 0);
            const current = weights[w] ?? 0;
            weights[w] = current - rate * (gradient * (x.value[f] ?? 0) + o.l2 * current);
          }
          bias[c] = (bias[c] ?? 0) - rate * gradient;
        }
      }
    }
    return new Classifier(classes, o.buckets, idf, weights, bias);
  }

  /** The most likely category of a text with its probability and the `topK` best. */
  predict(text: string, topK = 3): CategoryPrediction {
    const x = weigh(countBuckets(text, this.buckets), this.idf);
    const probabilities = new Float64Array(this.classes.length);
    scores(this.weights, this.bias, x, this.buckets, probabilities);
    softmax(probabilities);
    const ranked = this.classes
      .map((category, i) => ({ category, probability: Math.round((probabilities[i] ?? 0) * 1000) / 1000 }))
      .sort((a, b) => b.probability - a.probability);
    const best = ranked[0] ?? { category: '', probability: 0 };
    return { category: best.category, confidence: best.probability, top: ranked.slice(0, topK) };
  }

  /** The model as JSON-safe data. */
  toJSON(): ClassifierData {
    return {
      version: 1,
      classes: this.classes,
      buckets: this.buckets,
      idf: toBase64(this.idf),
      weights: toBase64(this.weights),
      bias: [...this.bias],
    };
  }

  /** Restores a model saved by {@link Classifier.toJSON}. */
  static fromJSON(data: ClassifierData): Classifier {
    return new Classifier(
      data.classes,
      data.buckets,
      fromBase64(data.idf),
      fromBase64(data.weights),
      Float64Array.from(data.bias),
    );
  }
}

function scores(weights: Float32Array, bias: Float64Array, x: SparseVector, buckets: number, out: Float64Array): void {
  for (let c = 0; c < out.length; c += 1) {
    let s = bias[c] ?? 0;
    const row = c * buckets;
    for (let f = 0; f < x.index.length; f += 1) s += (weights[row + (x.index[f] ?? 0)] ?? 0) * (x.value[f] ?? 0);
    out[c] = s;
  }
}

function softmax(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    const e = Math.exp((values[i] ?? 0) - max);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) / sum;
}
