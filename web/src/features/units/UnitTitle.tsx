import { Tag } from 'antd';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { useT } from '../../i18n/locale-context.ts';
import { KIND_COLORS } from './unit-kinds.ts';

/** One tree row: the name (search match highlighted), a small kind tag, greyed when inactive. */
export function UnitTitle({ unit, highlight }: { unit: UnitView; highlight: string }) {
  const t = useT();
  return (
    <span data-testid={`unit-node-${unit.id}`}>
      <span className={unit.active ? '' : 'xf-unit-inactive'}>
        <Highlighted text={unit.name} term={highlight} />
      </span>
      <Tag
        color={unit.active ? KIND_COLORS[unit.kind] : 'default'}
        style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}
      >
        {t.unitKinds[unit.kind]}
      </Tag>
      {!unit.active && <Tag style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>{t.common.inactive}</Tag>}
    </span>
  );
}

function Highlighted({ text, term }: { text: string; term: string }) {
  const at = term.length === 0 ? -1 : text.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <span className="xf-match">{text.slice(at, at + term.length)}</span>
      {text.slice(at + term.length)}
    </>
  );
}
