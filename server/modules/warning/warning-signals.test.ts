import { describe, expect, it } from 'vitest';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { seededRandom } from '../../platform/seeded-random.ts';
import {
  levelAbove,
  namedCadreSignals,
  repeatPersonSignals,
  riskSignals,
  spikeSignals,
  type SpikeCount,
} from './warning-signals.ts';

const TODAY = '2026-05-20';
// The enterprise /E/, two mines under it, a team under mine A.
const MINE_A = '/E/A/';
const TEAM_A = '/E/A/T/';
const MINE_B = '/E/B/';

describe('signals from rows', () => {
  it('puts a case under the mine that handles it, else the one that registered it', () => {
    const rows = [1, 2, 3].map((i) => ({
      petitioner_id: 'p1',
      name: '王某',
      id: `c${i}`,
      path: TEAM_A,
      handling_path: i === 3 ? MINE_B : null,
    }));
    const [signal] = repeatPersonSignals(rows, TODAY);
    expect(signal).toMatchObject({
      kind: 'repeat_person',
      level: 'yellow',
      unitId: 'A',
      dedupeKey: 'person:p1:2026-05',
    });
    expect(signal?.petitionIds).toEqual(['c1', 'c2', 'c3']);
  });

  it.each([
    { count: 2, level: undefined },
    { count: 3, level: 'yellow' },
    { count: 5, level: 'orange' },
  ])('names a cadre in $count petitions at $level, and never tells the cadre known by account', ({ count, level }) => {
    const rows = Array.from({ length: count }, (_, i) => ({
      user_id: 'u-zhang',
      name: '张某',
      position: '矿长',
      id: `c${i}`,
      path: MINE_A,
      handling_path: null,
    }));
    const [signal] = namedCadreSignals(rows, TODAY);
    expect(signal?.level).toBe(level);
    if (signal !== undefined) {
      expect(signal.subjectUserIds).toEqual(['u-zhang']);
      expect(signal.title).toBe('张某（矿长）');
      expect(signal.dedupeKey).toBe('cadre:u-zhang:2026Q2');
    }
  });

  it('counts a cadre known only by name once per case, with no account to leave out', () => {
    const rows = ['c1', 'c1', 'c2', 'c3'].map((id) => ({
      user_id: null,
      name: '李某',
      position: null,
      id,
      path: MINE_A,
      handling_path: null,
    }));
    const [signal] = namedCadreSignals(rows, TODAY);
    expect(signal).toMatchObject({ level: 'yellow', subjectUserIds: [], petitionIds: ['c1', 'c2', 'c3'] });
  });

  it('turns each risky case into a warning at its handling unit with its reasons prefixed', () => {
    const [signal] = riskSignals([
      {
        id: 'c1',
        case_number: 'XF2026-000001',
        title: '欠薪',
        risk_level: 'red',
        risk_json: JSON.stringify([{ code: 'overdue', detail: { days: 3 } }]),
        handling_unit_id: 'A',
        registered_unit_id: 'E',
      },
    ]);
    expect(signal).toMatchObject({
      kind: 'petition_risk',
      level: 'red',
      unitId: 'A',
      title: 'XF2026-000001 欠薪',
      reasons: [{ code: 'risk.overdue', detail: { days: 3 } }],
      dedupeKey: 'petition:c1',
    });
  });

  it('finds a spike only where this week stands out from the eight before', () => {
    const at = (daysAgo: number) => new Date(Date.parse(`${TODAY}T04:00:00Z`) - daysAgo * 86_400_000).toISOString();
    const quiet = Array.from({ length: 8 }, (_, w) => ({
      id: `q${w}`,
      received_at: at(7 * (w + 1) + 1),
      category_code: '0101',
      path: MINE_A,
      handling_path: null,
    }));
    const burst = Array.from({ length: 9 }, (_, i) => ({
      id: `b${i}`,
      received_at: at(i % 5),
      category_code: '0102',
      path: MINE_A,
      handling_path: null,
    }));
    const context = {
      today: TODAY,
      period: null,
      categoryNames: new Map([['01', '劳动保障']]),
      unitNames: new Map([['A', '甲矿']]),
    };
    expect(spikeSignals(quiet, context)).toEqual([]);
    const [spike] = spikeSignals([...quiet, ...burst], context);
    expect(spike).toMatchObject({ kind: 'spike', unitId: 'A', title: '甲矿 劳动保障' });
    expect(spike?.petitionIds).toHaveLength(9);
    expect(['red', 'orange']).toContain(spike?.level);
  });

  it('raises a spike one level where the ledger holds an open 高/重大 hazard on its category at the mine, and says why', () => {
    const at = (daysAgo: number) => new Date(Date.parse(`${TODAY}T04:00:00Z`) - daysAgo * 86_400_000).toISOString();
    // Eight quiet weeks of two a week, then five this week: a modest spike (yellow or orange).
    const quiet = Array.from({ length: 16 }, (_, i) => ({
      id: `q${i}`,
      received_at: at(7 * (Math.floor(i / 2) + 1) + 1),
      category_code: '0101',
      path: MINE_A,
      handling_path: null,
    }));
    const burst = Array.from({ length: 7 }, (_, i) => ({
      id: `b${i}`,
      received_at: at(i % 5),
      category_code: '0102',
      path: MINE_A,
      handling_path: null,
    }));
    const base = { today: TODAY, period: null, categoryNames: new Map([['01', '劳动保障']]), unitNames: new Map() };
    const [plain] = spikeSignals([...quiet, ...burst], base);
    // Not yet red, so the hazard has a level to add.
    expect(['yellow', 'orange']).toContain(plain?.level);
    const hazard = { id: 'h1', title: '班中餐补贴停发', category_code: '0105', unit_path: `${MINE_A}T1/` };
    // Another mine's hazard, or another category's, changes nothing.
    const elsewhere = [
      { ...hazard, unit_path: '/R/B/T/' },
      { ...hazard, category_code: '0901' },
    ];
    expect(spikeSignals([...quiet, ...burst], { ...base, hazards: elsewhere })[0]?.level).toBe(plain?.level);
    const [raised] = spikeSignals([...quiet, ...burst], { ...base, hazards: [hazard] });
    expect(raised?.level).toBe(levelAbove(plain!.level));
    expect(raised?.reasons.at(-1)).toEqual({
      code: 'hazard',
      detail: { count: 1, hazard: '班中餐补贴停发', category: '劳动保障' },
    });
  });

  it('levelAbove: blue → yellow → orange → red, red stays', () => {
    expect((['blue', 'yellow', 'orange', 'red'] as const).map(levelAbove)).toEqual(['yellow', 'orange', 'red', 'red']);
  });

  // The scan reads the eight earlier weeks as counts per day × registering path × handling path ×
  // top-level category (warning.repository.ts, categorisedCountsBetween) and only this week's
  // petitions one by one: the warnings must be those of every petition read one by one.
  it.each([
    { seed: 1, petitions: 300, mines: 2, burstAt: '/E/A/' },
    { seed: 2, petitions: 2000, mines: 5, burstAt: '/E/C/' },
    { seed: 3, petitions: 800, mines: 3, burstAt: '/E/B/T/' },
    { seed: 4, petitions: 50, mines: 1, burstAt: '/E/A/T/' },
  ])(
    'spikes from counted earlier weeks equal spikes from every petition (seed $seed, $petitions petitions)',
    ({ seed, petitions, mines, burstAt }) => {
      const next = seededRandom(seed);
      const paths = Array.from({ length: mines }, (_, i) => `/E/${'ABCDE'[i]}/`).flatMap((p) => [p, `${p}T/`]);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
      const at = (daysAgo: number) =>
        new Date(
          Date.parse(`${TODAY}T15:59:00Z`) - daysAgo * 86_400_000 - Math.floor(next() * 86_400_000),
        ).toISOString();
      const rows = Array.from({ length: petitions }, (_, i) => ({
        id: `c${i}`,
        // From the day after today (a clock ahead) to ten weeks back: the edges of the nine weeks are crossed.
        received_at: at(Math.floor(next() * 71) - 1),
        category_code: pick(['0101', '0102', '0203', '0301', '0902']),
        path: pick(paths),
        handling_path: next() < 0.3 ? pick(paths) : null,
      }));
      // A burst this week at one place, so some spikes fire.
      for (let i = 0; i < 40; i++)
        rows.push({ id: `b${i}`, received_at: at(i % 6), category_code: '0101', path: burstAt, handling_path: null });
      const context = {
        today: TODAY,
        period: null,
        categoryNames: new Map([['01', '劳动保障']]),
        unitNames: new Map([['A', '甲矿']]),
      };
      const weekAgo = (r: { received_at: string }) => {
        const days =
          (Date.parse(`${TODAY}T00:00:00+08:00`) - Date.parse(`${localDateOf(r.received_at)}T00:00:00+08:00`)) /
          86_400_000;
        return days >= 7;
      };
      const counted = new Map<string, SpikeCount>();
      for (const r of rows.filter(weekAgo)) {
        const c = {
          day: localDateOf(r.received_at),
          path: r.path,
          handling_path: r.handling_path,
          category: r.category_code.slice(0, 2),
        };
        const key = JSON.stringify(c);
        counted.set(key, { ...c, n: (counted.get(key)?.n ?? 0) + 1 });
      }
      const byKey = (a: { dedupeKey: string }, b: { dedupeKey: string }) => (a.dedupeKey < b.dedupeKey ? -1 : 1);
      const old = spikeSignals(rows, context).sort(byKey);
      expect(old.length).toBeGreaterThan(0);
      expect(
        spikeSignals(
          rows.filter((r) => !weekAgo(r)),
          context,
          [...counted.values()],
        ).sort(byKey),
      ).toEqual(old);
    },
  );
});
