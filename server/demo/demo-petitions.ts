/**
 * Demo petitions: a dozen matters a coal group really sees — wages, social insurance, work
 * injury, subsidence, housing, restructuring, a cadre accused — written for the demo (no data set
 * is copied), and replayed through the services over the past months so each sits at a realistic
 * step with real deadlines: some fresh, some overdue, some concluded, one reviewed to the end.
 */
import { registerPetition } from '../modules/intake/index.ts';
import type { Actor } from '../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../common/schemas/petition.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoActor, demoUnits } from './demo-people.ts';
import { fixedClock } from '../platform/clock.ts';
import * as petitions from '../modules/petition/index.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';

type Step =
  | 'registered'
  | 'triaged'
  | 'assigned'
  | 'accepted'
  | 'in_progress'
  | 'replied'
  | 'concluded'
  | 'final'
  | 'declined'
  | 'diverted';

type Spec = {
  daysAgo: number;
  mine: 'dongshan' | 'nanyu' | 'beiling';
  team: string;
  channel: 'visit' | 'letter' | 'phone' | 'online' | 'mailbox' | 'qr_code';
  type: 'appeal' | 'suggestion' | 'accusation' | 'consultation';
  category: string;
  title: string;
  body: string;
  people: {
    name: string;
    identity: 'employee' | 'retiree' | 'injured' | 'survivor' | 'family' | 'contractor' | 'villager';
    rep?: boolean;
    phone?: string;
  }[];
  headcount?: number;
  upTo: Step;
  named?: string;
};

const MINES = { dongshan: '东山煤矿', nanyu: '南峪煤矿', beiling: '北岭煤矿' } as const;

const SPECS: Spec[] = [
  {
    daysAgo: 1,
    mine: 'dongshan',
    team: '综采一队',
    channel: 'visit',
    type: 'appeal',
    category: '0103',
    title: '综采一队3月加班工资未发放',
    body: '我们综采一队甲班十余名职工3月份加班工资至今未发放，区队说要等矿上核算，已经拖了一个多月，请求尽快补发。',
    people: [
      { name: '郝建国', identity: 'employee', rep: true, phone: '13903101234' },
      { name: '樊振华', identity: 'employee', rep: true },
    ],
    headcount: 12,
    upTo: 'registered',
  },
  {
    daysAgo: 2,
    mine: 'nanyu',
    team: '掘进一队',
    channel: 'phone',
    type: 'appeal',
    category: '0201',
    title: '养老保险断缴两年无法补缴',
    body: '本人1998年入矿，2019至2020年间在外包单位期间养老保险断缴，现在想补缴，社保窗口说要矿上出具证明，请矿上协助办理。',
    people: [{ name: '田玉山', identity: 'employee', phone: '13803109876' }],
    upTo: 'triaged',
  },
  {
    daysAgo: 4,
    mine: 'beiling',
    team: '通风队',
    channel: 'qr_code',
    type: 'suggestion',
    category: '1202',
    title: '建议改进井下通风巡检记录方式',
    body: '现在通风巡检靠纸质记录，交接时经常漏记，建议配发手持终端，巡检数据直接上传，便于追溯。',
    people: [{ name: '牛小军', identity: 'employee' }],
    upTo: 'assigned',
  },
  {
    daysAgo: 6,
    mine: 'dongshan',
    team: '机电队',
    channel: 'letter',
    type: 'appeal',
    category: '0301',
    title: '工伤认定材料被退回',
    body: '去年11月在机电硐室作业时右手受伤，申报工伤认定时材料被退回，说缺少事故调查报告，请矿上尽快补出报告。',
    people: [{ name: '魏长生', identity: 'injured', phone: '13703101111' }],
    upTo: 'accepted',
  },
  {
    daysAgo: 9,
    mine: 'beiling',
    team: '运输队',
    channel: 'visit',
    type: 'appeal',
    category: '0802',
    title: '采煤沉陷区房屋裂缝要求搬迁',
    body: '北岭村三组二十多户房屋墙体开裂，雨季漏水严重，多次反映未得到答复，要求尽快评估并安排搬迁安置。村民们说再不解决就集体上访，到省里讨说法。',
    people: [
      { name: '岳长河', identity: 'villager', rep: true, phone: '15903102222' },
      { name: '岳秀英', identity: 'villager', rep: true },
      { name: '常福来', identity: 'villager', rep: true },
    ],
    headcount: 26,
    upTo: 'in_progress',
  },
  {
    daysAgo: 12,
    mine: 'nanyu',
    team: '机电队',
    channel: 'online',
    type: 'consultation',
    category: '0203',
    title: '咨询特殊工种提前退休条件',
    body: '本人井下作业满九年，想了解特殊工种提前退休需要满足哪些条件，需要准备什么材料。',
    people: [{ name: '贾志刚', identity: 'employee' }],
    upTo: 'concluded',
  },
  {
    daysAgo: 20,
    mine: 'dongshan',
    team: '掘进二队',
    channel: 'mailbox',
    type: 'accusation',
    category: '1004',
    title: '举报区队考勤员虚报出勤',
    body: '掘进二队考勤员长期给个别人员虚报出勤，多领工资和入井补贴，请纪委核查。',
    people: [{ name: '匿名职工', identity: 'employee' }],
    upTo: 'in_progress',
    named: 'dongshan.t3',
  },
  {
    daysAgo: 24,
    mine: 'nanyu',
    team: '运输队',
    channel: 'visit',
    type: 'appeal',
    category: '0502',
    title: '关闭矿井分流人员经济补偿标准',
    body: '原南峪二井关闭时分流到运输队，当时说经济补偿按工龄计算，但实际发放比别人少，要求说明计算依据并补足。',
    people: [{ name: '戴宝林', identity: 'employee', phone: '13603103333' }],
    upTo: 'replied',
  },
  {
    daysAgo: 35,
    mine: 'beiling',
    team: '综采一队',
    channel: 'letter',
    type: 'appeal',
    category: '0601',
    title: '遗属生活困难补助未按时发放',
    body: '丈夫因工去世后，遗属生活困难补助每季度发放，今年第一季度至今没有到账，请帮忙查一下。',
    people: [{ name: '刘桂兰', identity: 'survivor' }],
    upTo: 'concluded',
  },
  {
    daysAgo: 40,
    mine: 'dongshan',
    team: '运输队',
    channel: 'visit',
    type: 'appeal',
    category: '0701',
    title: '职工住房维修基金使用不透明',
    body: '家属楼维修基金的使用情况从未公开，楼顶防水维修拖了两年，要求公开账目并尽快维修。',
    people: [{ name: '石振东', identity: 'retiree', phone: '13503104444' }],
    upTo: 'assigned',
  },
  {
    daysAgo: 50,
    mine: 'nanyu',
    team: '综采一队',
    channel: 'visit',
    type: 'appeal',
    category: '0104',
    title: '井下津贴计发标准调整有异议',
    body: '今年起井下津贴计发标准调整，辅助岗位下降较多，职工意见很大，要求说明调整依据。',
    people: [{ name: '袁立新', identity: 'employee', rep: true }],
    headcount: 8,
    upTo: 'final',
  },
  {
    daysAgo: 16,
    mine: 'beiling',
    team: '防突队',
    channel: 'phone',
    type: 'appeal',
    category: '1301',
    title: '劳动合同纠纷已申请仲裁',
    body: '与劳务派遣公司的劳动合同纠纷已经向劳动仲裁委员会申请仲裁，想问矿上能否协调。',
    people: [{ name: '邵明', identity: 'contractor' }],
    upTo: 'diverted',
  },
  {
    daysAgo: 3,
    mine: 'dongshan',
    team: '通风队',
    channel: 'online',
    type: 'appeal',
    category: '0105',
    title: '反映食堂饭菜价格上涨',
    body: '矿食堂近期饭菜普遍涨价，班中餐补贴没有相应提高，希望调整。',
    people: [{ name: '包永强', identity: 'employee' }],
    upTo: 'declined',
  },
];

/** Load the demo petitions; `at` is "now" of the demo. @returns the number registered */
export async function seedDemoPetitions(deps: PetitionDeps, now: Date): Promise<number> {
  const db = deps.db;
  const actorOf = async (username: string): Promise<Actor> => demoActor(db, username);
  const groupOfficer = await actorOf('officer');
  const groupChief = await actorOf('chief');
  const units = await demoUnits(db);
  let count = 0;
  for (const spec of SPECS) {
    const clock = fixedClock(new Date(now.getTime() - spec.daysAgo * 86_400_000 - 3 * 3_600_000));
    const d: PetitionDeps = { ...deps, clock };
    const hour = () => clock.advance(2 * 3_600_000);
    const day = (n = 1) => clock.advance(n * 86_400_000);
    const mineOfficer = await actorOf(`${spec.mine}.officer`);
    const mineChief = await actorOf(`${spec.mine}.chief`);
    // A case the district team handles (the one that goes to 终结) is handled by its head.
    const handler = await actorOf(spec.upTo === 'final' ? `${spec.mine}.t1` : `${spec.mine}.hr`);
    const team = units.find(
      (t) => t.name === spec.team && units.some((m) => m.id === t.parent_id && m.name === MINES[spec.mine]),
    );
    if (team === undefined) throw new Error(`The demo team ${spec.team} does not exist`);
    const named =
      spec.named === undefined
        ? []
        : [{ name: '被反映人', userId: (await actorOf(spec.named)).id, position: '区队长' }];
    const input = RegisterPetitionInputSchema.parse({
      channel: spec.channel,
      type: spec.type,
      purpose:
        spec.type === 'accusation'
          ? 'report'
          : spec.type === 'suggestion'
            ? 'suggestion'
            : spec.type === 'consultation'
              ? 'inquiry'
              : 'request',
      categoryCode: spec.category,
      title: spec.title,
      body: spec.body,
      petitioners: spec.people.map((p) => ({
        name: p.name,
        identity: p.identity,
        isRepresentative: p.rep === true,
        ...(p.phone === undefined ? {} : { phone: p.phone }),
      })),
      headcount: spec.headcount ?? spec.people.length,
      involvedUnitIds: [team.id],
      namedPersons: named,
    });
    const { petition } = await registerPetition(d, groupOfficer, input);
    count += 1;
    const id = petition.id;
    const order: Step[] = [
      'registered',
      'triaged',
      'assigned',
      'accepted',
      'in_progress',
      'replied',
      'concluded',
      'final',
    ];
    const reach = (step: Step) => order.indexOf(spec.upTo) >= order.indexOf(step);
    if (spec.upTo === 'declined') {
      hour();
      await petitions.triagePetition(d, groupOfficer, id, { note: '属生活服务事项，由矿后勤部门自行研究' });
      await petitions.declinePetition(d, groupOfficer, id, {
        reason: '不属于信访事项受理范围，已告知通过职工代表提案渠道反映',
      });
      continue;
    }
    if (spec.upTo === 'diverted') {
      hour();
      await petitions.triagePetition(d, groupOfficer, id, {});
      await petitions.divertPetition(d, groupOfficer, id, {
        route: 'arbitration',
        reason: '已进入劳动仲裁程序，依法按仲裁结果处理',
      });
      continue;
    }
    if (!reach('triaged')) continue;
    hour();
    await petitions.triagePetition(d, groupOfficer, id, {});
    if (spec.upTo === 'concluded' && spec.type === 'consultation') {
      await petitions.acceptPetition(d, groupOfficer, id, {});
      await petitions.startInvestigation(d, groupOfficer, id);
      await petitions.draftReply(d, groupOfficer, id, {
        request: '咨询提前退休条件',
        factsAndReasons: '已查阅相关政策',
        opinion: '已当面解答，并提供办理清单',
        legalBasis: '国家关于特殊工种提前退休的有关规定',
        result: 'explain',
        outcomes: [{ kind: 'explained', measures: '已当面解释政策依据' }],
      });
      await petitions.issueReply(d, groupChief, id, { deliveryMethod: 'in_person' });
      await petitions.concludePetition(d, groupOfficer, id, {});
      continue;
    }
    if (!reach('assigned')) continue;
    day();
    // A case that goes all the way to 终结 is handled by the district team: the mine reviews (复查)
    // and the group reconsiders (复核), each the level above the one before (第35–36条).
    await petitions.assignPetition(d, groupOfficer, id, {
      handlingUnitId: spec.upTo === 'final' ? team.id : (await mineUnit(db, spec.mine)).id,
      reportDueDate: isoDate(new Date(clock.now().getTime() + 45 * 86_400_000)),
    });
    if (!reach('accepted')) continue;
    hour();
    await petitions.signForPetition(d, mineOfficer, id);
    await petitions.acceptPetition(d, mineOfficer, id, { ownerId: mineChief.id, handlerId: handler.id });
    day();
    await petitions.confirmOwnership(d, mineChief, id);
    if (!reach('in_progress')) continue;
    await petitions.startInvestigation(d, handler, id);
    day(2);
    await petitions.addNote(d, handler, id, { text: '已与信访人面谈，调取相关台账，正在核实。', internal: true });
    if (!reach('replied')) continue;
    day(5);
    await petitions.draftReply(d, handler, id, {
      request: spec.title,
      factsAndReasons: '经调查核实，所反映情况基本属实。',
      opinion: '责成相关单位限期整改并答复信访人。',
      legalBasis: '《信访工作条例》第三十二条及企业有关规定',
      result: 'support',
      outcomes: [{ kind: 'resolved', measures: '已按处理意见落实' }],
    });
    hour();
    await petitions.issueReply(d, mineChief, id, { deliveryMethod: 'in_person' });
    if (!reach('concluded')) continue;
    await petitions.startExecution(d, handler, id);
    day(3);
    await petitions.evaluatePetition(d, mineOfficer, id, { satisfaction: spec.upTo === 'final' ? 2 : 4 });
    await petitions.concludePetition(d, mineOfficer, id, {});
    if (!reach('final')) continue;
    day(6);
    await petitions.requestReview(d, groupOfficer, id, { reason: '信访人对调整依据仍有异议' });
    day(10);
    // The group, the level above the mine that answered for it, gives the 复查 (第35条); its chief,
    // who took no part, the 复核 at the top of the tree (第36条).
    await petitions.issueReviewOpinion(d, groupOfficer, id, {
      opinion: '经复查，调整依据充分，维持原处理意见。',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
    day(5);
    await petitions.requestReconsideration(d, groupOfficer, id, { reason: '信访人申请复核' });
    day(8);
    await petitions.issueReconsiderationOpinion(d, groupChief, id, {
      opinion: '复核维持复查意见，本事项终结。',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
  }
  return count;
}

async function mineUnit(db: Kysely<DB>, mine: keyof typeof MINES) {
  const unit = (await demoUnits(db)).find((u) => u.name === MINES[mine] && u.kind === 'mine');
  if (unit === undefined) throw new Error(`The demo mine ${MINES[mine]} does not exist`);
  return unit;
}

function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
