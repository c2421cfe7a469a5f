/**
 * A year of demo history for the dashboard: a few hundred petitions at the three demo mines over
 * the past 12 months, composed here from small word lists (no data set is copied), written through
 * the ledger import path of the petition module (`importPetitions`: registration's rules, flags,
 * deadlines and the dashboard's deadline columns, many rows per statement) because replaying each
 * through every verb would take minutes. Older matters are concluded (most on time, some late,
 * rated 1–5), recent ones are open; the last week holds a spike of unpaid-wage petitions at 南峪煤矿
 * so the warning scan has something to find.
 */
import type { Actor } from '../../common/domain/access.ts';
import type { PetitionState } from '../../common/domain/petition-state.ts';
import type { Outcome, ReplyResult } from '../../common/schemas/petition.ts';
import { RegisterPetitionInputSchema } from '../../common/schemas/petition.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoActor, demoUnits } from './demo-people.ts';
import { loadCalendar } from '../modules/calendar/index.ts';
import { importPetitions, importReferences, type ImportCandidate } from '../modules/ledger/index.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';

const DAY = 86_400_000;
const MINES = ['东山煤矿', '南峪煤矿', '北岭煤矿'] as const;

/** Category code → matters (title, body) a coal mine hears under it. */
const MATTERS: Record<string, [string, string][]> = {
  '0103': [
    [
      '{team}{month}月工资未按时发放',
      '{team}职工{month}月工资至今未发放，区队解释说矿上资金紧张，职工生活受到影响，请求尽快发放。',
    ],
    ['外包工程队拖欠农民工工资', '在{mine}承揽巷道维修的外包队拖欠我们三个月工资，包工头联系不上，请矿上督促支付。'],
    ['{team}加班工资少算', '{team}{month}月份加班工资计算有误，少发了近一半，要求核对考勤重新计发。'],
  ],
  '0101': [['{team}绩效考核扣款过多', '{team}{month}月考核扣款标准不公开，个别职工被扣一千多元，要求公开考核细则。']],
  '0104': [['井下岗位津贴调整有异议', '{team}辅助岗位的井下津贴下调幅度较大，职工意见集中，请说明调整依据。']],
  '0201': [['养老保险缴费年限有断档', '本人在{mine}工作二十多年，查询养老保险发现有两年断缴，请单位协助核实补缴。']],
  '0203': [['特殊工种提前退休审批进度', '本人井下作业年限已满，提前退休申请递交半年没有结果，请帮助催办。']],
  '0301': [['工伤认定材料迟迟未报送', '去年在{team}作业时受伤，工伤认定材料单位一直没有报送，请尽快办理。']],
  '0305': [
    [
      '尘肺病职业病诊断需要职业史证明',
      '本人在{mine}从事掘进工作多年，现申请尘肺病诊断，需要单位出具职业史证明，请协助。',
    ],
  ],
  '0502': [['关闭矿井分流安置补偿有争议', '原井关闭分流时的经济补偿计算与政策不符，要求重新核算并补发差额。']],
  '0701': [['职工家属楼屋顶漏水维修', '{mine}家属区三号楼屋顶漏水两年未修，雨季住户家中进水，请求尽快维修。']],
  '0802': [['采煤沉陷造成房屋开裂', '{mine}附近村民房屋因采煤沉陷出现裂缝，要求鉴定并给予补偿或搬迁。']],
  '1004': [['反映区队管理人员优亲厚友', '{team}派班时优先照顾亲属，脏活累活总派给同几个人，请调查处理。']],
  '1202': [
    ['建议井下作业面增设饮水点', '{team}作业面距离饮水点太远，建议在顺槽增设饮水点，方便职工。'],
    ['建议改进班中餐配送', '班中餐送到作业面时已经凉了，建议使用保温箱配送。'],
  ],
};
const TEAMS = ['综采一队', '掘进一队', '掘进二队', '机电队', '运输队', '通风队'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '郭',
  '马',
  '高',
  '郝',
  '贾',
  '田',
  '石',
  '牛',
];
const GIVEN = [
  '建国',
  '志强',
  '海军',
  '文华',
  '春生',
  '玉兰',
  '长河',
  '国庆',
  '振东',
  '立新',
  '宝林',
  '永强',
  '秀英',
  '明亮',
  '红梅',
  '小军',
];

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

export type HistoryResult = { petitions: number };

/** Write the demo history; `now` is the demo's now. */
export async function seedDemoHistory(
  deps: PetitionDeps,
  actor: Actor,
  now: Date,
  count = 360,
): Promise<HistoryResult> {
  const db: Kysely<DB> = deps.db;
  const rand = random(20_261_128);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const mines = (await demoUnits(db)).filter((u) => u.kind === 'mine' && (MINES as readonly string[]).includes(u.name));
  const mineId = (name: string) => mines.find((m) => m.name === name)?.id ?? null;
  const codes = Object.keys(MATTERS);
  const candidates: ImportCandidate[] = [];

  const add = (daysAgo: number, mine: string, code: string, index: number) => {
    const receivedAt = new Date(now.getTime() - daysAgo * DAY - Math.floor(rand() * 10) * 3_600_000);
    const [titleT, bodyT] = pick(MATTERS[code] ?? []);
    const fill = (s: string) =>
      s
        .replace('{team}', pick(TEAMS))
        .replace('{mine}', mine)
        .replace('{month}', String(((receivedAt.getUTCMonth() + 11) % 12) + 1));
    const suggestion = code === '1202';
    const group = !suggestion && rand() < 0.08;
    const headcount = group ? 5 + Math.floor(rand() * 20) : 1;
    const anonymous = rand() < 0.06;
    const input = RegisterPetitionInputSchema.parse({
      channel: group ? 'visit' : pick(['visit', 'letter', 'phone', 'online', 'online', 'qr_code', 'mailbox'] as const),
      type: suggestion ? 'suggestion' : code === '1004' ? 'accusation' : 'appeal',
      purpose: suggestion ? 'suggestion' : code === '1004' ? 'report' : 'request',
      categoryCode: code,
      receivedAt: receivedAt.toISOString(),
      title: fill(titleT),
      body: fill(bodyT),
      anonymous,
      petitioners: anonymous
        ? []
        : [
            {
              name: `${pick(SURNAMES)}${pick(GIVEN)}`,
              identity: code === '0802' ? 'villager' : 'employee',
              isRepresentative: group,
            },
          ],
      headcount,
      skipLevel: rand() < 0.05,
    });
    // How far it got: older matters are concluded, recent ones still open.
    let state: PetitionState = 'registered';
    let acceptedAt: string | null = null;
    let concludedAt: string | null = null;
    let outcomes: Outcome[] = [];
    let replyResult: ReplyResult | null = null;
    let satisfaction: number | null = null;
    const late = rand() < 0.12;
    const acceptDays = late ? 16 + Math.floor(rand() * 10) : 1 + Math.floor(rand() * 12);
    const concludeDays = rand() < 0.1 ? 62 + Math.floor(rand() * 20) : 15 + Math.floor(rand() * 40);
    if (daysAgo > acceptDays && rand() < 0.95) {
      state = 'in_progress';
      acceptedAt = new Date(receivedAt.getTime() + acceptDays * DAY).toISOString();
      if (daysAgo > acceptDays + concludeDays && rand() < 0.9) {
        state = 'concluded';
        concludedAt = new Date(receivedAt.getTime() + (acceptDays + concludeDays) * DAY).toISOString();
        replyResult = suggestion
          ? rand() < 0.45
            ? 'support'
            : 'explain'
          : pick(['support', 'support', 'explain', 'reject'] as const);
        outcomes = replyResult === 'support' ? ['resolved'] : ['explained'];
        satisfaction = rand() < 0.85 ? pick([3, 4, 4, 5, 5, 5]) : pick([1, 2]);
      }
    } else if (daysAgo > 1 && rand() < 0.5) {
      state = 'triaged';
    }
    candidates.push({
      sourceKey: `demo-history:${index}`,
      sourceCaseNumber: null,
      input,
      state,
      handlingUnitId: state === 'registered' || state === 'triaged' ? null : mineId(mine),
      outcomes,
      replyResult,
      satisfaction,
      acceptedAt,
      concludedAt,
    });
  };

  for (let i = 0; i < count; i++) {
    // A little seasonality: more before the Spring Festival and at mid-year settlements.
    const daysAgo = 8 + Math.floor(rand() * 357);
    add(daysAgo, pick(MINES), pick(codes), i);
  }
  // The spike: unpaid wages at 南峪煤矿 in the last week.
  for (let i = 0; i < 14; i++) add(Math.floor(rand() * 6), '南峪煤矿', '0103', count + i);
  // The rest of the last week, ordinary.
  for (let i = 0; i < 10; i++)
    add(
      Math.floor(rand() * 7),
      pick(['东山煤矿', '北岭煤矿']),
      pick(codes.filter((c) => c !== '0103')),
      count + 14 + i,
    );

  candidates.sort((a, b) => (a.input.receivedAt ?? '').localeCompare(b.input.receivedAt ?? ''));
  const refs = await importReferences(db);
  const calendar = await loadCalendar(db);
  const result = await db
    .transaction()
    .execute((trx) => importPetitions(deps, actor, trx, candidates, refs, calendar, 'demo-history'));
  return { petitions: result.imported };
}

/** The group's letters-and-visits officer of the demo, who "imports" the history. */
export async function demoOfficer(db: Kysely<DB>): Promise<Actor> {
  return demoActor(db, 'officer');
}
