/**
 * Quality and speed of the text engine (server/text) on real petitions, when
 * ../shared/data/petitions.jsonl exists (internal measurement data: read, never copied).
 *   npm run bench:text                 category, repeats, hotspots, scale
 *   BENCH_TEXT_SYNTHETIC=1000000 npm run bench:text   size of the synthetic repeat index (default 200000, 0 to skip)
 *   BENCH_TEXT_ONLY=repeats npm run bench:text         one section only
 *   BENCH_TEXT_MODELS=all BENCH_TEXT_ONLY=category npm run bench:text   also the candidate category models
 * Figures are printed, never asserted.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Classifier, petitionText, SUGGEST_MIN_CONFIDENCE } from '../server/text/classifier.ts';
import { findHotspots } from '../server/text/hotspot.ts';
import { exactSimilarity, shingleSet } from '../server/text/minhash.ts';
import { compactText } from '../server/text/normalise.ts';
import { parseRecords, recordText, type PetitionRecord } from '../server/text/records.ts';
import { judgeRepeat, repeatShingles, similarityOf } from '../server/text/repeat-engine.ts';
import { RepeatIndex } from '../server/text/repeats.ts';
import { CANDIDATES, compareModels } from './text-models.ts';
import { REWRITE_KINDS, rewrite } from './text-rewrite.ts';
import { percentile, table } from './support.ts';
import { seededRandom } from '../server/platform/seeded-random.ts';

const DATA = path.resolve('../shared/data/petitions.jsonl');
const SYNTHETIC = Number(process.env.BENCH_TEXT_SYNTHETIC ?? 200_000);
const ONLY = process.env.BENCH_TEXT_ONLY; // category | repeats | hotspots | scale
const MODELS = process.env.BENCH_TEXT_MODELS; // all, or parts of candidate names, comma-separated

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** A stable number in [0, 100) from an id: the deterministic split. */
function bucketOf(id: string): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % 100;
}

/** JS heap plus typed-array memory (signatures live outside the heap), after a GC when exposed. */
function heapMib(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 1024 / 1024;
}

function f(value: number, digits = 3): string {
  return value.toFixed(digits);
}

// ---------------------------------------------------------------- category

type Verdict = { confidence: number; right: boolean };

function verdicts(model: Classifier, records: PetitionRecord[]): Verdict[] {
  return records.map((r) => {
    const prediction = model.predict(petitionText(r.title, r.body));
    return { confidence: prediction.confidence, right: prediction.category === (r.category ?? '') };
  });
}

function shownAt(list: Verdict[], threshold: number): string {
  const shown = list.filter((v) => v.confidence >= threshold);
  const right = shown.filter((v) => v.right).length / Math.max(1, shown.length);
  return `${f(shown.length / Math.max(1, list.length), 2)} shown, ${f(right)} right`;
}

function benchCategory(records: PetitionRecord[]): void {
  const labelled = records.filter((r) => r.subset === 'a2_labeled' && r.category !== null);
  const train = labelled.filter((r) => bucketOf(r.id) < 80);
  const test = labelled.filter((r) => bucketOf(r.id) >= 80);
  const examples = (list: PetitionRecord[]) =>
    list.map((r) => ({ text: petitionText(r.title, r.body), category: r.category ?? '' }));
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const model = Classifier.train(examples(train));
  const trainMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let correct = 0;
  const predictStarted = performance.now();
  const confidences: Verdict[] = [];
  for (const r of test) {
    const prediction = model.predict(petitionText(r.title, r.body));
    const predicted = prediction.category;
    confidences.push({ confidence: prediction.confidence, right: predicted === (r.category ?? '') });
    const truth = r.category ?? '';
    if (predicted === truth) {
      correct += 1;
      tp.set(truth, (tp.get(truth) ?? 0) + 1);
    } else {
      fp.set(predicted, (fp.get(predicted) ?? 0) + 1);
      fn.set(truth, (fn.get(truth) ?? 0) + 1);
    }
  }
  const predictMs = (performance.now() - predictStarted) / test.length;
  const rows = model.classes.map((c) => {
    const t = tp.get(c) ?? 0;
    const precision = t / Math.max(1, t + (fp.get(c) ?? 0));
    const recall = t / Math.max(1, t + (fn.get(c) ?? 0));
    return {
      category: c,
      support: t + (fn.get(c) ?? 0),
      precision: f(precision),
      recall: f(recall),
      f1: f((2 * t) / Math.max(1, 2 * t + (fp.get(c) ?? 0) + (fn.get(c) ?? 0))),
    };
  });
  const macroF1 = rows.reduce((s, r) => s + Number(r.f1), 0) / rows.length;
  const modelMib = JSON.stringify(model.toJSON()).length / 1024 / 1024;
  out(
    `\n== Category suggestion (a2_labeled, split by sha1(id) mod 100 < 80: train ${train.length}, test ${test.length})`,
  );
  out(table(rows));
  out(
    `macro-F1 ${f(macroF1)}   accuracy ${f(correct / test.length)}   training ${(trainMs / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)   predict ${predictMs.toFixed(2)} ms/text   model JSON ${modelMib.toFixed(1)} MiB   temperature ${f(model.temperature)}`,
  );
  const bins = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
  let ece = 0;
  const reliability = bins.map((low, i) => {
    const high = bins[i + 1] ?? 1.01;
    const bin = confidences.filter((c) => c.confidence >= low && c.confidence < high);
    const mean = bin.reduce((sum, c) => sum + c.confidence, 0) / Math.max(1, bin.length);
    const accuracy = bin.filter((c) => c.right).length / Math.max(1, bin.length);
    ece += (bin.length / confidences.length) * Math.abs(mean - accuracy);
    return {
      confidence: `${low.toFixed(2)}–${Math.min(1, high).toFixed(2)}`,
      texts: bin.length,
      'mean confidence': f(mean),
      accuracy: f(accuracy),
    };
  });
  out(`reliability (held-out texts by the calibrated confidence of the best category; ECE ${f(ece)}):`);
  out(table(reliability));

  // The threshold is chosen on training data only: a model trained on four fifths of the training
  // split predicts the remaining fifth; the held-out split then confirms it.
  const slice = train.filter((r) => bucketOf(r.id) < 16);
  const sliceModel = Classifier.train(examples(train.filter((r) => bucketOf(r.id) >= 16)));
  const onSlice = verdicts(sliceModel, slice);
  out(
    `where to suggest from (training fifth: ${slice.length} texts predicted by a model of the other ${train.length - slice.length}):`,
  );
  out(
    table(
      [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((t) => ({
        'min confidence': `${f(t, 2)}${t === SUGGEST_MIN_CONFIDENCE ? ' (server)' : ''}`,
        'training fifth': shownAt(onSlice, t),
        'held-out split': shownAt(confidences, t),
      })),
    ),
  );
  const shown = confidences.filter((c) => c.confidence >= SUGGEST_MIN_CONFIDENCE);
  out(
    `suggested (confidence ≥ ${SUGGEST_MIN_CONFIDENCE}): ${shown.length} of ${confidences.length} texts, right ${f(shown.filter((c) => c.right).length / Math.max(1, shown.length))}`,
  );

  if (MODELS === undefined) return;
  const classIndex = new Map(model.classes.map((c, i) => [c, i]));
  const labelledTexts = (list: PetitionRecord[]) =>
    list.map((r) => ({ text: petitionText(r.title, r.body), label: classIndex.get(r.category ?? '') ?? 0 }));
  const wanted =
    MODELS === 'all' ? CANDIDATES : CANDIDATES.filter((c) => MODELS.split(',').some((m) => c.name.includes(m)));
  out(`\ncandidates on the same split (bench/text-models.ts; training time includes the features):`);
  out(
    table(
      compareModels(wanted, labelledTexts(train), labelledTexts(test), model.classes.length).map((r) => ({
        model: r.name,
        'macro-F1': f(r.macroF1),
        accuracy: f(r.accuracy),
        'training s': r.trainS.toFixed(1),
        'CPU s': r.cpuS.toFixed(1),
        features: r.features,
      })),
    ),
  );
}

// ---------------------------------------------------------------- repeats

function sentencesOf(text: string): string[] {
  return text.match(/[^。！？!?；;\n]+[。！？!?；;\n]*/gu) ?? [text];
}

function reorder(text: string, next: () => number): string {
  const s = sentencesOf(text);
  if (s.length < 2) return text;
  const moves = s.length >= 4 ? 2 : 1;
  for (let m = 0; m < moves; m += 1) {
    const from = Math.floor(next() * s.length);
    const [moved] = s.splice(from, 1);
    s.splice(Math.floor(next() * (s.length + 1)), 0, moved ?? '');
  }
  return s.join('');
}

function typos(text: string, next: () => number): string {
  const chars = Array.from(text);
  const count = Math.min(8, Math.max(1, Math.round(chars.length / 80)));
  for (let t = 0; t < count; t += 1) {
    const at = Math.floor(next() * chars.length);
    const kind = next();
    if (kind < 0.6) chars[at] = chars[Math.floor(next() * chars.length)] ?? '的';
    else if (kind < 0.8) chars.splice(at, 1);
    else chars.splice(at, 0, chars[at] ?? '');
  }
  return chars.join('');
}

function punctuation(text: string, next: () => number): string {
  return text
    .replace(/[，。！？、；：]/gu, (p) => {
      const r = next();
      if (r < 0.3) return '';
      if (r < 0.5) return ' ';
      if (r < 0.7) return { '，': ',', '。': '.', '！': '!', '？': '?', '、': ',', '；': ';', '：': ':' }[p] ?? p;
      return p === '，' ? '、' : p === '。' ? '！' : p;
    })
    .replace(/[0-9]/gu, (d) => (next() < 0.5 ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d))
    .replace(/\n/gu, () => (next() < 0.5 ? '' : '\n\n'));
}

type Pair = { query: string; queryUser: string | null; target: string; positive: boolean; kind: string };

function benchRepeats(records: PetitionRecord[]): void {
  const next = seededRandom(20261207);
  const compactBody = new Map(records.map((r) => [r.id, compactText(r.body)]));
  const engineSets = new Map(records.map((r) => [r.id, repeatShingles(recordText(r))]));

  // The index: every record of the data set, with its user as identity.
  const heapBefore = heapMib();
  const buildStarted = performance.now();
  const index = RepeatIndex.build(records.map((r) => ({ id: r.id, text: recordText(r), identity: { user: r.user } })));
  const buildMs = performance.now() - buildStarted;
  const heapIndex = heapMib() - heapBefore;

  // Queries: one rewrite of each of 1,200 labelled originals (≥ 50 content characters), the kinds in
  // turn (bench/text-rewrite.ts); negatives: three other petitions of the same category each.
  const labelled = records.filter(
    (r) => r.subset === 'a2_labeled' && r.category !== null && (compactBody.get(r.id)?.length ?? 0) >= 50,
  );
  const byCategory = new Map<string, PetitionRecord[]>();
  for (const r of labelled) byCategory.set(r.category ?? '', [...(byCategory.get(r.category ?? '') ?? []), r]);
  const originals = labelled.filter((r) => bucketOf(`repeat:${r.id}`) < 20).slice(0, 1200);
  const pairs: Pair[] = [];
  const queries = new Map<string, string>();
  originals.forEach((original, i) => {
    const kind = REWRITE_KINDS[i % REWRITE_KINDS.length] ?? 'mixed';
    const sameCategory = byCategory.get(original.category ?? '') ?? [];
    const donor = sameCategory[Math.floor(next() * sameCategory.length)] ?? original;
    const rewritten = rewrite(kind, { title: original.title ?? '', body: original.body }, donor.body, next);
    const queryId = `rewrite:${original.id}`;
    queries.set(queryId, recordText(rewritten));
    pairs.push({ query: queryId, queryUser: null, target: original.id, positive: true, kind });
    for (let k = 0; k < 3; k += 1) {
      const other = sameCategory[Math.floor(next() * sameCategory.length)];
      if (other === undefined || compactBody.get(other.id) === compactBody.get(original.id)) continue;
      pairs.push({ query: queryId, queryUser: null, target: other.id, positive: false, kind: `negative: ${kind}` });
    }
  });

  // Run every query once through the index, timing the look-ups.
  const matchesOf = new Map<string, Set<string>>();
  const lookupMs: number[] = [];
  for (const [queryId, text] of queries) {
    const started = performance.now();
    const matches = index.query(text);
    lookupMs.push(performance.now() - started);
    matchesOf.set(queryId, new Set(matches.map((m) => m.id)));
  }
  lookupMs.sort((a, b) => a - b);

  // The baseline: an exact scan of plain 5-character shingles (no folding, no index) over the whole
  // history, with the engine's verdict; and the same scan on the engine's folded shingles.
  const plain = (text: string) => shingleSet(text, 5);
  const plainSets = new Map(records.map((r) => [r.id, plain(recordText(r))]));
  const scanOf = new Map<string, Set<string>>();
  const scanFoldedOf = new Map<string, Set<string>>();
  const scanMs: number[] = [];
  for (const [queryId, text] of queries) {
    const started = performance.now();
    const q = plain(text);
    const hits = new Set<string>();
    for (const [id, set] of plainSets) if (judgeRepeat(q, set) !== null) hits.add(id);
    scanMs.push(performance.now() - started);
    scanOf.set(queryId, hits);
    const f5 = repeatShingles(text);
    const folded = new Set<string>();
    for (const [id, set] of engineSets) if (judgeRepeat(f5, set) !== null) folded.add(id);
    scanFoldedOf.set(queryId, folded);
  }
  scanMs.sort((a, b) => a - b);

  const methods: [string, (p: Pair) => boolean][] = [
    ['engine: folded 5-shingle samples + exact verdict', (p) => matchesOf.get(p.query)?.has(p.target) ?? false],
    ['exact scan, plain 5-shingles, whole history', (p) => scanOf.get(p.query)?.has(p.target) ?? false],
    ['exact scan, folded 5-shingles, whole history', (p) => scanFoldedOf.get(p.query)?.has(p.target) ?? false],
  ];
  const score = (name: string, predict: (p: Pair) => boolean, subset: Pair[]) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of subset) {
      const yes = predict(p);
      if (yes && p.positive) tp += 1;
      else if (yes) fp += 1;
      else if (p.positive) fn += 1;
    }
    return {
      method: name,
      pairs: subset.length,
      precision: f(tp / Math.max(1, tp + fp)),
      recall: f(tp / Math.max(1, tp + fn)),
      'false pos': fp,
      missed: fn,
    };
  };
  const positives = pairs.filter((p) => p.positive).length;
  out(
    `\n== Repeats: index of ${index.size} records (title + body); ${queries.size} rewrites by bench/text-rewrite.ts (seeded), kinds in turn`,
  );
  out(`pairs: ${positives} positive (rewrite → its original), ${pairs.length - positives} negative (same category)`);
  out(table(methods.map(([name, predict]) => score(name, predict, pairs))));
  out('per kind of rewrite (each with its own same-category negatives):');
  out(
    table(
      REWRITE_KINDS.flatMap((kind) => {
        const subset = pairs.filter((p) => p.kind === kind || p.kind === `negative: ${kind}`);
        return methods.map(([name, predict]) => ({ kind, ...score(name, predict, subset) }));
      }),
    ),
  );
  // Over the whole history: records offered that are neither the original nor a near-copy of it.
  const nearCopy = (a: string, b: string) => {
    const x = engineSets.get(a);
    const y = engineSets.get(b);
    return x !== undefined && y !== undefined && similarityOf(x, y).jaccard >= 0.5;
  };
  const extras = (found: Map<string, Set<string>>) => {
    let extra = 0;
    let withExtra = 0;
    for (const original of originals) {
      const others = [...(found.get(`rewrite:${original.id}`) ?? [])].filter(
        (id) => id !== original.id && !nearCopy(id, original.id),
      );
      extra += others.length;
      if (others.length > 0) withExtra += 1;
    }
    return `${f(extra / originals.length, 2)} per query, ${withExtra} of ${originals.length} queries have any`;
  };
  out(`other records offered over the whole history (not the original, not a near-copy of it, J ≥ 0.5):`);
  out(`  engine: ${extras(matchesOf)};  exact plain scan: ${extras(scanOf)}`);
  out(
    `look-up: p50 ${f(percentile(lookupMs, 50), 2)} ms, p95 ${f(percentile(lookupMs, 95), 2)} ms, p99 ${f(percentile(lookupMs, 99), 2)} ms over ${lookupMs.length} queries; exact scan of the history p95 ${f(percentile(scanMs, 95), 1)} ms`,
  );
  out(
    `index: built in ${(buildMs / 1000).toFixed(1)} s, heap + buffers +${heapIndex.toFixed(1)} MiB (${(index.approximateBytes() / 1024 / 1024).toFixed(1)} MiB estimated)`,
  );

  // Real re-posts: pairs of one user's records whose texts are near-identical by exact shingles.
  const byUser = new Map<string, PetitionRecord[]>();
  for (const r of records) if (r.user !== null) byUser.set(r.user, [...(byUser.get(r.user) ?? []), r]);
  let real = 0;
  let realFound = 0;
  for (const [user, list] of byUser) {
    for (let i = 0; i < list.length && i < 20; i += 1) {
      for (let j = i + 1; j < list.length && j < 20; j += 1) {
        const a = list[i];
        const b = list[j];
        if (a === undefined || b === undefined) continue;
        const s = exactSimilarity(plainSets.get(a.id) ?? new Uint32Array(), plainSets.get(b.id) ?? new Uint32Array());
        if (s.jaccard < 0.6) continue;
        real += 1;
        if (index.query(recordText(a), { user }, { excludeId: a.id }).some((m) => m.id === b.id)) realFound += 1;
      }
    }
  }
  out(`real same-user re-posts (plain 5-shingle Jaccard ≥ 0.6): found ${realFound} of ${real}`);
}

// ---------------------------------------------------------------- hotspots

function benchHotspots(records: PetitionRecord[]): void {
  const subset = records.filter((r) => r.subset === 'a3_hotspot');
  const started = performance.now();
  const all = findHotspots(
    subset.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      createdAt: r.createdAt,
      person: r.user,
      supporters: r.likes,
    })),
    { limit: 100_000 },
  );
  const ms = performance.now() - started;
  out(
    `\n== Hotspots over a3_hotspot (${subset.length} records, ${all.length} clusters of 2 or more, ${(ms / 1000).toFixed(1)} s)`,
  );
  out(
    table(
      all.slice(0, 10).map((h, i) => ({
        rank: i + 1,
        score: h.score,
        size: h.size,
        people: h.people,
        likes: h.supporters,
        weeks: h.weekly.length,
        from: h.firstAt?.slice(0, 10) ?? '',
        to: h.lastAt?.slice(0, 10) ?? '',
        title: h.title,
      })),
    ),
  );
  const titleOf = new Map(subset.map((r) => [r.id, r.title ?? '']));
  for (const [example, words] of [
    ['A5区魅力之城小区临街餐饮店油烟噪音扰民', ['魅力之城']],
    ['A市经济学院学生被强制去定点企业实习', ['经济学院', '实习']],
  ] as const) {
    const rank = all.findIndex(
      (h) => h.memberIds.filter((id) => words.every((w) => titleOf.get(id)?.includes(w))).length >= 3,
    );
    const h = all[rank];
    out(
      `organiser's example "${example}": ${h === undefined ? 'not found' : `rank ${rank + 1}, size ${h.size}, "${h.title}"`}`,
    );
  }
}

// ---------------------------------------------------------------- scale

function benchScale(records: PetitionRecord[]): void {
  if (SYNTHETIC <= 0) return;
  const next = seededRandom(7);
  const sentences = records.flatMap((r) => sentencesOf(r.body)).filter((s) => s.length >= 8);
  const heapBefore = heapMib();
  const index = new RepeatIndex();
  const samples: { id: string; text: string }[] = [];
  const started = performance.now();
  for (let i = 0; i < SYNTHETIC; i += 1) {
    const count = 3 + Math.floor(next() * 8);
    let text = '';
    for (let k = 0; k < count; k += 1) text += sentences[Math.floor(next() * sentences.length)] ?? '';
    const id = `s${i}`;
    index.add({ id, text });
    if (i % Math.max(1, Math.floor(SYNTHETIC / 1000)) === 0) samples.push({ id, text });
  }
  const buildMs = performance.now() - started;
  const heap = heapMib() - heapBefore;
  const times: number[] = [];
  let found = 0;
  let offered = 0;
  for (const sample of samples) {
    const query = punctuation(typos(reorder(sample.text, next), next), next);
    const t = performance.now();
    const matches = index.query(query);
    times.push(performance.now() - t);
    if (matches.some((m) => m.id === sample.id)) found += 1;
    offered += matches.length;
  }
  const fresh: number[] = [];
  let freshOffered = 0;
  for (const r of records.slice(0, 1000)) {
    const t = performance.now();
    freshOffered += index.query(recordText(r)).length;
    fresh.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  fresh.sort((a, b) => a - b);
  out(`\n== Scale: ${SYNTHETIC} synthetic petitions (3–10 real sentences recombined)`);
  out(
    `build ${(buildMs / 1000).toFixed(0)} s (${((buildMs * 1000) / SYNTHETIC).toFixed(0)} µs/petition), heap + buffers +${heap.toFixed(0)} MiB (${((heap / SYNTHETIC) * 1024 * 1024).toFixed(0)} B/petition)`,
  );
  out(
    `edited copies (reorder + typos + punctuation): found ${found}/${samples.length}, ${f(offered / samples.length, 2)} offered per query; look-up p50 ${f(percentile(times, 50), 2)} ms, p95 ${f(percentile(times, 95), 2)} ms, p99 ${f(percentile(times, 99), 2)} ms`,
  );
  out(
    `real petitions not in the index: ${f(freshOffered / fresh.length, 2)} offered per query; look-up p95 ${f(percentile(fresh, 95), 2)} ms`,
  );
}

function main(): void {
  if (!fs.existsSync(DATA)) {
    out(`${DATA} not found: the text bench needs the internal measurement data; skipped.`);
    return;
  }
  const records = parseRecords(fs.readFileSync(DATA, 'utf8'));
  out(`${records.length} records from ${DATA}`);
  if (ONLY === undefined || ONLY === 'category') benchCategory(records);
  if (ONLY === undefined || ONLY === 'repeats') benchRepeats(records);
  if (ONLY === undefined || ONLY === 'hotspots') benchHotspots(records);
  if (ONLY === undefined || ONLY === 'scale') benchScale(records);
}

main();
