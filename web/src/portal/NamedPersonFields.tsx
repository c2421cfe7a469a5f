import { useEffect, useState } from 'react';
import type { PortalUnitListView } from '../../../common/schemas/portal.ts';
import { PORTAL_MAX_NAMED } from '../../../common/schemas/portal.ts';
import { getUnits } from './api.ts';
import { BLANK_NAMED, OTHER_UNIT, type NamedPersonDraft } from './filing.ts';
import { ui } from './labels.ts';

type Props = {
  persons: NamedPersonDraft[];
  onChange: (persons: NamedPersonDraft[]) => void;
  /** 检举控告: the section is open from the start, with its explanation. */
  prominent: boolean;
  busy: boolean;
  error: string | undefined;
};

/**
 * 被反映人 on the portal: whom the matter is about — the name, the unit picked from the public list
 * (or written out when it is not there) and the position. The portal never looks accounts up: the
 * office resolves the name, and the person named never sees the petition.
 */
export function NamedPersonFields({ persons, onChange, prominent, busy, error }: Props) {
  const [units, setUnits] = useState<PortalUnitListView['items'] | null>(null);
  const open = prominent || persons.length > 0;
  useEffect(() => {
    if (!open || units !== null) return;
    getUnits().then(
      (view) => setUnits(view.items),
      () => setUnits([]),
    );
  }, [open, units]);
  const shown = prominent && persons.length === 0 ? [BLANK_NAMED] : persons;
  const update = (index: number, patch: Partial<NamedPersonDraft>) =>
    onChange(shown.map((person, i) => (i === index ? { ...person, ...patch } : person)));

  if (!open)
    return (
      <p>
        <button
          type="button"
          className="pt-link-button"
          onClick={() => onChange([BLANK_NAMED])}
          disabled={busy}
          data-testid="portal-named-open"
        >
          {ui.namedOptional}
        </button>
      </p>
    );
  return (
    <fieldset className={error === undefined ? 'pt-named' : 'pt-named pt-has-error'} data-testid="portal-named">
      <legend>{ui.named}</legend>
      {prominent && <p className="pt-hint">{ui.namedHint}</p>}
      {shown.map((person, index) => (
        <div key={index} className="pt-named-person" data-testid={`portal-named-${index}`}>
          <div className="pt-field">
            <label htmlFor={`pt-named-name-${index}`}>{ui.namedName}</label>
            <input
              id={`pt-named-name-${index}`}
              value={person.name}
              onChange={(e) => update(index, { name: e.target.value })}
              maxLength={40}
              disabled={busy}
              aria-invalid={error !== undefined && person.name.trim() === ''}
            />
          </div>
          <div className="pt-field">
            <label htmlFor={`pt-named-unit-${index}`}>{ui.namedUnit}</label>
            <select
              id={`pt-named-unit-${index}`}
              value={person.unitCode}
              onChange={(e) => update(index, { unitCode: e.target.value })}
              disabled={busy}
            >
              <option value="">{ui.namedUnitNone}</option>
              {(units ?? []).map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.path.slice(1).join(' › ') || unit.name}
                </option>
              ))}
              <option value={OTHER_UNIT}>{ui.namedUnitOther}</option>
            </select>
          </div>
          {person.unitCode === OTHER_UNIT && (
            <div className="pt-field">
              <label htmlFor={`pt-named-unit-text-${index}`}>{ui.namedUnitText}</label>
              <input
                id={`pt-named-unit-text-${index}`}
                value={person.unitText}
                onChange={(e) => update(index, { unitText: e.target.value })}
                maxLength={100}
                disabled={busy}
              />
            </div>
          )}
          <div className="pt-field">
            <label htmlFor={`pt-named-position-${index}`}>{ui.namedPosition}</label>
            <input
              id={`pt-named-position-${index}`}
              value={person.position}
              onChange={(e) => update(index, { position: e.target.value })}
              maxLength={60}
              disabled={busy}
            />
          </div>
          {(!prominent || shown.length > 1) && (
            <button
              type="button"
              className="pt-link-button"
              onClick={() => onChange(shown.filter((_, i) => i !== index))}
              disabled={busy}
            >
              {ui.namedRemove}
            </button>
          )}
        </div>
      ))}
      {error !== undefined && (
        <p className="pt-error" role="alert">
          {error}
        </p>
      )}
      {shown.length < PORTAL_MAX_NAMED && (
        <button
          type="button"
          className="pt-button pt-secondary"
          onClick={() => onChange([...shown, BLANK_NAMED])}
          disabled={busy}
        >
          {ui.namedAdd}
        </button>
      )}
    </fieldset>
  );
}
