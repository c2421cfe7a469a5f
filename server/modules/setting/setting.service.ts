/**
 * Settings (设置): the one reader and writer of every knob. A value is set at a unit — the
 * enterprise, or a mine/company where the key allows it — and holds for that unit's subtree; the
 * nearest value up the tree wins, else the key's default (common/schemas/setting.ts). Reading all
 * keys for a unit is one statement. Writing checks the key's levels and the action it needs at that
 * unit (a mine's administrator changes only the mine's values), validates the value with the key's
 * schema (naming the field), and audits before and after in the same transaction.
 */
import type { Kysely } from 'kysely';
import { can, type Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  SETTINGS,
  SETTING_KEYS,
  settingDefinition,
  type SettingKey,
  type SettingLevel,
  type SettingListView,
  type SettingValue,
  type SettingValues,
  type SettingView,
} from '../../../common/schemas/setting.ts';
import type { UnitKind } from '../../../common/schemas/unit.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { findUnitById, findUnitNames } from '../unit/index.ts';
import { deleteValue, upsertValue, valuesAt, type SettingValueRow } from './setting.repository.ts';

/** The unit ids of a materialised path, root first: `/r/m/t/` → [r, m, t]. */
function pathIds(path: string): string[] {
  return path.split('/').filter((id) => id.length > 0);
}

/** The level a unit stands at for settings: the root is the enterprise; a mine or company below it. */
export function levelOf(unit: { kind: UnitKind; depth: number }): SettingLevel | null {
  if (unit.depth === 0) return 'enterprise';
  if (unit.depth === 1 && (unit.kind === 'mine' || unit.kind === 'company')) return 'mine';
  return null;
}

function parse<K extends SettingKey>(key: K, json: string): SettingValue<K> | undefined {
  const parsed = SETTINGS[key].schema.safeParse(JSON.parse(json));
  return parsed.success ? (parsed.data as SettingValue<K>) : undefined;
}

type Resolved = { value: unknown; source: SettingValueRow | null };

/** For each key, the nearest valid value up the path (only rows at a level the key allows), else the default. */
function resolve(
  path: string,
  rows: readonly SettingValueRow[],
  keys: readonly SettingKey[],
): Map<SettingKey, Resolved> {
  const ids = pathIds(path);
  const result = new Map<SettingKey, Resolved>();
  for (const key of keys) {
    const levels = settingDefinition(key).levels;
    let best: { depth: number; row: SettingValueRow; value: unknown } | null = null;
    for (const row of rows) {
      if (row.key !== key) continue;
      const depth = ids.indexOf(row.unit_id);
      // depth 0 is the enterprise, depth 1 a mine; a value at a level the key does not allow is ignored.
      const level: SettingLevel | null = depth === 0 ? 'enterprise' : depth === 1 ? 'mine' : null;
      if (level === null || !levels.includes(level)) continue;
      const value = parse(key, row.value_json);
      if (value === undefined) continue;
      if (best === null || depth > best.depth) best = { depth, row, value };
    }
    result.set(
      key,
      best === null ? { value: SETTINGS[key].default, source: null } : { value: best.value, source: best.row },
    );
  }
  return result;
}

/**
 * Every setting in force at the unit with this materialised path (the unit's own, its mine's, the
 * enterprise's, or the default), in one statement.
 */
export async function readSettings(db: Kysely<DB>, unitPath: string): Promise<SettingValues> {
  const resolved = resolve(unitPath, await valuesAt(db, pathIds(unitPath)), SETTING_KEYS);
  return Object.fromEntries([...resolved].map(([key, r]) => [key, r.value])) as SettingValues;
}

/** One setting in force at the unit with this path. */
export async function readSetting<K extends SettingKey>(
  db: Kysely<DB>,
  unitPath: string,
  key: K,
): Promise<SettingValue<K>> {
  const resolved = resolve(unitPath, await valuesAt(db, pathIds(unitPath), [key]), [key]);
  return resolved.get(key)?.value as SettingValue<K>;
}

async function unitFor(deps: ServiceDeps, unitId: string) {
  const unit = await findUnitById(deps.db, unitId);
  if (unit === undefined) throw new DomainError('NOT_FOUND', { message: 'Unit not found', details: { unitId } });
  return unit;
}

function editable(
  actor: Actor,
  key: SettingKey,
  unit: { id: string; path: string },
  level: SettingLevel | null,
): boolean {
  const definition = settingDefinition(key);
  if (level === null || !definition.levels.includes(level)) return false;
  // Figures a unit is appraised against are set for it from above; the enterprise sets its own.
  if (definition.setFromAbove === true && level !== 'enterprise' && unit.path === actor.unitPath) return false;
  return can(actor, definition.action, unit);
}

function viewOf(
  actor: Actor,
  key: SettingKey,
  unit: { id: string; path: string },
  level: SettingLevel | null,
  r: Resolved,
  names: ReadonlyMap<string, string>,
): SettingView {
  const definition = settingDefinition(key);
  const mayChange = editable(actor, key, unit, level);
  const secret = definition.secret === true;
  return {
    key,
    // A value with a key in it (a robot URL) is shown only to whoever may change it.
    value: secret && !mayChange && r.value !== null ? '••••••' : r.value,
    source: r.source === null ? 'default' : r.source.unit_id === unit.id ? 'unit' : 'inherited',
    sourceUnitId: r.source?.unit_id ?? null,
    sourceUnitName: r.source === null ? null : (names.get(r.source.unit_id) ?? null),
    levels: [...definition.levels],
    appliesToNewCasesOnly: definition.appliesTo === 'new_cases',
    editable: mayChange,
    updatedAt: r.source?.updated_at ?? null,
  };
}

/**
 * The settings in force at a unit, with where each comes from and whether the actor may change it.
 * Whoever reads the unit reads its settings. @throws NOT_FOUND (unknown unit or out of reach)
 */
export async function listSettings(deps: ServiceDeps, actor: Actor, unitId: string): Promise<SettingListView> {
  const unit = await unitFor(deps, unitId);
  if (!can(actor, 'unit.read', unit))
    throw new DomainError('NOT_FOUND', { message: 'Unit not found', details: { unitId } });
  const level = levelOf(unit);
  const resolved = resolve(unit.path, await valuesAt(deps.db, pathIds(unit.path)), SETTING_KEYS);
  // A value comes from the unit or one above it: their names only (the enterprise's is public anyway).
  const names = await findUnitNames(deps.db, pathIds(unit.path));
  return {
    unitId,
    level,
    items: SETTING_KEYS.map((key) =>
      viewOf(actor, key, unit, level, resolved.get(key) ?? { value: SETTINGS[key].default, source: null }, names),
    ),
  };
}

/**
 * Set a value at a unit.
 * @throws NOT_FOUND (unit), FORBIDDEN (the key is not set at this level, or the actor may not),
 *   VALIDATION_FAILED (the value breaks the key's schema; each issue names its field under `value`)
 */
export async function updateSetting(
  deps: ServiceDeps,
  actor: Actor,
  key: SettingKey,
  input: { unitId: string; value: unknown },
): Promise<SettingView> {
  const unit = await unitFor(deps, input.unitId);
  const level = levelOf(unit);
  if (!editable(actor, key, unit, level)) {
    throw new DomainError('FORBIDDEN', {
      message: `You may not set ${key} at this unit`,
      details: { key, unitId: unit.id, level, levels: SETTINGS[key].levels },
    });
  }
  const parsed = SETTINGS[key].schema.safeParse(input.value);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `Invalid value for ${key}`,
      details: {
        in: 'body',
        issues: parsed.error.issues.map((issue) => ({
          path: ['value', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: issue.message,
        })),
      },
    });
  }
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = resolve(unit.path, await valuesAt(trx, pathIds(unit.path), [key]), [key]).get(key)?.value;
    await upsertValue(trx, {
      unit_id: unit.id,
      key,
      value_json: JSON.stringify(parsed.data),
      updated_by: actor.id,
      updated_at: at,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'setting.update',
      entityType: 'setting',
      entityId: `${unit.id}:${key}`,
      before: { value: auditable(key, before) },
      after: { value: auditable(key, parsed.data) },
    });
  });
  return (await listSettings(deps, actor, unit.id)).items.find((item) => item.key === key) as SettingView;
}

/** Clear the unit's own value, so the one above (or the default) holds again. @throws NOT_FOUND, FORBIDDEN */
export async function clearSetting(
  deps: ServiceDeps,
  actor: Actor,
  key: SettingKey,
  unitId: string,
): Promise<SettingView> {
  const unit = await unitFor(deps, unitId);
  if (!editable(actor, key, unit, levelOf(unit))) {
    throw new DomainError('FORBIDDEN', { message: `You may not clear ${key} at this unit`, details: { key, unitId } });
  }
  await deps.db.transaction().execute(async (trx) => {
    if (await deleteValue(trx, unit.id, key)) {
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'setting.clear',
        entityType: 'setting',
        entityId: `${unit.id}:${key}`,
      });
    }
  });
  return (await listSettings(deps, actor, unit.id)).items.find((item) => item.key === key) as SettingView;
}

/** What the audit row keeps of a value: the value itself, but never a secret (a robot URL with its key). */
function auditable(key: SettingKey, value: unknown): unknown {
  return settingDefinition(key).secret === true && value !== null && value !== undefined ? '(secret)' : value;
}
