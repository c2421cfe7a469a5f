/**
 * The demo's partners (issue #16, 《信访工作条例》第5条 多元化解): the township government and a law
 * firm with one account each, one joint reception held two weeks ago with a walk-in registered in it,
 * referred to the township and answered by the lawyer's opinion, and one 企地联调 matter about
 * subsidence with its meeting and agreement — all through the partner and mediation use cases, each
 * at the time it happened (a fixed clock), never by inserting rows.
 */
import { RegisterPetitionInputSchema } from '../../common/schemas/petition.ts';
import * as mediation from '../modules/mediation/index.ts';
import * as partner from '../modules/partner/index.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';
import { fixedClock } from '../platform/clock.ts';
import { demoActor } from './demo-people.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `days` before `now` at `hour`:00 China time, as an instant. */
function at(now: Date, days: number, hour: number): Date {
  const local = new Date(now.getTime() + 8 * HOUR - days * DAY);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour - 8));
}

function localDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}

/** @returns how many organisations, sessions and matters were created */
export async function seedDemoPartners(
  deps: PetitionDeps,
  now: Date,
): Promise<{ organisations: number; sessions: number; matters: number }> {
  const officer = await demoActor(deps.db, 'officer');
  const lawyer = await demoActor(deps.db, 'lawyer');
  const township = await demoActor(deps.db, 'township');
  const deputy = await demoActor(deps.db, 'deputy');
  const clock = fixedClock(at(now, 20, 9));
  const past = { ...deps, clock };

  const town = await partner.createOrganisation(past, officer, {
    name: '东山镇人民政府',
    kind: 'township',
    contact: '镇信访办 0351-5550101',
  });
  await partner.addMember(past, officer, town.id, { userId: township.id });
  const firm = await partner.createOrganisation(past, officer, {
    name: '金石律师事务所',
    kind: 'law_firm',
    contact: '0351-5550202',
  });
  await partner.addMember(past, officer, firm.id, { userId: lawyer.id });

  // The session two weeks ago: the partners read its cases for a week after it.
  const startsAt = at(now, 14, 9);
  const session = await partner.createSession(past, officer, {
    title: '东山片区联合接访日',
    place: '东山煤矿信访接待室',
    startsAt: startsAt.toISOString(),
    endsAt: at(now, 14, 12).toISOString(),
    accessUntil: at(now, 7, 18).toISOString(),
    partnerUserIds: [township.id, lawyer.id],
    leaderIds: [deputy.id],
  });
  clock.set(new Date(startsAt.getTime() + HOUR));
  const visit = await partner.registerVisit(past, officer, session.id, {
    petition: RegisterPetitionInputSchema.parse({
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '东山村采煤塌陷房屋开裂要求鉴定补偿',
      body: '东山村三组村民反映，近半年房屋墙体开裂、院落下沉，怀疑与东山煤矿井下开采有关，要求组织房屋安全鉴定并给予补偿。',
      anonymous: false,
      headcount: 3,
      petitioners: [{ name: '刘福贵', identity: 'villager', isRepresentative: true }],
    }),
  });
  clock.set(new Date(startsAt.getTime() + 2 * HOUR));
  await partner.giveOpinion(past, lawyer, visit.receipt.petitionId, {
    capacity: 'lawyer',
    opinion:
      '依据《煤炭法》和地方采煤塌陷治理规定，应先委托有资质的机构进行房屋安全鉴定，再按鉴定结论协商补偿或搬迁安置。',
  });
  await partner.referToPartner(past, officer, visit.receipt.petitionId, {
    organisationId: town.id,
    note: '涉及村民房屋鉴定和安置，请镇政府牵头，矿方配合。',
    expiresAt: at(now, 7, 18).toISOString(),
  });

  // The matter: opened the next day, met a week ago, agreement signed; one obligation met so far.
  clock.set(at(now, 13, 10));
  const matter = await mediation.createMatter(past, officer, {
    title: '东山村采煤塌陷房屋补偿',
    topic: 'subsidence',
    locality: '东山镇东山村',
    organisationId: town.id,
    petitionIds: [visit.receipt.petitionId],
  });
  const met = at(now, 8, 15);
  clock.set(new Date(met.getTime() + HOUR));
  await mediation.recordMeeting(past, officer, matter.id, {
    heldAt: met.toISOString(),
    place: '东山镇人民政府会议室',
    parties: '东山煤矿、东山镇人民政府、东山村村委会、村民代表3人、金石律师事务所许文静律师',
    minutes: '各方通报鉴定结果：12户房屋受采动影响。矿方同意按鉴定等级补偿，镇政府负责组织搬迁安置选址。',
  });
  await mediation.recordAgreement(past, officer, matter.id, {
    text: '一、东山煤矿按鉴定等级对12户受损房屋给予维修补偿；二、东山镇人民政府负责安置点选址和村民动员；三、各方按期履行，争议由联调小组协商。',
    signedOn: localDay(met),
    obligations: [
      { party: 'enterprise', description: '向12户村民支付房屋维修补偿款', dueOn: localDay(at(now, -20, 12)) },
      { party: 'locality', description: '确定搬迁安置点并公示', dueOn: localDay(at(now, 2, 12)) },
    ],
  });
  clock.set(at(now, 3, 10));
  const fresh = await mediation.recordMeeting(past, officer, matter.id, {
    heldAt: at(now, 3, 9).toISOString(),
    place: '东山村村委会',
    parties: '东山镇人民政府、东山村村委会、东山煤矿',
    minutes: '镇政府通报安置点选址已公示七日无异议。',
  });
  const locality = fresh.obligations.find((o) => o.party === 'locality');
  if (locality !== undefined) {
    await mediation.fulfil(past, officer, matter.id, locality.id, {
      fulfilledOn: localDay(at(now, 3, 10)),
      evidence: '镇政府安置点选址公示（第2号公告）',
    });
  }
  return { organisations: 2, sessions: 1, matters: 1 };
}
