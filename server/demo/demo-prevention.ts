/**
 * The demo's 源头预防 (issue #15 part A), through the services: the three-level network of 东山煤矿's
 * 区队 (their 包联领导, a 信息员), a group campaign before the holiday that 东山煤矿 综采一队 answered
 * with a hazard its mine took on and 南峪煤矿 综采一队 answered 无隐患, and a hazard at 北岭煤矿
 * cleared by the group. The rest of the campaign is still to be answered.
 */
import { addCalendarDays, localDateOf } from '../../common/domain/calendar.ts';
import {
  AnswerReturnInputSchema,
  CampaignInputSchema,
  CreateHazardInputSchema,
} from '../../common/schemas/prevention.ts';
import {
  addMeasure,
  createHazard,
  decideClearing,
  leadHazard,
  listHazards,
  requestClearing,
} from '../modules/prevention/hazard.service.ts';
import { answerCampaign, createCampaign } from '../modules/prevention/screening.service.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';
import { setUnitNetwork } from '../modules/unit/unit.service.ts';
import { demoActor } from './demo-people.ts';

export async function seedDemoPrevention(
  deps: PetitionDeps,
  now: Date,
): Promise<{ campaigns: number; hazards: number }> {
  const today = localDateOf(now.toISOString());
  const admin = await demoActor(deps.db, 'admin');
  const deputy = await demoActor(deps.db, 'dongshan.deputy');
  const teamHead = await demoActor(deps.db, 'dongshan.t1');
  const mineChief = await demoActor(deps.db, 'dongshan.chief');
  await setUnitNetwork(deps, admin, teamHead.unitId, {
    leaderUserId: deputy.id,
    infoOfficerUserId: null,
    infoOfficerName: '刘文斌',
    infoOfficerPhone: '13731001234',
  });

  const campaign = await createCampaign(
    deps,
    await demoActor(deps.db, 'officer'),
    CampaignInputSchema.parse({
      topic: '节前矛盾纠纷和隐患集中排查',
      description: '重点排查欠薪、工伤待遇、改制安置、班组矛盾等苗头性问题，无隐患的也须报送。',
      periodFrom: today,
      periodTo: addCalendarDays(today, 20),
      dueDate: addCalendarDays(today, 14),
      unitKinds: ['mine', 'district_team'],
    }),
  );
  await answerCampaign(
    deps,
    teamHead,
    campaign.id,
    AnswerReturnInputSchema.parse({
      nil: false,
      hazards: [
        {
          title: '综采一队部分职工对三月绩效考核扣款有意见，酝酿集体反映',
          location: '东山煤矿综采一队',
          workersInvolved: 23,
          categoryCode: '0101',
          riskLevel: 'high',
        },
      ],
    }),
  );
  await answerCampaign(
    deps,
    await demoActor(deps.db, 'nanyu.t1'),
    campaign.id,
    AnswerReturnInputSchema.parse({ nil: true }),
  );
  const found = (await listHazards(deps, mineChief, {})).items[0]?.id ?? '';
  await leadHazard(deps, mineChief, found, { leadLeaderId: mineChief.id, responsibleDepartment: '人力资源科' });
  await addMeasure(deps, mineChief, found, {
    text: '公开绩效考核细则，召开区队职工座谈会',
    dueDate: addCalendarDays(today, 7),
  });

  const beiling = await demoActor(deps.db, 'beiling.chief');
  const old = await createHazard(
    deps,
    beiling,
    CreateHazardInputSchema.parse({
      unitId: (await demoActor(deps.db, 'beiling.t1')).unitId,
      title: '综采一队夜班井下送餐不及时',
      location: '北岭煤矿综采一队',
      workersInvolved: 15,
      categoryCode: '0104',
      riskLevel: 'low',
      measures: [{ text: '调整送餐时间，增加保温设备', dueDate: today }],
    }),
  );
  await requestClearing(deps, beiling, old.id, '已调整送餐时间并配备保温箱，职工反映问题解决');
  await decideClearing(deps, await demoActor(deps.db, 'chief'), old.id, { approve: true, note: '同意销号' });
  return { campaigns: 1, hazards: 2 };
}
