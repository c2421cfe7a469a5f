/**
 * 考核数据 on the dashboard agree with the dashboard's own figures over the same rows: petitions
 * received per mine as the by-unit chart counts them, and the 按期办结率 as the on-time panel computes
 * it — so an appraisal scored from the registered figures matches what the leaders see.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { FiguresView } from '../../../common/schemas/figure.ts';
import { employeeLetter, serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import { acceptPetition, triagePetition } from '../petition/index.ts';
import { getDashboardFigures } from './dashboard-figures.ts';
import { getDashboard } from './dashboard.service.ts';

const world = serviceWorld({ taxonomy: true, once: true, people: [['officer', 'mineB']] });

async function petition(actor: Actor, title: string, at: string, acceptAt?: string): Promise<void> {
  world.ctx.clock.set(at);
  const { petition: p } = await registerPetition(world.deps, actor, employeeLetter(title, `${title}，请求处理。`));
  if (acceptAt === undefined) return;
  world.ctx.clock.set(acceptAt);
  await triagePetition(world.deps, actor, p.id, {});
  await acceptPetition(world.deps, actor, p.id, {});
}

const figure = (view: FiguresView, key: string) => view.figures.find((f) => f.key === key)!;

beforeAll(async () => {
  const mineA = world.user('officer@mineA');
  // February: two at mine A, one at mine B, one at the group itself; January and March one each at
  // mine A; a case accepted in December whose 办结 falls due in February, never concluded.
  await petition(mineA, '一月来信', '2026-01-20T02:00:00Z');
  await petition(mineA, '二月来信一', '2026-02-03T02:00:00Z');
  await petition(mineA, '二月来信二', '2026-02-27T15:59:00Z'); // 2026-02-27 23:59 in China: February
  await petition(mineA, '二月最后一刻之后', '2026-02-28T16:00:00Z'); // 2026-03-01 00:00 in China: March
  await petition(world.user('officer@mineB'), '乙矿二月来信', '2026-02-10T02:00:00Z');
  await petition(world.user('officer@root'), '集团二月来信', '2026-02-16T02:00:00Z');
  await petition(mineA, '十二月受理未办结', '2025-12-10T02:00:00Z', '2025-12-11T02:00:00Z');
  world.ctx.clock.set('2026-03-10T04:00:00Z');
});

describe('getDashboardFigures', () => {
  it('counts the petitions received per mine in local days, as the by-unit chart does', async () => {
    const chief = world.user('chief@root');
    const period = { from: '2026-02-01', to: '2026-02-28' };
    const view = await getDashboardFigures(world.deps, chief, period);
    const received = figure(view, 'petition.received');
    expect(received.total).toMatchObject({ value: 4, of: null });
    expect(received.byUnit.map((u) => [u.unitName, u.value])).toEqual([
      ['甲矿', 2],
      ['乙矿', 1],
      ['人力资源部', 0],
    ]);
    const dashboard = await getDashboard(world.deps, chief, period);
    expect(received.total.value).toBe(dashboard.totals.petitions.value);
    for (const u of received.byUnit.filter((b) => b.value > 0))
      expect(dashboard.byUnit.find((b) => b.label === u.unitName)?.count).toBe(u.value);
  });

  it('rates the 办结 limits due in the period as the on-time panel does', async () => {
    const chief = world.user('chief@root');
    const period = { from: '2026-02-01', to: '2026-02-28' };
    const onTime = figure(await getDashboardFigures(world.deps, chief, period), 'petition.concludedOnTime');
    const dashboard = await getDashboard(world.deps, chief, period);
    const c = dashboard.onTime.conclusion;
    expect(onTime.total).toMatchObject({ value: c.met.value, of: c.met.value + c.metLate.value + c.overdue.value });
    expect(onTime.total).toMatchObject({ value: 0, of: 1 });
    expect(onTime.byUnit.find((u) => u.unitName === '甲矿')).toMatchObject({ value: 0, of: 1 });
  });

  it('shows a mine its own figures and nothing above it; refuses who has no dashboard', async () => {
    const mineChief = world.user('chief@mineA');
    const view = await getDashboardFigures(world.deps, mineChief, { from: '2026-02-01', to: '2026-02-28' });
    expect(view.unit.name).toBe('甲矿');
    expect(figure(view, 'petition.received').total.value).toBe(2);
    await expect(getDashboardFigures(world.deps, mineChief, { unitId: world.org.units.root.id })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    await expect(getDashboardFigures(world.deps, world.user('handler@teamA1'), {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
