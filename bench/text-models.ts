/**
 * Candidate category models for bench:text's comparison mode (BENCH_TEXT_MODELS=all or a comma list
 * of names): feature sets and learners measured on the same held-out split as the product's model
 * (server/text/classifier.ts). Only the winner lives in the product; the rest stay here so the
 * comparison can be re-run.
 */
import { segmentWords } from '../server/text/segment.ts';
import { normaliseText } from '../server/text/normalise.ts';
import { seededRandom, shuffleInPlace } from '../server/platform/seeded-random.ts';
import { minimumOn } from '../server/text/classifier.ts';

export type Example = { text: string; label: number };

/** What a text is turned into before hashing. */
export type FeatureSpec = {
  words: boolean;
  wordBigrams: boolean;
  /** Character n-gram lengths over runs of content characters. */
  chars: number[];
  /** Character n-grams of Han only (false: also letters and digits, digits collapsed to 0). */
  hanOnly: boolean;
};

export function features(text: string, spec: FeatureSpec): string[] {
  const out: string[] = [];
  if (spec.words || spec.wordBigrams) {
    const words = segmentWords(text);
    if (spec.words) for (const w of words) out.push(`w${w}`);
    if (spec.wordBigrams) for (let i = 0; i + 1 < words.length; i += 1) out.push(`b${words[i]}_${words[i + 1]}`);
  }
  if (spec.chars.length > 0) {
    const normal = normaliseText(text).replace(/[0-9]+/gu, '0');
    const pattern = spec.hanOnly ? /\p{Script=Han}+/gu : /[\p{L}\p{N}]+/gu;
    for (const run of normal.match(pattern) ?? []) {
      const chars = Array.from(run);
      for (const n of spec.chars)
        for (let i = 0; i + n <= chars.length; i += 1) out.push(`${n}${chars.slice(i, i + n).join('')}`);
    }
  }
  return out;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export type Sparse = { index: Uint32Array; value: Float32Array };

export type Vectoriser = { buckets: number; idf: Float32Array; minDf: number };

export function countsOf(feats: string[], buckets: number): Map<number, number> {
  const counts = new Map<number, number>();
  const mask = buckets - 1;
  for (const f of feats) {
    const b = fnv1a(f) & mask;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return counts;
}

export function fitIdf(counts: Map<number, number>[], buckets: number, minDf: number): Float32Array {
  const df = new Uint32Array(buckets);
  for (const c of counts) for (const b of c.keys()) df[b] = (df[b] ?? 0) + 1;
  const idf = new Float32Array(buckets);
  const n = counts.length;
  for (let b = 0; b < buckets; b += 1) {
    const d = df[b] ?? 0;
    idf[b] = d < minDf ? 0 : Math.log((n + 1) / (d + 1)) + 1;
  }
  return idf;
}

export function weigh(counts: Map<number, number>, idf: Float32Array): Sparse {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [b, c] of counts) {
    const v = (1 + Math.log(c)) * (idf[b] ?? 0);
    if (v === 0) continue;
    idx.push(b);
    val.push(v);
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { index: Uint32Array.from(idx), value: Float32Array.from(val, (v) => v * scale) };
}

/** A linear scorer: k rows of weights over the buckets and a bias per class. */
export type Linear = { k: number; buckets: number; weights: Float32Array; bias: Float64Array };

export function scoresOf(model: Linear, x: Sparse, out = new Float64Array(model.k)): Float64Array {
  for (let c = 0; c < model.k; c += 1) {
    let s = model.bias[c] ?? 0;
    const row = c * model.buckets;
    for (let f = 0; f < x.index.length; f += 1) s += (model.weights[row + (x.index[f] ?? 0)] ?? 0) * (x.value[f] ?? 0);
    out[c] = s;
  }
  return out;
}

function classWeights(labels: number[], k: number, balanced: boolean): number[] {
  const per = new Array<number>(k).fill(0);
  for (const l of labels) per[l] = (per[l] ?? 0) + 1;
  return per.map((n) => (balanced ? labels.length / (k * Math.max(1, n)) : 1));
}

/** Softmax regression by SGD, linear decay; `average` keeps the running mean of the weights (ASGD). */
export function trainSoftmax(
  xs: Sparse[],
  labels: number[],
  k: number,
  buckets: number,
  o: { epochs: number; rate: number; l2: number; balanced: boolean; seed: number; average: boolean },
): Linear {
  const n = xs.length;
  const weights = new Float32Array(k * buckets);
  const bias = new Float64Array(k);
  const cw = classWeights(labels, k, o.balanced);
  const order = Array.from({ length: n }, (_, i) => i);
  const next = seededRandom(o.seed);
  const p = new Float64Array(k);
  const model = { k, buckets, weights, bias };
  // Averaging by the lazy trick: keep u = Σ t·Δw so that the mean is w − u/T.
  const u = o.average ? new Float32Array(k * buckets) : null;
  const ub = new Float64Array(k);
  let step = 0;
  const total = o.epochs * n;
  for (let epoch = 0; epoch < o.epochs; epoch += 1) {
    shuffleInPlace(order, next);
    for (const e of order) {
      const x = xs[e];
      if (x === undefined) continue;
      const rate = o.rate * (1 - (0.9 * step) / total);
      step += 1;
      scoresOf(model, x, p);
      softmaxInPlace(p);
      const label = labels[e] ?? 0;
      const ew = cw[label] ?? 1;
      // L2 as a multiplicative shrink applied only to touched weights (as the product does).
      for (let c = 0; c < k; c += 1) {
        const g = ew * ((p[c] ?? 0) - (c === label ? 1 : 0));
        const row = c * buckets;
        for (let f = 0; f < x.index.length; f += 1) {
          const w = row + (x.index[f] ?? 0);
          const cur = weights[w] ?? 0;
          const d = -rate * (g * (x.value[f] ?? 0) + o.l2 * cur);
          weights[w] = cur + d;
          if (u !== null) u[w] = (u[w] ?? 0) + step * d;
        }
        const db = -rate * g;
        bias[c] = (bias[c] ?? 0) + db;
        ub[c] = (ub[c] ?? 0) + step * db;
      }
    }
  }
  if (u !== null) {
    for (let i = 0; i < weights.length; i += 1) weights[i] = (weights[i] ?? 0) - (u[i] ?? 0) / step;
    for (let c = 0; c < k; c += 1) bias[c] = (bias[c] ?? 0) - (ub[c] ?? 0) / step;
  }
  return model;
}

/**
 * One-vs-rest linear SVM by dual coordinate descent (Hsieh et al. 2008, liblinear's solver 1/3):
 * `squared` for the squared hinge (L2-loss), else the hinge (L1-loss). Bias as a feature of value 1.
 * `scale` (per class, per bucket) multiplies the features first: NB-SVM's log-count ratios.
 */
export function trainSvm(
  xs: Sparse[],
  labels: number[],
  k: number,
  buckets: number,
  o: {
    c: number;
    epochs: number;
    squared: boolean;
    balanced: boolean;
    seed: number;
    scale?: Float32Array[] | undefined;
  },
): Linear {
  const n = xs.length;
  const weights = new Float32Array(k * buckets);
  const bias = new Float64Array(k);
  const next = seededRandom(o.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  for (let c = 0; c < k; c += 1) {
    const scale = o.scale?.[c];
    const pos = counts[c] ?? 1;
    // Balanced: positives weighed up so that both sides carry the same total cost.
    const cPos = o.balanced ? (o.c * (n - pos)) / Math.max(1, pos) : o.c;
    const cNeg = o.c;
    const alpha = new Float64Array(n);
    const qii = new Float64Array(n);
    const row = c * buckets;
    for (let i = 0; i < n; i += 1) {
      const x = xs[i] as Sparse;
      let sq = 1;
      for (let f = 0; f < x.index.length; f += 1) {
        const v = (x.value[f] ?? 0) * (scale?.[x.index[f] ?? 0] ?? 1);
        sq += v * v;
      }
      const ci = labels[i] === c ? cPos : cNeg;
      qii[i] = sq + (o.squared ? 1 / (2 * ci) : 0);
    }
    let b = 0;
    for (let epoch = 0; epoch < o.epochs; epoch += 1) {
      shuffleInPlace(order, next);
      let maxPg = 0;
      for (const i of order) {
        const x = xs[i] as Sparse;
        const y = labels[i] === c ? 1 : -1;
        const ci = y === 1 ? cPos : cNeg;
        let wx = b;
        for (let f = 0; f < x.index.length; f += 1) {
          const j = x.index[f] ?? 0;
          wx += (weights[row + j] ?? 0) * (x.value[f] ?? 0) * (scale?.[j] ?? 1);
        }
        const a = alpha[i] ?? 0;
        const g = y * wx - 1 + (o.squared ? a / (2 * ci) : 0);
        const upper = o.squared ? Infinity : ci;
        const pg = a === 0 ? Math.min(g, 0) : a >= upper ? Math.max(g, 0) : g;
        maxPg = Math.max(maxPg, Math.abs(pg));
        if (Math.abs(pg) < 1e-12) continue;
        const na = Math.min(Math.max(a - g / (qii[i] ?? 1), 0), upper);
        const d = (na - a) * y;
        alpha[i] = na;
        for (let f = 0; f < x.index.length; f += 1) {
          const j = x.index[f] ?? 0;
          weights[row + j] = (weights[row + j] ?? 0) + d * (x.value[f] ?? 0) * (scale?.[j] ?? 1);
        }
        b += d;
      }
      if (maxPg < 1e-3) break;
    }
    bias[c] = b;
    // Fold the scale into the weights so that scoring is the plain dot product.
    if (scale !== undefined)
      for (let j = 0; j < buckets; j += 1) weights[row + j] = (weights[row + j] ?? 0) * (scale[j] ?? 1);
  }
  return { k, buckets, weights, bias };
}

/** NB log-count ratios per class (one-vs-rest) over the weighted features, smoothed by `alpha`. */
export function nbRatios(xs: Sparse[], labels: number[], k: number, buckets: number, alpha: number): Float32Array[] {
  const ratios: Float32Array[] = [];
  const total = new Float64Array(buckets);
  const per = Array.from({ length: k }, () => new Float64Array(buckets));
  xs.forEach((x, i) => {
    const p = per[labels[i] ?? 0] as Float64Array;
    for (let f = 0; f < x.index.length; f += 1) {
      const j = x.index[f] ?? 0;
      const v = (x.value[f] ?? 0) > 0 ? 1 : 0;
      p[j] = (p[j] ?? 0) + v;
      total[j] = (total[j] ?? 0) + v;
    }
  });
  for (let c = 0; c < k; c += 1) {
    const p = per[c] as Float64Array;
    let ps = 0;
    let qs = 0;
    for (let j = 0; j < buckets; j += 1) {
      ps += (p[j] ?? 0) + alpha;
      qs += (total[j] ?? 0) - (p[j] ?? 0) + alpha;
    }
    const r = new Float32Array(buckets);
    for (let j = 0; j < buckets; j += 1)
      r[j] = Math.log(((p[j] ?? 0) + alpha) / ps / (((total[j] ?? 0) - (p[j] ?? 0) + alpha) / qs));
    ratios.push(r);
  }
  return ratios;
}

/** Complement Naive Bayes (Rennie et al. 2003) over TF-IDF vectors, weights normalised per class. */
export function trainCnb(xs: Sparse[], labels: number[], k: number, buckets: number, alpha: number): Linear {
  const total = new Float64Array(buckets);
  const per = Array.from({ length: k }, () => new Float64Array(buckets));
  xs.forEach((x, i) => {
    const p = per[labels[i] ?? 0] as Float64Array;
    for (let f = 0; f < x.index.length; f += 1) {
      const j = x.index[f] ?? 0;
      p[j] = (p[j] ?? 0) + (x.value[f] ?? 0);
      total[j] = (total[j] ?? 0) + (x.value[f] ?? 0);
    }
  });
  const weights = new Float32Array(k * buckets);
  for (let c = 0; c < k; c += 1) {
    const p = per[c] as Float64Array;
    let sum = 0;
    for (let j = 0; j < buckets; j += 1) sum += (total[j] ?? 0) - (p[j] ?? 0) + alpha;
    let abs = 0;
    const row = c * buckets;
    for (let j = 0; j < buckets; j += 1) {
      const w = Math.log(((total[j] ?? 0) - (p[j] ?? 0) + alpha) / sum);
      weights[row + j] = w;
      abs += Math.abs(w);
    }
    // Lower complement likelihood means more likely: negate so that higher scores win.
    for (let j = 0; j < buckets; j += 1) weights[row + j] = -(weights[row + j] ?? 0) / abs;
  }
  return { k, buckets, weights, bias: new Float64Array(k) };
}

export function softmaxInPlace(values: Float64Array, temperature = 1): Float64Array {
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

/** The temperature that minimises the negative log-likelihood of `scores` (golden section on log T). */
export function fitTemperature(scores: Float64Array[], labels: number[]): number {
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let s = 0;
    scores.forEach((sc, i) => {
      const p = softmaxInPlace(Float64Array.from(sc), t);
      s -= Math.log(Math.max(1e-12, p[labels[i] ?? 0] ?? 0));
    });
    return s;
  };
  return Math.exp(minimumOn(nll, Math.log(0.001), Math.log(100), 60));
}

/** A one-hidden-layer network (ReLU) over the same sparse vectors: the non-linear candidate. */
export type Mlp = { k: number; hidden: number; w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float64Array };

export function mlpScores(
  m: Mlp,
  x: Sparse,
  out = new Float64Array(m.k),
  h = new Float64Array(m.hidden),
): Float64Array {
  for (let j = 0; j < m.hidden; j += 1) h[j] = m.b1[j] ?? 0;
  for (let f = 0; f < x.index.length; f += 1) {
    const row = (x.index[f] ?? 0) * m.hidden;
    const v = x.value[f] ?? 0;
    for (let j = 0; j < m.hidden; j += 1) h[j] = (h[j] ?? 0) + v * (m.w1[row + j] ?? 0);
  }
  for (let j = 0; j < m.hidden; j += 1) if ((h[j] ?? 0) < 0) h[j] = 0;
  for (let c = 0; c < m.k; c += 1) {
    let s = m.b2[c] ?? 0;
    for (let j = 0; j < m.hidden; j += 1) s += (m.w2[c * m.hidden + j] ?? 0) * (h[j] ?? 0);
    out[c] = s;
  }
  return out;
}

export function trainMlp(
  xs: Sparse[],
  labels: number[],
  k: number,
  buckets: number,
  o: { hidden: number; epochs: number; rate: number; l2: number; dropout: number; seed: number },
): Mlp {
  const next = seededRandom(o.seed);
  const H = o.hidden;
  const w1 = new Float32Array(buckets * H);
  for (let i = 0; i < w1.length; i += 1) w1[i] = (next() - 0.5) * 0.2;
  const w2 = new Float32Array(k * H);
  for (let i = 0; i < w2.length; i += 1) w2[i] = (next() - 0.5) * (2 / Math.sqrt(H));
  const m: Mlp = { k, hidden: H, w1, b1: new Float32Array(H), w2, b2: new Float64Array(k) };
  const cw = classWeights(labels, k, true);
  const order = Array.from({ length: xs.length }, (_, i) => i);
  const h = new Float64Array(H);
  const mask = new Float64Array(H);
  const p = new Float64Array(k);
  const gh = new Float64Array(H);
  let step = 0;
  const total = o.epochs * xs.length;
  for (let epoch = 0; epoch < o.epochs; epoch += 1) {
    shuffleInPlace(order, next);
    for (const e of order) {
      const x = xs[e] as Sparse;
      const rate = o.rate * (1 - (0.9 * step) / total);
      step += 1;
      for (let j = 0; j < H; j += 1) h[j] = m.b1[j] ?? 0;
      for (let f = 0; f < x.index.length; f += 1) {
        const row = (x.index[f] ?? 0) * H;
        const v = x.value[f] ?? 0;
        for (let j = 0; j < H; j += 1) h[j] = (h[j] ?? 0) + v * (w1[row + j] ?? 0);
      }
      for (let j = 0; j < H; j += 1) {
        mask[j] = (h[j] ?? 0) > 0 && next() >= o.dropout ? 1 / (1 - o.dropout) : 0;
        h[j] = (h[j] ?? 0) * (mask[j] ?? 0);
      }
      for (let c = 0; c < k; c += 1) {
        let s = m.b2[c] ?? 0;
        for (let j = 0; j < H; j += 1) s += (w2[c * H + j] ?? 0) * (h[j] ?? 0);
        p[c] = s;
      }
      softmaxInPlace(p);
      const label = labels[e] ?? 0;
      const ew = cw[label] ?? 1;
      gh.fill(0);
      for (let c = 0; c < k; c += 1) {
        const g = ew * ((p[c] ?? 0) - (c === label ? 1 : 0));
        for (let j = 0; j < H; j += 1) {
          const w = c * H + j;
          gh[j] = (gh[j] ?? 0) + g * (w2[w] ?? 0);
          w2[w] = (w2[w] ?? 0) - rate * (g * (h[j] ?? 0) + o.l2 * (w2[w] ?? 0));
        }
        m.b2[c] = (m.b2[c] ?? 0) - rate * g;
      }
      for (let j = 0; j < H; j += 1) gh[j] = (gh[j] ?? 0) * (mask[j] ?? 0);
      for (let f = 0; f < x.index.length; f += 1) {
        const row = (x.index[f] ?? 0) * H;
        const v = x.value[f] ?? 0;
        for (let j = 0; j < H; j += 1)
          w1[row + j] = (w1[row + j] ?? 0) - rate * ((gh[j] ?? 0) * v + o.l2 * (w1[row + j] ?? 0));
      }
      for (let j = 0; j < H; j += 1) m.b1[j] = (m.b1[j] ?? 0) - rate * (gh[j] ?? 0);
    }
  }
  return m;
}

// ---------------------------------------------------------------- the comparison

type Learner = 'softmax' | 'asgd' | 'hinge' | 'squared-hinge' | 'nb-svm' | 'cnb';

/** One candidate: a feature set, its vectoriser settings and one learner (two for an ensemble). */
export type Candidate = {
  name: string;
  spec: FeatureSpec;
  hashBits: number;
  minDf: number;
  learners: { learner: Learner; epochs?: number; rate?: number; c?: number }[];
};

const WORDS_HAN_BIGRAMS: FeatureSpec = { words: true, wordBigrams: false, chars: [2], hanOnly: true };
const WORDS_CHARS_12: FeatureSpec = { words: true, wordBigrams: false, chars: [1, 2], hanOnly: false };

export const CANDIDATES: Candidate[] = [
  {
    name: 'before: words + Han bigrams, softmax',
    spec: WORDS_HAN_BIGRAMS,
    hashBits: 18,
    minDf: 1,
    learners: [{ learner: 'softmax', epochs: 8, rate: 2 }],
  },
  {
    name: 'words + Han bigrams, averaged SGD',
    spec: WORDS_HAN_BIGRAMS,
    hashBits: 18,
    minDf: 1,
    learners: [{ learner: 'asgd', epochs: 8, rate: 2 }],
  },
  {
    name: 'words + Han bigrams, 2^20, df ≥ 2, softmax',
    spec: WORDS_HAN_BIGRAMS,
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'softmax', epochs: 8, rate: 4 }],
  },
  {
    name: 'words + Han bigrams, linear SVM (hinge)',
    spec: WORDS_HAN_BIGRAMS,
    hashBits: 18,
    minDf: 1,
    learners: [{ learner: 'hinge', c: 1 }],
  },
  {
    name: 'words + Han bigrams, linear SVM (squared hinge)',
    spec: WORDS_HAN_BIGRAMS,
    hashBits: 18,
    minDf: 1,
    learners: [{ learner: 'squared-hinge', c: 1 }],
  },
  {
    name: 'words + Han bigrams, NB-SVM',
    spec: WORDS_HAN_BIGRAMS,
    hashBits: 18,
    minDf: 1,
    learners: [{ learner: 'nb-svm', c: 1 }],
  },
  {
    name: 'words + Han bigrams, Complement NB',
    spec: WORDS_HAN_BIGRAMS,
    hashBits: 18,
    minDf: 1,
    learners: [{ learner: 'cnb' }],
  },
  {
    name: 'chars 1–3 (all scripts), softmax',
    spec: { words: false, wordBigrams: false, chars: [1, 2, 3], hanOnly: false },
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'softmax', epochs: 8, rate: 4 }],
  },
  {
    name: 'words + chars 1–3, softmax',
    spec: { words: true, wordBigrams: false, chars: [1, 2, 3], hanOnly: false },
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'softmax', epochs: 8, rate: 4 }],
  },
  {
    name: 'words + word bigrams + chars 1–2, softmax',
    spec: { words: true, wordBigrams: true, chars: [1, 2], hanOnly: false },
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'softmax', epochs: 8, rate: 4 }],
  },
  {
    name: 'words + chars 1–2, softmax (the product, uncalibrated)',
    spec: WORDS_CHARS_12,
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'softmax', epochs: 8, rate: 4 }],
  },
  {
    name: 'words + chars 1–2, softmax, 16 epochs',
    spec: WORDS_CHARS_12,
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'softmax', epochs: 16, rate: 4 }],
  },
  {
    name: 'words + chars 1–2, linear SVM (hinge)',
    spec: WORDS_CHARS_12,
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'hinge', c: 1 }],
  },
  {
    name: 'words + chars 1–2, NB-SVM',
    spec: WORDS_CHARS_12,
    hashBits: 20,
    minDf: 2,
    learners: [{ learner: 'nb-svm', c: 1 }],
  },
  {
    name: 'ensemble: softmax + linear SVM (words + chars 1–2)',
    spec: WORDS_CHARS_12,
    hashBits: 20,
    minDf: 2,
    learners: [
      { learner: 'softmax', epochs: 8, rate: 4 },
      { learner: 'hinge', c: 1 },
    ],
  },
];

type Scorer = (x: Sparse) => Float64Array;

function trainLearner(
  l: Candidate['learners'][number],
  xs: Sparse[],
  labels: number[],
  k: number,
  buckets: number,
): Scorer {
  const common = { balanced: true, seed: 42 };
  let model: Linear;
  if (l.learner === 'softmax' || l.learner === 'asgd')
    model = trainSoftmax(xs, labels, k, buckets, {
      ...common,
      epochs: l.epochs ?? 8,
      rate: l.rate ?? 2,
      l2: 3e-4,
      average: l.learner === 'asgd',
    });
  else if (l.learner === 'cnb') model = trainCnb(xs, labels, k, buckets, 0.3);
  else
    model = trainSvm(xs, labels, k, buckets, {
      ...common,
      c: l.c ?? 1,
      epochs: 30,
      squared: l.learner !== 'hinge',
      scale: l.learner === 'nb-svm' ? nbRatios(xs, labels, k, buckets, 1) : undefined,
    });
  return (x) => scoresOf(model, x);
}

export type CandidateResult = {
  name: string;
  macroF1: number;
  accuracy: number;
  trainS: number;
  cpuS: number;
  features: number;
};

/**
 * Trains every candidate on `train` and scores it on `test` (macro-F1, accuracy, wall and CPU time of
 * training, featurisation included). An ensemble averages its members' probabilities, each member's
 * temperature fitted on a fifth of the training data by a member trained on the rest.
 */
export function compareModels(
  candidates: readonly Candidate[],
  train: readonly { text: string; label: number }[],
  test: readonly { text: string; label: number }[],
  k: number,
): CandidateResult[] {
  return candidates.map((candidate) => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const buckets = 2 ** candidate.hashBits;
    const counts = train.map((e) => countsOf(features(e.text, candidate.spec), buckets));
    const idf = fitIdf(counts, buckets, candidate.minDf);
    const xs = counts.map((c) => weigh(c, idf));
    const labels = train.map((e) => e.label);
    let scorers: Scorer[];
    if (candidate.learners.length === 1) {
      const only = candidate.learners[0];
      scorers = only === undefined ? [] : [trainLearner(only, xs, labels, k, buckets)];
    } else {
      const held = xs.map((_, i) => i).filter((i) => i % 5 === 0);
      const rest = xs.map((_, i) => i).filter((i) => i % 5 !== 0);
      scorers = candidate.learners.map((l) => {
        const partial = trainLearner(
          l,
          rest.map((i) => xs[i] as Sparse),
          rest.map((i) => labels[i] ?? 0),
          k,
          buckets,
        );
        const t = fitTemperature(
          held.map((i) => partial(xs[i] as Sparse)),
          held.map((i) => labels[i] ?? 0),
        );
        const full = trainLearner(l, xs, labels, k, buckets);
        return (x: Sparse) => softmaxInPlace(full(x), t);
      });
    }
    const trainS = (performance.now() - wall) / 1000;
    const used = process.cpuUsage(cpu);
    const predicted = test.map((e) => {
      const x = weigh(countsOf(features(e.text, candidate.spec), buckets), idf);
      const sum = new Float64Array(k);
      for (const s of scorers) s(x).forEach((v, c) => (sum[c] = (sum[c] ?? 0) + v));
      let best = 0;
      for (let c = 1; c < k; c += 1) if ((sum[c] ?? 0) > (sum[best] ?? 0)) best = c;
      return best;
    });
    let f1 = 0;
    for (let c = 0; c < k; c += 1) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      predicted.forEach((p, i) => {
        const truth = test[i]?.label;
        if (p === c && truth === c) tp += 1;
        else if (p === c) fp += 1;
        else if (truth === c) fn += 1;
      });
      f1 += (2 * tp) / Math.max(1, 2 * tp + fp + fn);
    }
    let kept = 0;
    for (const v of idf) if (v > 0) kept += 1;
    return {
      name: candidate.name,
      macroF1: f1 / k,
      accuracy: predicted.filter((p, i) => p === test[i]?.label).length / Math.max(1, test.length),
      trainS,
      cpuS: (used.user + used.system) / 1e6,
      features: kept,
    };
  });
}
