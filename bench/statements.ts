/**
 * Statements per use case: how many SQL statements one registration and one verb send to the
 * database, counted by a Kysely plugin on a demo database (every statement, reads and writes,
 * including the view returned to the caller). Printed by bench:petition before the HTTP figures.
 */
import { registerAtIntake, registerPetition } from '../server/modules/intake/index.ts';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { StatementCounter } from '../server/test/statement-counter.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actorOf } from './support.ts';
import { loadConfig } from '../server/config.ts';
import { boot } from '../server/boot.ts';
import { createLogger } from '../server/platform/logger.ts';
import * as petitions from '../server/modules/petition/index.ts';
import { filesystemStore } from '../server/platform/file-store.ts';
import { sql } from 'kysely';
import { GROUP_MAX, groupCommitter } from '../server/db/group-commit.ts';
import { seededRandom } from '../server/platform/seeded-random.ts';

/** Words of petitions, for texts unlike each other. */
const WORDS = [
  '工资',
  '拖欠',
  '宿舍',
  '供暖',
  '食堂',
  '班车',
  '井下',
  '通风',
  '劳保',
  '补贴',
  '社保',
  '医疗',
  '工伤',
  '鉴定',
  '住房',
  '搬迁',
  '子女',
  '入学',
  '考核',
  '岗位',
  '调动',
  '退休',
  '待遇',
  '加班',
  '请假',
  '安全',
  '隐患',
  '设备',
  '维修',
  '噪声',
  '粉尘',
  '环境',
  '赔偿',
  '合同',
  '续签',
  '培训',
  '证书',
  '奖金',
  '分配',
  '公示',
];

export { StatementCounter };

const REGISTRATION = {
  channel: 'visit' as const,
  type: 'appeal' as const,
  purpose: 'request' as const,
  title: '综采一队加班工资未发放',
  body: '本人系综采一队职工，2026年1月至2月加班工资未按时发放，请求核实补发。',
  anonymous: false,
  headcount: 1,
  skipLevel: false,
  involvedUnitIds: [],
  namedPersons: [],
  petitioners: [{ name: '王某', phone: '13912345678', identity: 'employee' as const, isRepresentative: false }],
};

/** Rows: use case → statements (median of five runs; they do not vary). */
export async function statementCounts(): Promise<Record<string, string | number>[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-statements-'));
  const config = loadConfig('bench', {
    XINFANG_DATA_DIR: dataDir,
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
  });
  const booted = await boot(config, createLogger({ logLevel: 'warn' }));
  try {
    const counter = new StatementCounter();
    const deps = {
      ...booted.deps,
      db: booted.deps.db.withPlugin(counter),
      cipher: booted.cipher,
      files: filesystemStore(path.join(dataDir, 'attachments')),
    };
    const officer = await actorOf(booted.deps, 'officer');
    const measure = async (run: () => Promise<unknown>): Promise<number> => {
      const counts: number[] = [];
      for (let i = 0; i < 5; i++) {
        counter.count = 0;
        await run();
        counts.push(counter.count);
      }
      return counts.sort((a, b) => a - b)[2] ?? 0;
    };
    // Five matters unlike each other: a registration with no likely repeat to link.
    const distinct = [
      ['食堂饭菜价格上涨', '职工食堂近期饭菜价格上涨较多，夜班职工就餐困难，建议调整价格并增加夜班供餐。'],
      ['宿舍供暖不足', '单身职工宿舍三号楼冬季供暖温度不足，夜间室温低于十度，请求尽快维修暖气管道。'],
      ['通勤班车取消', '矿区至市区的职工通勤班车自下月起取消，职工上下班不便，请求恢复班车或发放交通补贴。'],
      ['子女入学问题', '职工子女今年秋季入学，矿区学校名额不足，请求协调解决职工子女就近入学问题。'],
      ['劳保用品发放', '井下职工防尘口罩和手套发放数量不足，更换周期过长，请求按规定足额发放劳保用品。'],
    ] as const;
    let d = 0;
    const registerDistinct = await measure(async () => {
      const [title, body] = distinct[d % distinct.length]!;
      d += 1;
      await registerPetition(deps, officer, {
        ...REGISTRATION,
        title,
        body,
        petitioners: [{ ...REGISTRATION.petitioners[0]!, phone: `1381234${String(5000 + d).padStart(4, '0')}` }],
      });
    });
    let h = 0;
    const registerHttp = await measure(async () => {
      h += 1;
      await registerAtIntake(deps, officer, {
        ...REGISTRATION,
        petitioners: [{ ...REGISTRATION.petitioners[0]!, phone: `1371234${String(5000 + h).padStart(4, '0')}` }],
      });
    });
    const ids: string[] = [];
    const register = await measure(async () => {
      const result = await registerPetition(deps, officer, {
        ...REGISTRATION,
        petitioners: [
          { ...REGISTRATION.petitioners[0]!, phone: `1391234${String(5000 + ids.length).padStart(4, '0')}` },
        ],
      });
      ids.push(result.petition.id);
    });
    let n = 0;
    const triage = await measure(() => petitions.triagePetition(deps, officer, ids[n++]!, { note: '转人力资源科' }));
    let m = 0;
    const note = await measure(() =>
      petitions.addNote(deps, officer, ids[m++]!, { text: '已电话联系信访人', internal: true }),
    );
    return [
      {
        'use case': 'registerPetition (a new matter; in process, response view included)',
        statements: registerDistinct,
      },
      { 'use case': 'registerPetition (a likely repeat, linked and its visibility checked)', statements: register },
      {
        'use case': "registerAtIntake (POST /api/petitions' use case, a likely repeat; the session's read not in it)",
        statements: registerHttp,
      },
      { 'use case': 'triagePetition (a verb, response view included)', statements: triage },
      { 'use case': 'addNote (an activity, response view included)', statements: note },
    ];
  } finally {
    await booted.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * POST /api/petitions's use case in process (registerAtIntake), one registration at a time, the bench's
 * body each time (every one a likely repeat of the last: the mass complaint, its sample lists full):
 * p50/p99 wall and the process's CPU per registration. On PostgreSQL with BENCH_DATABASE_URL (a
 * schema of its own, dropped after).
 */
export async function inProcessRegistration(): Promise<{
  rows: Record<string, string | number>[];
  runs: number;
  warmUp: number;
}> {
  const runs = Number(process.env.BENCH_IN_PROCESS_RUNS ?? 1_000);
  const warmUp = 300;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-in-process-'));
  const url = process.env.BENCH_DATABASE_URL;
  const schema = `bench_in_process_${process.pid}`;
  const env: NodeJS.ProcessEnv = { XINFANG_DATA_DIR: dataDir, XINFANG_PASSWORD_MEMORY_KIB: '1024', LOG_LEVEL: 'warn' };
  if (url !== undefined) {
    const withSchema = new URL(url);
    withSchema.searchParams.set('schema', schema);
    env.DATABASE_URL = withSchema.toString();
  }
  const booted = await boot(loadConfig('bench', env), createLogger({ logLevel: 'warn' }));
  try {
    const deps = { ...booted.deps, cipher: booted.cipher, files: filesystemStore(path.join(dataDir, 'attachments')) };
    const officer = await actorOf(booted.deps, 'officer');
    let n = 0;
    const register = () =>
      registerAtIntake(deps, officer, {
        ...REGISTRATION,
        petitioners: [{ ...REGISTRATION.petitioners[0]!, phone: `136${String(10_000_000 + ++n).padStart(8, '0')}` }],
      });
    for (let i = 0; i < warmUp; i++) await register();
    const times: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await register();
      times.push(performance.now() - t);
    }
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    const at = (p: number) => (times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0).toFixed(2);
    return {
      runs,
      warmUp,
      rows: [
        {
          dialect: booted.deps.dialect,
          'p50 ms': at(0.5),
          'p99 ms': at(0.99),
          'mean ms': (wall / runs).toFixed(2),
          'CPU ms': ((used.user + used.system) / 1000 / runs).toFixed(2),
          'per second, one at a time': Math.round((1000 * runs) / wall),
        },
      ],
    };
  } finally {
    await booted.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (url !== undefined) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  }
}

/**
 * POST /api/petitions's use case in process, ten at a time (ten clients, each sending its next when
 * its last was answered, as the HTTP bench's ten connections): each registration in a transaction of
 * its own, beside registrations that arrive together sharing one (group commit, the SQLite server's
 * way), the two alternated in rounds so both see the same machine. CPU of the process and WAL bytes
 * per registration, latency, the groups formed. SQLite only (PostgreSQL: each its own transaction).
 * `distinct`: each registration a matter of its own instead of the bench's mass complaint.
 */
export async function concurrentRegistration(
  distinct: boolean,
): Promise<{ rows: Record<string, string | number>[]; runs: number }> {
  const runs = Number(process.env.BENCH_IN_PROCESS_RUNS ?? 1_000);
  const clients = 10;
  const rounds = 3;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-group-'));
  const config = loadConfig('bench', {
    XINFANG_DATA_DIR: dataDir,
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
  });
  const booted = await boot(config, createLogger({ logLevel: 'warn' }));
  const file = config.database.dialect === 'sqlite' ? config.database.file : '';
  try {
    const base = { ...booted.deps, cipher: booted.cipher, files: filesystemStore(path.join(dataDir, 'attachments')) };
    const groups: number[] = [];
    const modes = [
      { name: 'each its own transaction', deps: base },
      {
        name: `group commit (at most ${GROUP_MAX})`,
        deps: { ...base, registrations: groupCommitter(booted.deps.db, { onGroup: (size) => groups.push(size) }) },
      },
    ];
    const officer = await actorOf(booted.deps, 'officer');
    let n = 0;
    const random = seededRandom(20);
    // A matter of its own: a sentence of words drawn at random (its samples in lists of their own).
    const distinctText = () => Array.from({ length: 24 }, () => WORDS[Math.floor(random() * WORDS.length)]).join('');
    const register = (deps: typeof base) =>
      registerAtIntake(deps, officer, {
        ...REGISTRATION,
        ...(distinct ? { title: distinctText().slice(0, 12), body: distinctText() } : {}),
        petitioners: [{ ...REGISTRATION.petitioners[0]!, phone: `135${String(10_000_000 + ++n).padStart(8, '0')}` }],
      });
    const totals = modes.map(() => ({ cpu: 0, wall: 0, walBytes: 0, times: [] as number[] }));
    // The WAL is left to grow during a round (no checkpoint) and measured, then truncated.
    await sql`pragma wal_autocheckpoint = 0`.execute(booted.deps.db);
    for (let i = 0; i < 300; i++) await register(base); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const [m, mode] of modes.entries()) {
        const total = totals[m]!;
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(booted.deps.db);
        const per = Math.ceil(runs / rounds / clients);
        const cpu = process.cpuUsage();
        const started = performance.now();
        await Promise.all(
          Array.from({ length: clients }, async () => {
            for (let i = 0; i < per; i++) {
              const t = performance.now();
              await register(mode.deps);
              total.times.push(performance.now() - t);
            }
          }),
        );
        total.wall += performance.now() - started;
        const used = process.cpuUsage(cpu);
        total.cpu += (used.user + used.system) / 1000;
        total.walBytes += fs.statSync(`${file}-wal`).size;
      }
    }
    return {
      runs,
      rows: modes.map((mode, m) => {
        const { cpu, wall, walBytes, times } = totals[m]!;
        times.sort((a, b) => a - b);
        const count = times.length;
        const at = (p: number) => (times[Math.min(count - 1, Math.ceil(p * count) - 1)] ?? 0).toFixed(2);
        return {
          mode: mode.name,
          text: distinct ? 'distinct' : 'likely repeat',
          registrations: count,
          'per second': Math.round((1000 * count) / wall),
          'p50 ms': at(0.5),
          'p99 ms': at(0.99),
          'CPU ms/registration': (cpu / count).toFixed(2),
          'WAL KiB/registration': (walBytes / 1024 / count).toFixed(0),
          'mean group': m === 0 ? 1 : (groups.reduce((a, b) => a + b, 0) / Math.max(1, groups.length)).toFixed(1),
        };
      }),
    };
  } finally {
    await booted.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
