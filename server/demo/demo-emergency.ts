/**
 * The demo's 应急处置: three plans (北岭煤矿's mass-incident plan — the one its red subsidence warning
 * calls for —, 东山煤矿's group-visit plan, the group's online-opinion plan) and one drill of 东山煤矿's
 * plan held forty days ago with its timeline, a confirmed task and its stand-down. Created through the
 * emergency services, the drill on a clock set to its day.
 */
import type { PlanInput } from '../../common/schemas/emergency.ts';
import { fixedClock } from '../platform/clock.ts';
import { createPlan } from '../modules/emergency/emergency-plan.service.ts';
import {
  activatePlan,
  assignTask,
  confirmTask,
  recordEntry,
  standDown,
  type EmergencyDeps,
} from '../modules/emergency/emergency.service.ts';
import { demoActor } from './demo-people.ts';

const MIN = 60_000;
const DAY = 86_400_000;

export async function seedDemoEmergency(deps: EmergencyDeps, now: Date): Promise<{ plans: number; drills: number }> {
  const a = (username: string) => demoActor(deps.db, username);
  const [group, bl, ds] = await Promise.all([a('officer'), a('beiling.officer'), a('dongshan.officer')]);
  const id = async (username: string) => (await a(username)).id;

  const beiling: PlanInput = {
    unitId: bl.unitId,
    title: '北岭煤矿群体性事件应急预案',
    incidentType: 'mass_incident',
    level: 'red',
    roles: [
      { role: 'commander', userIds: [await id('beiling.chief')] },
      { role: 'onsite', userIds: [await id('beiling.deputy'), await id('beiling.t1')] },
      { role: 'liaison', userIds: [await id('beiling.officer')] },
      { role: 'logistics', userIds: [await id('beiling.union')] },
    ],
    steps: [
      '总指挥接报后立即赶赴现场，成立现场指挥部',
      '现场处置组到场劝导，了解诉求，防止事态扩大',
      '联络组通报北岭镇政府和北岭派出所，请求派员协助',
      '听取群众代表诉求，能当场答复的当场答复，不能答复的明确答复时限',
      '后勤组保障饮水、座椅和避雨场所',
      '事态平息后结束响应，三日内形成复盘报告',
    ],
    contacts: [
      { body: '北岭镇人民政府', name: '刘建华（综治办）', phone: '0355-6012345' },
      { body: '北岭派出所', name: '值班室', phone: '0355-6012110' },
      { body: '集团信访办', name: '马丽娟', phone: '0355-2088001' },
    ],
    notifyUserIds: [await id('chief'), await id('officer')],
  };
  const dongshan: PlanInput = {
    unitId: ds.unitId,
    title: '东山煤矿集体上访应急预案',
    incidentType: 'group_visit',
    level: 'orange',
    roles: [
      { role: 'commander', userIds: [await id('dongshan.chief')] },
      { role: 'onsite', userIds: [await id('dongshan.deputy')] },
      { role: 'liaison', userIds: [await id('dongshan.officer')] },
      { role: 'logistics', userIds: [await id('dongshan.hr')] },
    ],
    steps: ['接报后分管副矿长十五分钟内到接待室', '引导来访职工推选代表（不超过5人）', '人力资源科携工资台账到场答复'],
    contacts: [{ body: '东山镇人民政府', name: '王志刚（信访办）', phone: '0355-5011234' }],
    notifyUserIds: [await id('dongshan.union')],
  };
  const opinion: PlanInput = {
    unitId: group.unitId,
    title: '集团网络舆情应急预案',
    incidentType: 'online_opinion',
    level: 'yellow',
    roles: [
      { role: 'commander', userIds: [await id('deputy')] },
      { role: 'media', userIds: [await id('officer'), await id('officer2')] },
    ],
    steps: ['发现舆情后一小时内核实情况', '涉及的矿同步开展线下化解', '统一口径，依法依规回应'],
    contacts: [],
    notifyUserIds: [await id('chief')],
  };
  await createPlan(deps, bl, beiling);
  const drillPlan = await createPlan(deps, ds, dongshan);
  await createPlan(deps, group, opinion);

  // The drill, forty days ago at 09:30 (UTC+8), on a clock set to that morning.
  const clock = fixedClock(new Date(Math.floor((now.getTime() - 40 * DAY) / DAY) * DAY + 90 * MIN));
  const on = { ...deps, clock };
  const { incident } = await activatePlan(on, ds, {
    planId: drillPlan.id,
    source: { kind: 'leader' },
    drill: true,
    summary: '演练：二十余名职工到矿办公楼反映工资发放问题',
  });
  const deputy = await a('dongshan.deputy');
  const at = (minutes: number) => new Date(clock.now().getTime() + minutes * MIN).toISOString();
  clock.advance(5 * MIN);
  const assigned = await assignTask(on, ds, incident.id, { assigneeId: deputy.id, title: '到接待室组织推选代表' });
  clock.advance(2 * MIN);
  await confirmTask(on, deputy, assigned.tasks[0]?.id ?? '');
  clock.advance(9 * MIN);
  await recordEntry(on, deputy, incident.id, { kind: 'arrival', occurredAt: at(0), text: '分管副矿长到达接待室' });
  await recordEntry(on, deputy, incident.id, {
    kind: 'gathered',
    occurredAt: at(0),
    text: '接待室外约二十二人',
    headcount: 22,
  });
  clock.advance(20 * MIN);
  await recordEntry(on, deputy, incident.id, {
    kind: 'talks',
    occurredAt: at(0),
    text: '与推选的四名代表对话，人力资源科说明工资发放安排',
  });
  await recordEntry(on, deputy, incident.id, {
    kind: 'promise',
    occurredAt: at(0),
    text: '承诺三日内书面答复绩效工资核算依据',
  });
  clock.advance(25 * MIN);
  await standDown(on, ds, incident.id, { note: '演练结束：响应流程顺畅，推选代表环节用时偏长，需加强引导' });
  return { plans: 3, drills: 1 };
}
