/**
 * Issue #11 finding 4: a handler who must not see who filed an accusation followed `repeatOf` on the
 * timeline to the same person's earlier case and read the name there. A link between cases goes
 * through the same visibility decision as the cases themselves: it is shown only when the reader
 * may read the linked case AND following it reveals no identity the reader may not see here
 * (《信访工作条例》第30条第3款).
 */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import type { Org } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import {
  assignPetition,
  getPetition,
  linkRepeat,
  notAcceptPetition,
  triagePetition,
  type PetitionDeps,
} from './index.ts';

let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ org, deps } = world));

const PERSON = { name: '王大山', idNumber: '11010519491231002X', phone: '13812345678', identity: 'employee' as const };

function intake(overrides: Partial<RegisterPetitionInput>) {
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '综采一队拖欠加班工资',
    body: '本人在综采一队工作，2026年1月至2月加班工资未发放，请求尽快补发。',
    petitioners: [PERSON],
    ...overrides,
  });
}

/** Register, triage and hand to 综采一队, whose handler then reads the case. */
async function handledByTeamA1(input: ReturnType<typeof intake>) {
  const officer = org.users['officer@root']!;
  const { petition } = await registerPetition(deps, officer, input);
  await triagePetition(deps, officer, petition.id, {});
  await assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamA1.id });
  return petition;
}

/** Everything of `view` that could lead from it to another case. */
function mentions(view: { events: { data: Record<string, unknown> }[] }, other: { id: string; caseNumber: string }) {
  const text = JSON.stringify(view.events.map((e) => e.data));
  return text.includes(other.id) || text.includes(other.caseNumber);
}

describe('links between cases follow the visibility decision (issue #11 finding 4)', () => {
  it("does not lead a handler from an accusation to the accuser's earlier case (repeatOf at registration)", async () => {
    const earlier = await handledByTeamA1(intake({}));
    const accusation = await handledByTeamA1(
      intake({ type: 'accusation', purpose: 'report', title: '举报区队长克扣工资', body: '区队长长期克扣班组工资。' }),
    );
    const handler = org.users['handler@teamA1']!;
    // The handler handles both; on the earlier appeal the name is his to see, on the accusation not.
    const seen = await getPetition(deps, handler, accusation.id);
    expect(seen.petitioners).toBeNull();
    expect((await getPetition(deps, handler, earlier.id)).petitioners?.[0]?.name).toBe('王大山');
    // So the accusation's page must not say which case the same person filed before.
    expect(mentions(seen, earlier)).toBe(false);
    // The office, who may see both identities, still follows the link.
    const office = await getPetition(deps, org.users['officer@root']!, accusation.id);
    expect(office.events[0]?.data.repeatOf).toBe(earlier.id);
  });

  it('does not lead from an appeal to the same person’s accusation either (the reverse direction)', async () => {
    const accusation = await handledByTeamA1(
      intake({ type: 'accusation', purpose: 'report', title: '举报区队长克扣工资', body: '区队长长期克扣班组工资。' }),
    );
    const later = await handledByTeamA1(intake({ title: '再次反映加班工资' }));
    const handler = org.users['handler@teamA1']!;
    const seen = await getPetition(deps, handler, later.id);
    expect(seen.petitioners?.[0]?.name).toBe('王大山');
    expect(mentions(seen, accusation)).toBe(false);
  });

  it('hides an office link (关联为重复访, 并单) the reader may not follow, and keeps one he may', async () => {
    const officer = org.users['officer@root']!;
    const earlier = await handledByTeamA1(intake({}));
    const accusation = await handledByTeamA1(
      intake({
        type: 'accusation',
        purpose: 'report',
        title: '举报克扣工资',
        body: '班组长克扣工资，多次反映。',
        petitioners: [{ name: '李四', phone: '13900001111', identity: 'employee' }],
      }),
    );
    await linkRepeat(deps, officer, accusation.id, { repeatOfId: earlier.id });
    const handler = org.users['handler@teamA1']!;
    expect(mentions(await getPetition(deps, handler, accusation.id), earlier)).toBe(false);
    expect((await getPetition(deps, officer, accusation.id)).events.at(-1)?.data).toMatchObject({
      repeatOf: earlier.id,
      repeatOfCase: earlier.caseNumber,
    });

    // Two appeals: both identities are the handler's to see, so the merge link stays.
    const main = await handledByTeamA1(intake({ title: '反映工资问题', body: '三个月工资没有发放，请求解决。' }));
    const { petition: duplicate } = await registerPetition(
      deps,
      officer,
      intake({ title: '重复反映工资', body: '工资仍未发放，请求解决。' }),
    );
    await notAcceptPetition(deps, officer, duplicate.id, { reason: '并单处理', relatedPetitionId: main.id });
    const merged = await getPetition(deps, officer, duplicate.id);
    expect(merged.events.at(-1)?.data.relatedPetitionId).toBe(main.id);
  });

  it('hides a link to a case the reader may not read at all', async () => {
    const officer = org.users['officer@root']!;
    const { petition: elsewhere } = await registerPetition(deps, officer, intake({}));
    await triagePetition(deps, officer, elsewhere.id, {});
    await assignPetition(deps, officer, elsewhere.id, { handlingUnitId: org.units.teamB1.id });
    const here = await handledByTeamA1(intake({ title: '再次反映加班工资' }));
    const handler = org.users['handler@teamA1']!;
    await expect(getPetition(deps, handler, elsewhere.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(mentions(await getPetition(deps, handler, here.id), elsewhere)).toBe(false);
    expect(mentions(await getPetition(deps, officer, here.id), elsewhere)).toBe(true);
  });
});
