import { Checkbox, Flex, Input } from 'antd';
import { OUTCOMES, type Outcome, type ReplyOutcome } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';

type Props = { value?: ReplyOutcome[]; onChange?: (value: ReplyOutcome[]) => void };

/**
 * 四个到位 as parts of the reply (《信访工作条例》第27条): each of the four that applies is ticked and says
 * what was done for it. The value keeps the table order.
 */
export function FourOutcomesInput({ value = [], onChange }: Props) {
  const t = useT();
  const byKind = new Map(value.map((o) => [o.kind, o.measures]));
  const set = (kind: Outcome, measures: string | null) => {
    const next = new Map(byKind);
    if (measures === null) next.delete(kind);
    else next.set(kind, measures);
    onChange?.(OUTCOMES.filter((o) => next.has(o)).map((o) => ({ kind: o, measures: next.get(o) ?? '' })));
  };
  return (
    <Flex vertical gap={6} data-testid="action-field-outcomes">
      {OUTCOMES.map((kind) => {
        const on = byKind.has(kind);
        return (
          <Flex key={kind} vertical gap={4}>
            <Checkbox
              checked={on}
              onChange={(event) => set(kind, event.target.checked ? (byKind.get(kind) ?? '') : null)}
              data-testid={`outcome-${kind}`}
            >
              {t.petitions.outcomes[kind]}
            </Checkbox>
            {on && (
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={2000}
                placeholder={t.petitions.outcomeMeasures}
                value={byKind.get(kind) ?? ''}
                onChange={(event) => set(kind, event.target.value)}
                data-testid={`outcome-measures-${kind}`}
              />
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The form rule: at least one of the four, and what was done for each ticked. */
export function fourOutcomesProblem(value: readonly ReplyOutcome[] | undefined): 'none' | 'measures' | null {
  if (value === undefined || value.length === 0) return 'none';
  return value.some((o) => o.measures.trim().length < 2) ? 'measures' : null;
}
