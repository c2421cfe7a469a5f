import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyRecords, findRepeatRecords } from './batch.ts';
import { parseRecords, recordText, type PetitionRecord } from './records.ts';

const INJURY =
  '我是二号井的井下工人，去年在工作面被落煤砸伤，工伤认定做完了，单位一直不支付伤残补助金，医疗费也不报销，请求督促单位落实工伤待遇。';
const SUBSIDENCE =
  '采煤塌陷区李家村的房屋开裂严重，村民要求整体搬迁安置，但是安置方案和补偿标准至今没有公布，请求尽快答复。';

function record(id: string, body: string, extra: Partial<PetitionRecord> = {}): PetitionRecord {
  return { id, title: null, body, category: null, user: null, createdAt: null, likes: null, subset: null, ...extra };
}

const TRAIN = [
  record('t1', '井下受伤以后单位不给申报工伤，工伤认定一直办不下来', { category: '劳动和社会保障' }),
  record('t2', '矿上拖欠工资半年，欠薪一直不发', { category: '劳动和社会保障' }),
  record('t3', '单位没有缴纳社保，养老保险断缴', { category: '劳动和社会保障' }),
  record('t4', '采煤塌陷区房屋开裂，要求搬迁安置', { category: '城乡建设' }),
  record('t5', '安置房迟迟不能交房，开发商拖延工期', { category: '城乡建设' }),
  record('t6', '棚户区改造补偿标准太低', { category: '城乡建设' }),
  record('t7', '没有类别的记录不参与训练'),
];

describe('parseRecords', () => {
  it('reads JSON lines with the keys of the exchange format and skips blank lines', () => {
    const content = `${JSON.stringify({ id: 'a', title: '工伤', body: '井下受伤', category: '劳动和社会保障', user: 'U1', created_at: '2024-03-04', likes: 3, extra: 1 })}\n\n${JSON.stringify({ id: 7, body: '欠薪' })}\n`;
    expect(parseRecords(content)).toEqual([
      {
        id: 'a',
        title: '工伤',
        body: '井下受伤',
        category: '劳动和社会保障',
        user: 'U1',
        createdAt: '2024-03-04',
        likes: 3,
        subset: null,
      },
      { id: '7', title: null, body: '欠薪', category: null, user: null, createdAt: null, likes: null, subset: null },
    ]);
  });

  it.each([
    ['not JSON', '{"id":', 'line 1: not valid JSON'],
    ['an array', '[1]', 'line 1: not a JSON object'],
    ['no body', '{"id":"a"}\n{"id":"b"}', 'line 1: "id" and "body" are required'],
  ])('names the line of %s', (_case, content, message) => {
    expect(() => parseRecords(content)).toThrow(message);
  });

  it('joins title and body for fingerprints', () => {
    expect(recordText({ title: '工伤', body: '井下受伤' })).toBe('工伤\n井下受伤');
    expect(recordText({ title: null, body: '井下受伤' })).toBe('井下受伤');
  });
});

describe('classifyRecords', () => {
  it('trains on the records with a category and answers for every input record', () => {
    const result = classifyRecords(TRAIN, [
      record('i1', '工伤认定办不下来，工资也拖欠'),
      record('i2', '塌陷区搬迁安置什么时候落实'),
    ]);
    expect(result.trainedOn).toBe(6);
    expect(result.classes).toEqual(['劳动和社会保障', '城乡建设']);
    expect(result.lines.map((l) => [l.id, l.category])).toEqual([
      ['i1', '劳动和社会保障'],
      ['i2', '城乡建设'],
    ]);
    for (const line of result.lines) expect(line.confidence).toBeGreaterThan(0.5);
  });
});

describe('findRepeatRecords', () => {
  it('lists likely repeats best first, with reasons, and an empty list when none', () => {
    const indexed = [record('a1', INJURY, { user: 'U1' }), record('a2', SUBSIDENCE, { user: 'U2' })];
    const lines = findRepeatRecords(indexed, [
      record('b1', INJURY.replace(/，/g, ' '), { user: 'U1' }),
      record('b2', '我想咨询一下煤矿职工的年休假怎么计算。'),
      record('a2', SUBSIDENCE),
    ]);
    expect(lines[0]?.id).toBe('b1');
    expect(lines[0]?.matches.map((m) => m.id)).toEqual(['a1']);
    expect(lines[0]?.matches[0]?.reasons).toEqual(['正文相似 1.00', '同一用户']);
    expect(lines[1]).toEqual({ id: 'b2', matches: [] });
    // A record is never its own repeat.
    expect(lines[2]).toEqual({ id: 'a2', matches: [] });
  });
});

describe('npm run xinfang -- classify | repeats', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-text-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, rows: object[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    return file;
  };
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints one JSON line per input record on stdout and notes on stderr only', () => {
    const train = write('train.jsonl', TRAIN);
    const input = write('input.jsonl', [
      { id: 'x1', title: '欠薪', body: '拖欠工资三个月' },
      { id: 'x2', title: null, body: '塌陷区房屋开裂要求安置' },
    ]);
    const classify = cli('classify', '--train', train, '--input', input);
    expect(classify.status).toBe(0);
    const lines = classify.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; category: string; confidence: number });
    expect(lines.map((l) => [l.id, l.category])).toEqual([
      ['x1', '劳动和社会保障'],
      ['x2', '城乡建设'],
    ]);
    expect(Object.keys(lines[0] ?? {})).toEqual(['id', 'category', 'confidence']);
    expect(classify.stderr).toContain('trained on 6 records');

    const index = write('index.jsonl', [
      { id: 'a1', body: INJURY, user: 'U1' },
      { id: 'a2', body: SUBSIDENCE },
    ]);
    const queries = write('queries.jsonl', [
      { id: 'q1', body: `${INJURY}此事已经反映过一次。`, user: 'U9' },
      { id: 'q2', body: '年休假怎么计算' },
    ]);
    const repeats = cli('repeats', '--index', index, '--input', queries);
    expect(repeats.status).toBe(0);
    const found = repeats.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; matches: { id: string; score: number; reasons: string[] }[] });
    expect(found.map((l) => [l.id, l.matches.map((m) => m.id)])).toEqual([
      ['q1', ['a1']],
      ['q2', []],
    ]);
    expect(found[0]?.matches[0]?.reasons[0]).toMatch(/^正文(相似|包含) /);
  });

  it('exits 2 with the usage on stderr when a file is missing from the arguments, 1 on a bad file', () => {
    const missing = cli('repeats', '--index', 'x.jsonl');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('repeats --index');
    const bad = write('bad.jsonl', [{ id: 'a' }]);
    const broken = cli('classify', '--train', bad, '--input', bad);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trim()).toBe(`${bad}: line 1: "id" and "body" are required`);
  });
});
