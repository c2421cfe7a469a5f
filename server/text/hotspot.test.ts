import { describe, expect, it } from 'vitest';
import { findHotspots, findHotspotsOffThread, HOTSPOT_INLINE_MAX, weekOf, type HotspotRecord } from './hotspot.ts';
import { loopTurns } from '../test/loop-turns.ts';

// Three matters: houses cracking in the subsidence area of 李家村 (growing, one group visit),
// unpaid wages at the 东山煤矿 coal washery (some people write twice), and unrelated single petitions.
const SUBSIDENCE: [string, string, string][] = [
  ['李家村塌陷区房屋开裂', '李家村位于采煤塌陷区，村里房屋开裂越来越严重，请求尽快搬迁安置。', '2024-03-04'],
  ['李家村塌陷区房屋裂缝要求搬迁', '我们李家村的房屋因为采煤塌陷出现裂缝，墙体开裂，要求安置。', '2024-03-20'],
  ['塌陷区李家村村民要求安置', '李家村塌陷区的房屋开裂，村民住在危房里，搬迁安置方案迟迟不公布。', '2024-03-27'],
  ['李家村房屋开裂塌陷问题', '采煤塌陷导致李家村多户房屋开裂，院墙倒塌，请求搬迁安置。', '2024-03-28'],
  ['李家村塌陷区安置房什么时候建', '李家村塌陷区的房屋开裂，听说要建安置房，什么时候能搬迁？', '2024-03-29'],
];
const WAGES: [string, string, string][] = [
  ['东山煤矿洗煤厂拖欠工资', '东山煤矿洗煤厂拖欠工人工资三个月，欠薪一直不发。', '2024-01-08'],
  ['东山煤矿洗煤厂欠薪', '东山煤矿洗煤厂的工人被拖欠工资，欠薪问题请领导过问。', '2024-01-15'],
  ['洗煤厂拖欠工资问题', '东山煤矿洗煤厂拖欠我们的工资，欠薪已经三个月了。', '2024-03-18'],
];
const SINGLES: [string, string, string][] = [
  ['井下瓦斯监测设备老化', '三号井的瓦斯监测设备老化，数据经常不准，存在安全隐患。', '2024-02-05'],
  ['职工食堂饭菜价格太高', '矿区职工食堂的饭菜价格一再上涨，质量却越来越差。', '2024-02-19'],
  ['社保缴费基数有误', '单位申报的社保缴费基数比实际工资低很多，影响以后的养老金。', '2024-03-11'],
];

function records(): HotspotRecord[] {
  return [
    ...SUBSIDENCE.map(([title, body, at], i): HotspotRecord => ({
      id: `s${i}`,
      title,
      body,
      createdAt: at,
      person: `villager-${i}`,
      groupSize: i === 0 ? 12 : 1,
    })),
    ...WAGES.map(([title, body, at], i): HotspotRecord => ({
      id: `w${i}`,
      title,
      body,
      createdAt: at,
      person: i === 2 ? 'worker-0' : `worker-${i}`,
    })),
    ...SINGLES.map(([title, body, at], i): HotspotRecord => ({
      id: `x${i}`,
      title,
      body,
      createdAt: at,
      person: `other-${i}`,
    })),
  ];
}

describe('findHotspots', () => {
  const hotspots = findHotspots(records());

  it('groups the petitions of each matter and leaves single petitions out', () => {
    expect(hotspots.map((h) => [...h.memberIds].sort())).toEqual([
      ['s0', 's1', 's2', 's3', 's4'],
      ['w0', 'w1', 'w2'],
    ]);
  });

  it('describes each hotspot: title, size, people, group petitions, keywords and weeks', () => {
    const [subsidence, wages] = hotspots;
    expect(subsidence).toMatchObject({
      size: 5,
      people: 5,
      groupPetitions: 1,
      firstAt: '2024-03-04',
      lastAt: '2024-03-29',
    });
    expect(subsidence?.title).toContain('李家村');
    expect(subsidence?.keywords).toEqual(expect.arrayContaining(['塌陷', '开裂', '安置']));
    expect(subsidence?.weekly).toEqual([
      { week: '2024-03-04', count: 1 },
      { week: '2024-03-18', count: 1 },
      { week: '2024-03-25', count: 3 },
    ]);
    expect(wages).toMatchObject({ size: 3, people: 2, groupPetitions: 0 });
    expect(wages?.title).toContain('洗煤厂');
  });

  it('measures growth against the earlier half of the period and ranks by the score', () => {
    const [subsidence, wages] = hotspots;
    // Period 2024-01-08 … 2024-03-29, middle 2024-02-17: the subsidence matter is all in the later half.
    expect(subsidence?.growth).toBe(6);
    expect(wages?.growth).toBe(0.67);
    expect(subsidence?.score).toBeGreaterThan(wages?.score ?? Infinity);
  });

  it('looks only at the period asked for', () => {
    const january = findHotspots(records(), { from: '2024-01-01', to: '2024-02-01' });
    expect(january.map((h) => [...h.memberIds].sort())).toEqual([['w0', 'w1']]);
  });

  it('honours the minimum size and the limit', () => {
    expect(findHotspots(records(), { minSize: 4 }).map((h) => h.size)).toEqual([5]);
    expect(findHotspots(records(), { limit: 1 })).toHaveLength(1);
    expect(findHotspots([])).toEqual([]);
  });
});

describe('findHotspotsOffThread', () => {
  // More texts than are clustered on the loop: the same matters, each text many times over.
  const many = (): HotspotRecord[] =>
    Array.from({ length: Math.ceil((HOTSPOT_INLINE_MAX + 1) / records().length) }, (_, copy) =>
      records().map((r) => ({ ...r, id: `${r.id}-${copy}` })),
    ).flat();

  it('finds in a worker thread what findHotspots finds, while the event loop goes on turning', async () => {
    const turns = loopTurns();
    const offThread = await findHotspotsOffThread(many(), { from: '2024-01-01', to: '2024-04-01' });
    // The requests a server answers meanwhile run: the loop turned while the worker clustered.
    expect(turns.stop()).toBeGreaterThan(0);
    expect(offThread).toEqual(findHotspots(many(), { from: '2024-01-01', to: '2024-04-01' }));
  });

  it('clusters a few texts on the loop, as findHotspots does', async () => {
    const few = records().slice(0, HOTSPOT_INLINE_MAX);
    expect(await findHotspotsOffThread(few, { from: '2024-01-01', to: '2024-04-01' })).toEqual(
      findHotspots(few, { from: '2024-01-01', to: '2024-04-01' }),
    );
  });
});

describe('weekOf', () => {
  it.each([
    ['2024-03-04', '2024-03-04'], // a Monday
    ['2024-03-10', '2024-03-04'], // the Sunday after
    ['2024-03-11T09:30:00Z', '2024-03-11'],
    ['not a date', null],
    [null, null],
  ])('%s is in the week of %s', (at, week) => {
    expect(weekOf(at)).toBe(week);
  });
});
