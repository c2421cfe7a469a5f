/**
 * Batch use of the text engine over records (the `classify` and `repeats` commands of
 * server/cli.ts): whole files in, one result per input record out, no database.
 */
import { Classifier, petitionText } from './classifier.ts';
import { recordText, type PetitionRecord } from './records.ts';
import { RepeatIndex } from './repeats.ts';

/** One output line of `classify`. */
export type ClassifyLine = { id: string; category: string; confidence: number };

/** One output line of `repeats`. */
export type RepeatsLine = { id: string; matches: { id: string; score: number; reasons: string[] }[] };

/**
 * Trains on the records of `train` that have a category and predicts one for every input record.
 * @throws RangeError when the training records carry fewer than two categories.
 */
export function classifyRecords(
  train: readonly PetitionRecord[],
  input: readonly PetitionRecord[],
): { lines: ClassifyLine[]; trainedOn: number; classes: string[] } {
  const examples = train.flatMap((r) =>
    r.category === null || r.category.trim() === ''
      ? []
      : [{ text: petitionText(r.title, r.body), category: r.category.trim() }],
  );
  const model = Classifier.train(examples);
  const lines = input.map((r) => {
    const prediction = model.predict(petitionText(r.title, r.body));
    return { id: r.id, category: prediction.category, confidence: prediction.confidence };
  });
  return { lines, trainedOn: examples.length, classes: model.classes };
}

/**
 * Builds a repeat index over `indexed` (title + body, `user` as identity) and looks up every input
 * record, best match first; a record never matches itself (same id).
 */
export function findRepeatRecords(
  indexed: readonly PetitionRecord[],
  input: readonly PetitionRecord[],
  options: { limit?: number } = {},
): RepeatsLine[] {
  const index = RepeatIndex.build(indexed.map((r) => ({ id: r.id, text: recordText(r), identity: { user: r.user } })));
  return input.map((r) => ({
    id: r.id,
    matches: index
      .query(recordText(r), { user: r.user }, { excludeId: r.id, limit: options.limit ?? 10 })
      .map((m) => ({ id: m.id, score: m.score, reasons: m.reasons })),
  }));
}
