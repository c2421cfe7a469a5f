/**
 * Petition records in the JSON-lines exchange format (one object per line, the keys of
 * `../shared/data/petitions.jsonl`: id, title, body, category, user, created_at, likes …), as read by
 * the command line and the benchmarks. Unknown keys are ignored; only `id` and `body` are required.
 */

/** One record of a JSON-lines file. */
export type PetitionRecord = {
  id: string;
  title: string | null;
  body: string;
  category: string | null;
  user: string | null;
  createdAt: string | null;
  likes: number | null;
  subset: string | null;
};

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Parses JSON-lines text into records; blank lines are skipped.
 * @throws Error naming the line number when a line is not a JSON object with a string `id` and `body`.
 */
export function parseRecords(content: string): PetitionRecord[] {
  const records: PetitionRecord[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not valid JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error(`line ${i + 1}: not a JSON object`);
    const row = value as Record<string, unknown>;
    const id = typeof row.id === 'number' ? String(row.id) : text(row.id);
    const body = text(row.body);
    if (id === null || body === null) throw new Error(`line ${i + 1}: "id" and "body" are required`);
    records.push({
      id,
      title: text(row.title),
      body,
      category: text(row.category),
      user: text(row.user),
      createdAt: text(row.created_at),
      likes: typeof row.likes === 'number' ? row.likes : null,
      subset: text(row.subset),
    });
  }
  return records;
}

/** The text of a record for fingerprints: title and body on separate lines. */
export function recordText(record: Pick<PetitionRecord, 'title' | 'body'>): string {
  const title = record.title?.trim() ?? '';
  return title === '' ? record.body : `${title}\n${record.body}`;
}
