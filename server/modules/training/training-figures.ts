/**
 * The training figures (common/schemas/figure.ts; 《信访工作条例》第16条), each over the subtree of every unit
 * measured and a period of local dates (UTC+8, inclusive):
 *  - `training.hoursPerCadre` (mean): hours attended (attendance recorded present) in sessions held in the
 *    period, counted where the person works, over the active cadres (the roles of `training.take`) there;
 *  - `training.qualificationsCurrent` (rate): of the active cadres bound by at least one required course,
 *    those holding every required qualification valid on the period's last day (or today, if earlier);
 *  - `training.sessionsHeld` (count): sessions held in the period (by date, up to today), for the unit
 *    holding them.
 * The drill of each is the training pages that list the same rows.
 */
import { TRAINEE_ROLES } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { bestCertificate, isRequiredFor, qualificationState } from '../../../common/domain/training.ts';
import type { FigureValue } from '../../../common/schemas/figure.ts';
import { foldBySubtree, recordsDrill, type FigureSource } from '../../platform/figure-source.ts';
import { activeCountsByUnitPath, activePeopleUnder } from '../user/index.ts';
import { attendedHoursByPath, certificatesOfUsers, coursesAbove, sessionsHeldByPath } from './training.repository.ts';

/** The last day a figure looks at: the period's end, or today when the period runs on. */
function lastDay(to: string, now: Date): string {
  const today = localDateOf(now.toISOString());
  return to < today ? to : today;
}

const hoursPerCadre: FigureSource = {
  key: 'training.hoursPerCadre',
  version: 1,
  drill: (unit, period) => recordsDrill('/training/sessions', unit, period, {}, {}),
  kind: 'mean',
  better: 'higher',
  async compute(deps, units, period) {
    const [hours, people] = await Promise.all([
      attendedHoursByPath(deps.db, period.from, period.to),
      activeCountsByUnitPath(deps.db, TRAINEE_ROLES),
    ]);
    const byPath = new Map<string, { value: number; of: number }>();
    for (const h of hours) byPath.set(h.path, { value: Number(h.hours), of: 0 });
    for (const p of people) {
      const entry = byPath.get(p.path) ?? { value: 0, of: 0 };
      entry.of = Number(p.n);
      byPath.set(p.path, entry);
    }
    return foldBySubtree(
      'mean',
      units,
      [...byPath].map(([path, v]) => ({ path, ...v })),
    );
  },
};

const qualificationsCurrent: FigureSource = {
  key: 'training.qualificationsCurrent',
  version: 1,
  drill: (unit, period) => recordsDrill('/training/gaps', unit, period, {}, {}),
  kind: 'rate',
  better: 'higher',
  async compute(deps, units, period) {
    const asOf = lastDay(period.to, deps.clock.now());
    const result = new Map<string, FigureValue>(units.map((u) => [u.id, { value: 0, of: 0 }]));
    if (asOf < period.from) return result;
    // The people of the widest units asked; nested units share the rows.
    const roots = units.filter((u) => !units.some((o) => o !== u && u.path.startsWith(o.path)));
    const people = (await Promise.all(roots.map((u) => activePeopleUnder(deps.db, u.path, TRAINEE_ROLES)))).flat();
    const courses = await coursesAbove(deps.db, [...new Set(people.map((p) => p.unit_path))]);
    const certificates = await certificatesOfUsers(
      deps.db,
      people.map((p) => p.id),
      asOf,
    );
    const rows: { path: string; value: number; of: number }[] = [];
    for (const person of people) {
      const required = courses.filter((c) =>
        isRequiredFor(
          { requiredRoles: JSON.parse(c.required_roles_json) as string[], unitPath: c.unit_path },
          { role: person.role, unitPath: person.unit_path },
        ),
      );
      if (required.length === 0) continue;
      const mine = certificates.filter((c) => c.user_id === person.id);
      const allCurrent = required.every((course) => {
        const best = bestCertificate(
          mine.filter((c) => c.course_id === course.id).map((c) => ({ expiresOn: c.expires_on })),
        );
        return qualificationState(best, asOf, 0) !== 'expired' && best !== null;
      });
      rows.push({ path: person.unit_path, value: allCurrent ? 1 : 0, of: 1 });
    }
    return foldBySubtree('rate', units, rows);
  },
};

const sessionsHeld: FigureSource = {
  key: 'training.sessionsHeld',
  version: 1,
  drill: (unit, period) => recordsDrill('/training/sessions', unit, period, {}),
  kind: 'count',
  better: 'higher',
  async compute(deps, units, period) {
    const to = lastDay(period.to, deps.clock.now());
    if (to < period.from) return foldBySubtree('count', units, []);
    const rows = await sessionsHeldByPath(deps.db, period.from, to);
    return foldBySubtree(
      'count',
      units,
      rows.map((r) => ({ path: r.path, value: Number(r.n) })),
    );
  },
};

/** The training module's figures, registered in the figure module. */
export const figureSources: readonly FigureSource[] = [hoursPerCadre, qualificationsCurrent, sessionsHeld];
