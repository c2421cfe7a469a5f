import { Button, Flex, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { suggestCategory } from '../../api/text.ts';
import { useT } from '../../i18n/locale-context.ts';
import { useDebouncedRequest } from './use-debounced-request.ts';

type Props = {
  title: string;
  body: string;
  /** Use a suggested category (the form's category field); absent: categories are not offered. */
  onAccept?: ((code: string) => void) | undefined;
  /** Use the suggested handling unit (assign / forward); absent: the unit is only mentioned. */
  onAcceptUnit?: ((unitId: string) => void) | undefined;
};

/**
 * 建议分类: the category model's best categories for the text with their confidence, and the unit
 * that usually handles the best one. One click uses a suggestion; the officer may still pick another.
 */
export function CategorySuggestion({ title, body, onAccept, onAcceptUnit }: Props) {
  const s = useT().textEngine.suggestion;
  const enough = `${title}${body}`.trim().length >= 4;
  const suggestion = useDebouncedRequest(enough ? { title, body } : null, suggestCategory);
  if (suggestion === null || suggestion.status === 'empty') return null;
  if (suggestion.status === 'no_model') return <Typography.Text type="secondary">{s.noModel}</Typography.Text>;
  if (suggestion.status === 'uncertain')
    return (
      <Typography.Text type="secondary" data-testid="category-no-suggestion">
        {s.uncertain}
      </Typography.Text>
    );
  const unit = suggestion.handlingUnit;
  return (
    <Flex vertical gap={4} style={{ marginBottom: 12 }} data-testid="category-suggestion">
      {onAccept !== undefined && (
        <Flex wrap gap={6} align="center">
          <Typography.Text strong>{s.title}</Typography.Text>
          {suggestion.categories
            .filter((c, index) => index === 0 || c.confidence >= 0.1)
            .map((c, index) => (
              <Button
                key={c.code}
                size="small"
                type={index === 0 ? 'primary' : 'default'}
                ghost={index === 0}
                onClick={() => onAccept(c.code)}
                data-testid={`suggest-category-${c.code}`}
              >
                {c.label} {format(s.confidence, { value: Math.round(c.confidence * 100) })}
              </Button>
            ))}
        </Flex>
      )}
      {unit !== null && (
        <Flex wrap gap={6} align="center">
          <Typography.Text type="secondary">
            {format(s.unit, { name: unit.name, share: Math.round(unit.share * 100) })}
          </Typography.Text>
          {onAcceptUnit !== undefined && (
            <Button size="small" onClick={() => onAcceptUnit(unit.id)} data-testid="suggest-unit">
              {s.acceptUnit}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
}
