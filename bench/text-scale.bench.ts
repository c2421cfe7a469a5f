/**
 * The text engine at scale on SQLite, as the server stores it: the FTS5 search table of bigrams
 * (migration 011) and the persisted repeat index (migration 110: petition_fingerprint +
 * petition_text_sample without rowid; the texts in a petition table for the verdict), over synthetic petitions made by recombining sentences — of ../shared/data when
 * present (read, never copied), else of the few sentences below. Look-ups run through the server's
 * own findTextMatches (Kysely over the same database).
 *   npm run bench:text-scale                          1,000,000 petitions
 *   BENCH_TEXT_SCALE_N=200000 npm run bench:text-scale
 * Prints build time per phase, database size and memory, search p50/p95 (FTS5 page of ids and the
 * count) beside a LIKE '%term%' scan of a 100k sample, repeat look-up p50/p95 and recall of edited
 * copies beside a brute-force exact-shingle scan of a 20k sample. Figures are printed, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { findTextMatches, fingerprintOf, insertFingerprints } from '../server/modules/text/fingerprint-index.ts';
import { judgeRepeat, POSTINGS_CAP, querySamples, repeatShingles, repeatText } from '../server/text/repeat-engine.ts';
import { indexableBigrams, toFts5Query } from '../server/text/segment.ts';
import { percentile, table } from './support.ts';
import { seededRandom } from '../server/platform/seeded-random.ts';

const N = Number(process.env.BENCH_TEXT_SCALE_N ?? 1_000_000);
const DATA = path.resolve('../shared/data/petitions.jsonl');
/** BENCH_TEXT_SCALE_SEARCH=0: the repeat index only (no FTS5 table, no search section): builds in a third of the time. */
const SEARCH = process.env.BENCH_TEXT_SCALE_SEARCH !== '0';
/** BENCH_TEXT_SCALE_DB=<file>: keep the database there and reuse it when it holds N petitions (profiling). */
const KEEP = process.env.BENCH_TEXT_SCALE_DB;
const FILE = KEEP ?? path.join(os.tmpdir(), `xinfang-text-scale-${process.pid}.sqlite`);

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Sentences written for this bench, used when ../shared/data is absent (then the pool is tiny). */
const OWN_SENTENCES = [
  '我们综采一队十余名职工三月份加班工资至今未发放',
  '区队说要等矿上核算已经拖了一个多月',
  '请求尽快补发拖欠的工资',
  '本人入矿二十年养老保险在外包单位期间断缴两年',
  '社保窗口说要矿上出具证明才能补缴',
  '村里二十多户房屋墙体开裂雨季漏水严重',
  '多次反映一直没有答复要求评估并安排搬迁',
  '去年在机电硐室作业时右手受伤申报工伤被退回',
  '说缺少事故调查报告请尽快补出',
  '食堂饭菜普遍涨价班中餐补贴没有提高',
  '通勤班车每天只有一趟早班职工赶不上',
  '家属楼维修基金的使用情况从未公开',
  '楼顶防水维修拖了两年冬天暖气也不热',
  '井下津贴计发标准调整后辅助岗位下降较多',
  '关闭矿井分流时说经济补偿按工龄计算',
  '实际发放比别人少要求说明计算依据',
  '掘进二队考勤员长期给个别人员虚报出勤',
  '劳务派遣公司拖欠三个月工资',
  '尘肺病诊断需要职业史证明单位迟迟不开',
  '建议配发手持终端巡检数据直接上传',
];

function loadSentences(): { sentences: string[]; source: string } {
  if (!fs.existsSync(DATA))
    return {
      sentences: OWN_SENTENCES,
      source: `${OWN_SENTENCES.length} sentences written for the bench (../shared/data absent)`,
    };
  const seen = new Set<string>();
  for (const line of fs.readFileSync(DATA, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { body?: unknown };
    if (typeof row.body !== 'string') continue;
    for (const s of row.body.split(/[。！？!?\n；;]/)) {
      const t = s.trim();
      if (t.length >= 8 && t.length <= 150) seen.add(t);
    }
  }
  return { sentences: [...seen], source: `${seen.size} distinct sentences of ../shared/data/petitions.jsonl` };
}

const { sentences: SENTENCES, source } = loadSentences();

/** Petition i: 3–10 sentences drawn by seed i; the title is the start of the first. */
function petition(i: number): { id: string; title: string; body: string; parts: string[] } {
  const next = seededRandom(i + 1);
  const count = 3 + Math.floor(next() * 8);
  const parts = Array.from({ length: count }, () => SENTENCES[Math.floor(next() * SENTENCES.length)] ?? '');
  return {
    id: `P${String(i).padStart(25, '0')}`,
    title: (parts[0] ?? '').slice(0, 20),
    body: `${parts.join('。')}。`,
    parts,
  };
}

/** A re-submission: sentences in another order, a typo per 80 characters, other punctuation. */
function edited(p: { title: string; parts: string[] }, seed: number): { title: string; body: string } {
  const next = seededRandom(seed);
  const parts = [...p.parts].sort(() => next() - 0.5);
  let body = `${parts.join('，')}。`;
  const chars = Array.from(body);
  for (let k = 0; k < chars.length / 80; k += 1) chars[Math.floor(next() * chars.length)] = '的';
  body = chars.join('');
  return { title: p.title, body };
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

/** Figures bench:scale reads (BENCH_JSON_OUT=<file>): written at the end of the run. */
const summary: Record<string, number> = {};

/** Builds the database of N petitions (FTS5 rows when SEARCH, petition rows, fingerprints, samples). */
function build(sqlite: SqliteDatabase.Database): void {
  // The DDL of migrations 011 and 110 (without the foreign keys to petition, which the bench has not).
  if (SEARCH)
    sqlite.exec(
      `create virtual table petition_search using fts5(content, petition_id unindexed, tokenize = 'unicode61')`,
    );
  sqlite.exec(`create table petition (id varchar(40) primary key, title text not null, body text not null);
    create table petition_fingerprint (petition_id varchar(40) primary key, signature text not null, shingle_count integer not null, samples text);
    create table sample_stage (shingle integer not null, petition_id varchar(40) not null);`);

  // Phase 1: texts → FTS rows, petition rows, fingerprints, sample rows (staged in arrival order).
  const insertSearch = SEARCH
    ? sqlite.prepare('insert into petition_search (content, petition_id) values (?, ?)')
    : undefined;
  const insertPetition = sqlite.prepare('insert into petition values (?, ?, ?)');
  const insertFingerprint = sqlite.prepare('insert into petition_fingerprint values (?, ?, ?, ?)');
  const insertStage = sqlite.prepare('insert into sample_stage values (?, ?)');
  let textMs = 0;
  let fingerprintMs = 0;
  let chars = 0;
  const started = performance.now();
  const batch = 10_000;
  for (let from = 0; from < N; from += batch) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(N, from + batch); i += 1) {
        const p = petition(i);
        chars += p.body.length;
        let t = performance.now();
        insertSearch?.run(indexableBigrams(`${p.title}\n${p.body}`), p.id);
        textMs += performance.now() - t;
        t = performance.now();
        insertPetition.run(p.id, p.title, p.body);
        const fp = fingerprintOf(p.title, p.body);
        insertFingerprint.run(p.id, encode(fp.signature), fp.size, encode(Int32Array.from(fp.samples)));
        for (const shingle of fp.samples) insertStage.run(shingle, p.id);
        fingerprintMs += performance.now() - t;
      }
    })();
    if ((from / batch) % 20 === 19)
      out(`  … ${(from + batch).toLocaleString('en')} written, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const phase1 = performance.now() - started;
  // Phase 2: the sample table as the server has it — every sample of every petition (the look-up
  // caps what it reads, not what is filed) — loaded in key order (a sorted bulk load).
  const [, sortMs] = timed(() => {
    sqlite.exec(`create table petition_text_sample (shingle integer not null, petition_id varchar(40) not null, primary key (shingle, petition_id)) without rowid;
      insert into petition_text_sample select shingle, petition_id from sample_stage order by shingle, petition_id;
      drop table sample_stage;`);
  });
  const [, optimiseMs] = SEARCH
    ? timed(() => sqlite.exec(`insert into petition_search(petition_search) values('optimize')`))
    : [undefined, 0];
  const total = performance.now() - started;
  summary.buildSeconds = total / 1000;
  out();
  out('## build');
  out(
    table([
      { phase: 'FTS5 bigram rows (text → bigrams → insert)', seconds: (textMs / 1000).toFixed(1) },
      { phase: 'petition row, fingerprint + staged sample rows', seconds: (fingerprintMs / 1000).toFixed(1) },
      { phase: 'phase 1 wall (incl. sentence recombination)', seconds: (phase1 / 1000).toFixed(1) },
      {
        phase: 'sample table: sorted load into the primary key (every sample filed)',
        seconds: (sortMs / 1000).toFixed(1),
      },
      { phase: 'FTS5 optimize', seconds: (optimiseMs / 1000).toFixed(1) },
      { phase: 'total', seconds: (total / 1000).toFixed(1) },
    ]),
  );
  out(`average body ${(chars / N).toFixed(0)} characters`);
}

const encode = (v: Uint32Array | Int32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

async function main(): Promise<void> {
  out(`# text engine at scale (SQLite): ${N.toLocaleString('en')} synthetic petitions from ${source}`);
  let reuse = false;
  if (KEEP !== undefined && fs.existsSync(KEEP)) {
    const probe = new SqliteDatabase(KEEP, { readonly: true });
    const row = probe.prepare('select count(*) as n from petition').get() as { n: number };
    const hasSearch = probe.prepare("select count(*) as n from sqlite_master where name = 'petition_search'").get() as {
      n: number;
    };
    probe.close();
    reuse = row.n === N + 500 && (hasSearch.n > 0 || !SEARCH);
    if (!reuse) fs.rmSync(KEEP);
  }
  out(`database file: ${FILE} (${KEEP === undefined ? 'deleted at the end' : reuse ? 'reused' : 'kept'})`);
  const sqlite = new SqliteDatabase(FILE);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1048576');
  if (!reuse) build(sqlite);
  const size = fs.statSync(FILE).size;
  const memory = process.memoryUsage();
  summary.databaseMib = size / 1024 / 1024;
  summary.rssMib = memory.rss / 1024 / 1024;
  const samples = (sqlite.prepare('select count(*) as n from petition_text_sample').get() as { n: number }).n;
  out(
    `database ${mib(size)} MiB (${(size / N).toFixed(0)} B per petition), ${samples.toLocaleString('en')} sample rows (${(samples / N).toFixed(1)} per petition); process RSS ${mib(memory.rss)} MiB, heap ${mib(memory.heapUsed)} MiB`,
  );
  const insertSearch = SEARCH
    ? sqlite.prepare('insert into petition_search (content, petition_id) values (?, ?)')
    : undefined;
  const insertPetition = sqlite.prepare('insert into petition values (?, ?, ?)');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });

  // Incremental inserts, the way registration writes them: one petition per transaction, its
  // fingerprint through the server's insertFingerprints (the cap read included).
  if (reuse) out('one more petition: skipped (database reused)');
  else {
    const incremental: number[] = [];
    for (let k = 0; k < 500; k += 1) {
      const p = petition(N + k);
      const start = performance.now();
      await db.transaction().execute(async (trx) => {
        insertSearch?.run(indexableBigrams(`${p.title}\n${p.body}`), p.id);
        insertPetition.run(p.id, p.title, p.body);
        await insertFingerprints(trx, [p], { replace: false });
      });
      incremental.push(performance.now() - start);
    }
    incremental.sort((a, b) => a - b);
    out(
      `one more petition (${SEARCH ? 'FTS row, ' : ''}petition row, fingerprint, sample rows, own transaction): p50 ${percentile(incremental, 50).toFixed(2)} ms, p95 ${percentile(incremental, 95).toFixed(2)} ms`,
    );
  }

  // Repeat look-ups of edited copies through the server's findTextMatches, for each cap on the
  // postings read (BENCH_TEXT_SCALE_CAPS, default the engine's POSTINGS_CAP): targets drawn from the
  // whole history, and targets among the newest 5 % (a re-petition is nearly always about a recent
  // case). Wall time and the process's CPU time of each: on a machine shared with other jobs the
  // wall time's tail is mostly waiting for a core, the CPU time is the look-up's own work.
  const next = seededRandom(99);
  const caps = (process.env.BENCH_TEXT_SCALE_CAPS ?? String(POSTINGS_CAP)).split(',').map(Number);
  const QUERIES = 1000;
  const whole = Array.from({ length: QUERIES + 100 }, () => Math.floor(next() * N));
  const recent = Array.from({ length: QUERIES + 100 }, () => N - 1 - Math.floor(next() * (N / 20)));
  const rowsOf = (samples: number[], cap: number) =>
    (
      sqlite
        .prepare(
          `select coalesce(sum(min(n, ${cap})), 0) as n from (select count(*) as n from petition_text_sample where shingle in (${samples.map(() => '?').join(',')}) group by shingle)`,
        )
        .get(...samples) as { n: number }
    ).n;
  const lookupRows: Record<string, string>[] = [];
  let defaultFound = 0;
  for (const cap of caps)
    for (const [set, targets] of [
      ['whole history', whole],
      ['newest 5 %', recent],
    ] as const) {
      const lookups: number[] = [];
      const lookupCpu: number[] = [];
      const rowsRead: number[] = [];
      let found = 0;
      let offered = 0;
      let candidates = 0;
      for (let q = -100; q < QUERIES; q += 1) {
        const i = targets[q + 100] ?? 0;
        const target = petition(i);
        const copy = edited(target, 1000 + q);
        const stats = { candidates: 0 };
        const cpu = process.cpuUsage();
        const start = performance.now();
        const matches = await findTextMatches(db, copy.title, copy.body, { limit: 5, stats, postingsCap: cap });
        const wall = performance.now() - start;
        const used = process.cpuUsage(cpu);
        if (q < 0) continue; // the first hundred warm the page cache
        lookups.push(wall);
        lookupCpu.push((used.user + used.system) / 1000);
        rowsRead.push(rowsOf(querySamples(repeatShingles(repeatText(copy.title, copy.body))), cap));
        if (matches.some((m) => m.petitionId === target.id)) found += 1;
        offered += matches.filter((m) => m.petitionId !== target.id).length;
        candidates += stats.candidates;
      }
      lookups.sort((a, b) => a - b);
      lookupCpu.sort((a, b) => a - b);
      rowsRead.sort((a, b) => a - b);
      if (cap === POSTINGS_CAP && set === 'whole history') {
        defaultFound = found;
        summary.lookupP50 = percentile(lookups, 50);
        summary.lookupP95 = percentile(lookups, 95);
        summary.lookupCpuP50 = percentile(lookupCpu, 50);
        summary.recall = found / QUERIES;
      }
      lookupRows.push({
        'newest read per list': String(cap),
        targets: set,
        recall: (found / QUERIES).toFixed(3),
        'wall p50/p95 ms': `${percentile(lookups, 50).toFixed(2)} / ${percentile(lookups, 95).toFixed(2)}`,
        'CPU p50/p95/p99 ms': `${percentile(lookupCpu, 50).toFixed(2)} / ${percentile(lookupCpu, 95).toFixed(2)} / ${percentile(lookupCpu, 99).toFixed(2)}`,
        'rows read p50/p95/max': `${percentile(rowsRead, 50)} / ${percentile(rowsRead, 95)} / ${rowsRead.at(-1) ?? 0}`,
        'verified, offered per query': `${(candidates / QUERIES).toFixed(1)}, ${(offered / QUERIES).toFixed(2)}`,
      });
    }
  const countRows = (samples: number[]) => rowsOf(samples, POSTINGS_CAP);

  // The exact scan baseline on a sample: the engine's shingles of every document, judged one by one.
  const SAMPLE = Math.min(N, 20_000);
  const sampleSets = Array.from({ length: SAMPLE }, (_, i) => {
    const p = petition(i);
    return repeatShingles(repeatText(p.title, p.body));
  });
  const brute: number[] = [];
  let bruteFound = 0;
  for (let q = 0; q < 20; q += 1) {
    const i = Math.floor(next() * SAMPLE);
    const copy = edited(petition(i), 5000 + q);
    const start = performance.now();
    const set = repeatShingles(repeatText(copy.title, copy.body));
    const hits: number[] = [];
    sampleSets.forEach((other, j) => {
      if (judgeRepeat(set, other) !== null) hits.push(j);
    });
    brute.push(performance.now() - start);
    if (hits.includes(i)) bruteFound += 1;
  }
  brute.sort((a, b) => a - b);
  summary.exactScanP95 = percentile(brute, 95);
  summary.exactScanSample = SAMPLE;
  out();
  out(
    `## repeat look-up (${QUERIES} edited copies per row: reordered sentences, a typo per 80 characters, other punctuation; ${N.toLocaleString('en')} petitions; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  out(table(lookupRows));
  out();
  out(
    table([
      {
        method: `exact scan (engine shingles and verdict), ${SAMPLE.toLocaleString('en')} sample`,
        p50_ms: percentile(brute, 50).toFixed(1),
        p95_ms: percentile(brute, 95).toFixed(1),
        p99_ms: percentile(brute, 99).toFixed(1),
        note: `found ${bruteFound}/20; ≈ ${((percentile(brute, 50) * N) / SAMPLE / 1000).toFixed(1)} s per query at ${N.toLocaleString('en')} by proportion (index at cap ${POSTINGS_CAP}: ${defaultFound}/${QUERIES})`,
      },
    ]),
  );

  // A burst: the same wage complaint filed by 300 workers one after another, each nearly the same
  // letter (its sentences reordered, a typo, other punctuation, its own name). Each registration
  // is a look-up then the fingerprint write, in one transaction, as the server does it. With the
  // lists read newest-first and capped the cost stops growing once the complaint's lists are full.
  const complaint = petition(N + 10_000);
  const burst: { lookup: number; write: number; cpu: number; rows: number; candidates: number; found: number }[] = [];
  for (let k = 0; k < 300; k += 1) {
    const copy = edited(complaint, 90_000 + k);
    const id = `B${String(k).padStart(25, '0')}`;
    const title = copy.title;
    const body = `我是综采一队职工${k + 1}号。${copy.body}`;
    const stats = { candidates: 0 };
    const rows = countRows(querySamples(repeatShingles(repeatText(title, body))));
    const cpu = process.cpuUsage();
    let lookup = 0;
    let write = 0;
    let matched = 0;
    await db.transaction().execute(async (trx) => {
      let t = performance.now();
      matched = (await findTextMatches(trx, title, body, { limit: 5, stats })).length;
      lookup = performance.now() - t;
      t = performance.now();
      insertPetition.run(id, title, body);
      await insertFingerprints(trx, [{ id, title, body }], { replace: false });
      write = performance.now() - t;
    });
    const used = process.cpuUsage(cpu);
    burst.push({
      lookup,
      write,
      cpu: (used.user + used.system) / 1000,
      rows,
      candidates: stats.candidates,
      found: matched,
    });
  }
  // A kept database is left as built, for the next run.
  sqlite.exec(`delete from petition_text_sample where petition_id like 'B%';
    delete from petition_fingerprint where petition_id like 'B%';
    delete from petition where id like 'B%';`);
  out();
  out(
    `## a burst: one wage complaint filed 300 times, nearly the same letter each time (the newest ${POSTINGS_CAP} of each list read)`,
  );
  out(
    table(
      [
        [0, 1],
        [1, 10],
        [10, 30],
        [30, 100],
        [100, 300],
      ].map(([from = 0, to = 0]) => {
        const part = burst.slice(from, to);
        const mean = (pick: (b: (typeof burst)[number]) => number) =>
          part.reduce((sum, b) => sum + pick(b), 0) / Math.max(1, part.length);
        return {
          filings: `${from + 1}–${to}`,
          'postings rows read': mean((b) => b.rows).toFixed(0),
          'candidates verified': mean((b) => b.candidates).toFixed(1),
          'repeats offered (≤ 5)': mean((b) => b.found).toFixed(1),
          'look-up ms': mean((b) => b.lookup).toFixed(2),
          'write ms': mean((b) => b.write).toFixed(2),
          'registration CPU ms': mean((b) => b.cpu).toFixed(2),
        };
      }),
    ),
  );

  if (SEARCH) {
    // Search: terms of 2–4 characters cut from the sentences, one or two per query.
    const terms = Array.from({ length: 300 }, () => {
      const s = Array.from(SENTENCES[Math.floor(next() * SENTENCES.length)] ?? '工资').filter((c) =>
        /\p{Script=Han}/u.test(c),
      );
      const len = 2 + Math.floor(next() * 3);
      const at = Math.floor(next() * Math.max(1, s.length - len));
      return s.slice(at, at + len).join('');
    }).filter((t) => t.length >= 2);
    const pageStmt = sqlite.prepare('select petition_id from petition_search where petition_search match ? limit 20');
    const countStmt = sqlite.prepare('select count(*) as n from petition_search where petition_search match ?');
    const page: number[] = [];
    const count: number[] = [];
    let hits = 0;
    for (const [k, term] of terms.entries()) {
      const query = k % 3 === 0 ? `${term} ${terms[(k + 7) % terms.length] ?? ''}` : term;
      const match = toFts5Query(query);
      if (match === null) continue;
      page.push(timed(() => pageStmt.all(match))[1]);
      const [row, ms] = timed(() => countStmt.get(match) as { n: number });
      count.push(ms);
      hits += row.n;
    }
    page.sort((a, b) => a - b);
    count.sort((a, b) => a - b);

    // Baseline: LIKE '%term%' over the plain texts of a 100k sample.
    const LIKE_SAMPLE = Math.min(N, 100_000);
    sqlite.exec('create table plain_text (petition_id text primary key, content text not null)');
    const insertPlain = sqlite.prepare('insert into plain_text values (?, ?)');
    sqlite.transaction(() => {
      for (let i = 0; i < LIKE_SAMPLE; i += 1) {
        const p = petition(i);
        insertPlain.run(p.id, `${p.title}\n${p.body}`);
      }
    })();
    const likeStmt = sqlite.prepare("select count(*) as n from plain_text where content like '%' || ? || '%'");
    const like: number[] = [];
    for (const term of terms.slice(0, 40)) like.push(timed(() => likeStmt.get(term))[1]);
    like.sort((a, b) => a - b);
    summary.searchP50 = percentile(page, 50);
    summary.searchP95 = percentile(page, 95);
    summary.likeP95 = percentile(like, 95);
    summary.likeSample = LIKE_SAMPLE;
    out();
    out(
      `## search (${page.length} queries: one term of 2–4 characters, every third query two terms; ${(hits / count.length).toFixed(0)} matches per query on average)`,
    );
    out(
      table([
        {
          method: `FTS5 bigrams, ${N.toLocaleString('en')}: first 20 ids`,
          p50_ms: percentile(page, 50).toFixed(2),
          p95_ms: percentile(page, 95).toFixed(2),
          p99_ms: percentile(page, 99).toFixed(2),
        },
        {
          method: `FTS5 bigrams, ${N.toLocaleString('en')}: count of all matches`,
          p50_ms: percentile(count, 50).toFixed(2),
          p95_ms: percentile(count, 95).toFixed(2),
          p99_ms: percentile(count, 99).toFixed(2),
        },
        {
          method: `LIKE '%term%' scan, ${LIKE_SAMPLE.toLocaleString('en')} sample: count`,
          p50_ms: percentile(like, 50).toFixed(1),
          p95_ms: percentile(like, 95).toFixed(1),
          p99_ms: percentile(like, 99).toFixed(1),
        },
      ]),
    );
  }
  await db.destroy();
  if (KEEP === undefined) fs.rmSync(FILE, { force: true });
  summary.peakRssMib = process.resourceUsage().maxRSS / 1024;
  if (process.env.BENCH_JSON_OUT !== undefined) fs.writeFileSync(process.env.BENCH_JSON_OUT, JSON.stringify(summary));
}

await main();
